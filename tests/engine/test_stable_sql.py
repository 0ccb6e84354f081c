"""A definition's version is the same in every process: Ibis's generated names and its
set-ordered EXCLUDE lists are normalised before hashing."""

from __future__ import annotations

import os
import subprocess
import sys

from cypp.engine.compute import stable_sql

VERSIONS = """
import ibis
from cypp.engine.compute import definition_version, plan_query, stable_sql
from cypp.indicators.definition import all_definitions
for d in sorted(all_definitions().values(), key=lambda d: d.name):
    expr, parameters = plan_query(d)
    print(d.name, definition_version(d, stable_sql(ibis.to_sql(expr, dialect="duckdb")), parameters))
"""


def test_exclude_lists_are_sorted_and_generated_names_numbered() -> None:
    sql = 'SELECT * EXCLUDE ("_rank", "_batch", "_line") FROM ibis_cache_abcdefghijklmnopqrstuvwxyz'
    assert stable_sql(sql) == 'SELECT * EXCLUDE ("_batch", "_line", "_rank") FROM ibis_generated_0'


def test_versions_do_not_depend_on_the_hash_seed() -> None:
    def versions(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", VERSIONS], capture_output=True, text=True, env=env, check=True
        )
        return run.stdout

    first = versions("1")
    assert first.count("\n") >= 20
    assert versions("2") == first == versions("3")
