"""Every indicator fixture: the numerators and denominators worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.indicators.harness import as_rows, load_fixture, run, warehouse

FILES = sorted((FIXTURES / "indicators").glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_fixture(path: Path, tmp_path: Path) -> None:
    fixture = load_fixture(path)
    expected = sorted(
        fixture["expected"],
        key=lambda r: (r.get("area", ""), str(r["period"]), r["breakdown"], r["group"]),
    )
    for r in expected:
        r["period"] = str(r["period"])
        r["numerator"] = float(r["numerator"])
        r["denominator"] = float(r["denominator"])
    breakdowns = {r["breakdown"] for r in expected}
    with warehouse(tmp_path / "w.duckdb", fixture["tables"]) as store:
        got = as_rows(run(store, fixture["definition"], fixture.get("parameters")), breakdowns)
    assert got == expected
