"""One suite, two backends: every definition gives identical aggregates on DuckDB and Spark,
on a mini synthetic county loaded through the real readers."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cypp.engine.compute import compute
from cypp.engine.store import Store
from cypp.indicators.definition import all_definitions

pytestmark = pytest.mark.spark
CYPP = str(Path(sys.executable).parent / "cypp")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A mini synthetic county (every return, through `cypp load`) — the whole flow's data."""
    from cypp.synth import generate

    tmp = tmp_path_factory.mktemp("backends")
    data = tmp / "data"
    generate(data, scale="county", seed=11, fraction=0.06)
    path = tmp / "w.duckdb"
    env = {
        **os.environ,
        "CYPP_WAREHOUSE": str(path),
        "CYPP_PSEUDONYM_KEY": "backend-test-key-0123456789",
    }
    for name in ("ssda903", "census", "attainment", "nccis", "survey", "published"):
        subprocess.run([CYPP, "load", name, str(data / name), "--quiet"], env=env, check=True)
    yield path


@pytest.fixture(scope="module")
def spark(filled: Path) -> Iterator[object]:
    pytest.importorskip("pyspark")
    from cypp.engine.spark import spark_backend

    with Store(filled, read_only=True) as store:
        backend = spark_backend(store)
    yield backend


def test_every_definition_agrees(filled: Path, spark: object) -> None:
    definitions = all_definitions()
    assert definitions
    with Store(filled, read_only=True) as store:
        duck = store.ibis()
        available = store.tables()
        for name, d in sorted(definitions.items()):
            on_duckdb = compute(duck, name, d, available=available)
            on_spark = compute(spark, name, d, available=available)
            assert on_duckdb.version == on_spark.version
            assert sorted(on_duckdb.aggregates, key=repr) == sorted(
                on_spark.aggregates, key=repr
            ), name
