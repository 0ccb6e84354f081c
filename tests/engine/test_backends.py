"""One suite, two backends: every definition gives identical aggregates on DuckDB and Spark."""

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
from tests.conftest import FIXTURES, ROOT
from tests.indicators.harness import load_fixture, warehouse

pytestmark = pytest.mark.spark
CYPP = str(Path(sys.executable).parent / "cypp")
FAKE = ROOT / "src" / "cypp" / "data" / "ssda903_fake"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A warehouse with the fake SSDA903 return loaded through `cypp load`, plus the NI 75
    fixture's attainment and census rows."""
    tmp = tmp_path_factory.mktemp("backends")
    path = tmp / "w.duckdb"
    fixture = load_fixture(FIXTURES / "indicators" / "ni075_ks4_5ac_em.yaml")
    tables = {k: v for k, v in fixture["tables"].items() if not k.startswith("ssda903")}
    env = {
        **os.environ,
        "CYPP_WAREHOUSE": str(path),
        "CYPP_PSEUDONYM_KEY": "backend-test-key-0123456789",
    }
    csvs = [str(p) for p in sorted(FAKE.glob("*.csv"))]
    subprocess.run(
        [CYPP, "load", "ssda903", *csvs, "--area", "855", "--quiet"], env=env, check=True
    )
    warehouse(path, tables).close()
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
