"""`cypp compute` and `cypp explain` on the fake SSDA903 return, as an analyst runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CYPP = str(Path(sys.executable).parent / "cypp")
FAKE = ROOT / "src" / "cypp" / "data" / "ssda903_fake"
KEYS = {
    "indicator",
    "area",
    "period",
    "breakdown",
    "group",
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "unit",
    "polarity",
    "suppressed",
    "definition_version",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("compute")
    environment = {
        **os.environ,
        "CYPP_WAREHOUSE": str(tmp / "w.duckdb"),
        "CYPP_PSEUDONYM_KEY": "compute-test-key-0123456789",
    }
    csvs = [str(p) for p in sorted(FAKE.glob("*.csv"))]
    subprocess.run(
        [CYPP, "load", "ssda903", *csvs, "--area", "855", "-q"], env=environment, check=True
    )
    yield environment


def cypp(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CYPP, *args], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT
    )


def test_compute_json(env: dict[str, str]) -> None:
    run = cypp(env, "compute", "--all", "--format", "json", "--as-at", "2018-06-30")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    assert rows and all(set(r) == KEYS for r in rows)
    periods = {r["period"] for r in rows if r["indicator"] == "NI063" and r["breakdown"] == "all"}
    assert {"2016-03-31", "2017-03-31", "2018-03-31"} <= periods
    for r in rows:
        if r["suppressed"]:
            assert r["value"] is None and r["numerator"] is None and r["denominator"] is None
        elif r["numerator"] is not None and r["unit"] == "%":
            assert 0 <= r["numerator"] <= r["denominator"]
            assert r["ci_low"] <= r["value"] <= r["ci_high"]
    genders = {r["group"] for r in rows if r["indicator"] == "NI062" and r["breakdown"] == "gender"}
    assert genders <= {"F", "M", "unknown"} and genders
    assert "skipped NI075" in run.stderr  # no attainment loaded: said, not silently empty


def test_explain_prints_lineage_and_sql(env: dict[str, str]) -> None:
    run = cypp(env, "explain", "NI063", "--period", "2017-03-31")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "placement_stability" in out and "Cohort:" in out
    assert "ssda903 2017-18 E10000018 sha256" in out
    assert "current__ssda903__episodes" in out and "SELECT" in out
    assert "E10000018 2017-03-31:" in out


def test_explain_before_compute_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "CYPP_WAREHOUSE": str(tmp_path / "none.duckdb")}
    run = subprocess.run([CYPP, "explain", "NI063"], env=env, capture_output=True, text=True)
    assert run.returncode == 1 and "no warehouse" in run.stderr
