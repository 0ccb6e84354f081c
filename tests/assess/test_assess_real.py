"""`cypp assess` on the real published data: Leicestershire and every other council."""

from __future__ import annotations

import csv
import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from cypp.assess.assess_plan import assess_plan
from cypp.assess.gather import gather_figures, place_of
from cypp.plan import load_plan
from cypp.published.areas import default_areas
from tests.conftest import ROOT

TODAY = ROOT / "plans" / "leicestershire-today"
LAIT = ROOT / "src" / "cypp" / "data" / "published" / "dfe-lait" / "lait_bds_extract_long.csv"
CYPP = str(Path(sys.executable).parent / "cypp")


def raw(measure: str, year: str) -> dict[str, float]:
    """LA number → value, read straight from the vendored LAIT file (not through cypp)."""
    found: dict[str, float] = {}
    with LAIT.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["short_desc"] == measure and row["years"] == year:
                try:
                    found[row["old_la_code"]] = float(row["value"])
                except ValueError:
                    continue
    return found


@pytest.fixture(scope="module")
def leicestershire() -> dict[str, dict[str, object]]:
    run = subprocess.run(
        [CYPP, "assess", "--plan", str(TODAY), "--area", "E10000018", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT / "tests",
    )
    assert run.returncode == 0, run.stderr
    return {r["indicator"]: r for r in json.loads(run.stdout)}


def test_values_and_benchmarks_as_published(leicestershire: dict[str, dict[str, object]]) -> None:
    stability = leicestershire["CLA-LONG-TERM-STABILITY"]
    values = raw("LAC_LongStable%", "2025")
    assert stability["period"] == "2024-25" and stability["value"] == values["855"]
    assert stability["england"] == values["970"]  # LAIT's England row
    councils = [v for k, v in values.items() if k.isdigit() and int(k) < 970]
    assert stability["rank"] == 1 + sum(v > values["855"] for v in councils)
    assert stability["rank_of"] == len(councils)
    q1, q2, q3 = statistics.quantiles(councils, n=4, method="inclusive")  # R type 7
    v = values["855"]
    expected_band = "A" if v >= q3 else "B" if v >= q2 else "C" if v >= q1 else "D"  # high polarity
    assert stability["quartile_band"] == expected_band
    assert stability["source_measure"] == "lait:LAC_LongStable%"
    for key in (
        "indicator",
        "area",
        "period",
        "value",
        "ci_low",
        "ci_high",
        "target",
        "status",
        "direction",
        "forecast",
        "england",
        "region",
        "neighbours_mean",
        "quartile_band",
        "rank",
        "rank_of",
        "source_measure",
    ):
        assert key in stability
    neet = leicestershire["NEET-16-17"]
    assert (neet["period"], neet["value"]) == ("2024-25", 1.2)  # 1.2% as LAIT publishes it
    assert neet["status"] == "not assessed"  # today's plan sets no targets


def test_every_council_can_be_assessed() -> None:
    plan = load_plan(TODAY)
    figures = gather_figures(plan, ROOT / "no-warehouse.duckdb")
    councils = [
        a
        for a in default_areas().areas()
        if a.geographic_level == "Local authority"
        and a.current
        and a.ons_code.startswith(("E06", "E08", "E09", "E10"))
    ]
    assert len(councils) >= 150
    assessed = 0
    for council in councils:
        rows = assess_plan(plan, figures, place_of(council.ons_code, "2021"))
        assert len(rows) == len(plan.indicators)
        assessed += sum(r.value is not None for r in rows)
    assert assessed > 0.9 * len(councils) * len(plan.indicators)


def test_area_by_la_number_and_unknown_area() -> None:
    ok = subprocess.run(
        [CYPP, "assess", "--plan", str(TODAY), "--area", "855", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT / "tests",
    )
    assert ok.returncode == 0 and json.loads(ok.stdout)[0]["area"] == "E10000018"
    bad = subprocess.run(
        [CYPP, "assess", "--plan", str(TODAY), "--area", "Leicestershir"],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=ROOT / "tests",
    )
    assert bad.returncode == 1 and "Leicestershire" in bad.stderr and "Traceback" not in bad.stderr
