"""Benchmarks of computed values across a synthetic nation: England, region, neighbours,
quartile band and rank from councils computed by cypp, checked against the results by hand."""

from __future__ import annotations

import statistics
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from cypp.assess.assess_plan import Assessment, assess_plan
from cypp.assess.gather import gather_figures, place_of
from cypp.engine.run import run_plan
from cypp.engine.store import Store
from cypp.plan import load_plan
from cypp.returns.registry import readers, with_period_checks
from cypp.synth import generate
from cypp.warehouse.batch_period import batch_period
from cypp.warehouse.load import Incoming, load_batches
from cypp.warehouse.pseudonymise import Pseudonymiser
from tests.conftest import ROOT

# Leicestershire, two East Midlands councils, and two of its 2021 statistical neighbours
COUNCILS = ("E10000018", "E06000016", "E10000019", "E06000025", "E10000031")
EAST_MIDLANDS = ("E10000018", "E06000016", "E10000019")
DEMO = ROOT / "plans" / "demo"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("nation")
    data = tmp / "data"
    generate(
        data, scale="nation", seed=5, fraction=0.03, councils=COUNCILS, years=("2008/09", "2009/10")
    )
    path = tmp / "w.duckdb"
    incoming: list[Incoming] = []
    for council in COUNCILS:
        for name in ("ssda903", "attainment", "nccis"):
            for year in sorted((data / council / name).iterdir()):
                read = readers()[name]([year])
                period = batch_period(read, None, str(year))
                incoming.append(Incoming(with_period_checks(read, period), period, council))
    with Store(path) as store:
        load_batches(
            store,
            incoming,
            pseudonymiser=Pseudonymiser("nation-test-key-0123456789"),
            loaded_at=datetime(2011, 6, 1),
        )
        run_plan(
            store,
            load_plan(DEMO),
            as_at=date(2011, 6, 1),
            started=datetime(2011, 6, 1),
            threshold=5,
            only={"NI075", "NI117"},
        )
    yield path


def results(path: Path, code: str, period: str) -> dict[str, tuple[float, float, float, bool]]:
    with Store(path, read_only=True) as store:
        rows = store.fetch(
            "SELECT area, numerator, denominator, value, suppressed FROM results "
            "WHERE indicator = ? AND period = ? AND breakdown = 'all'",
            [code, period],
        )
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def assess(path: Path, code: str, model: str = "2021") -> Assessment:
    plan = load_plan(DEMO)
    rows = assess_plan(plan, gather_figures(plan, path), place_of("E10000018", model), "2009/10")
    return next(r for r in rows if r.indicator == code)


def test_benchmarks_of_computed_values(warehouse: Path) -> None:
    got = assess(warehouse, "NI075")
    by_area = results(warehouse, "NI075", "2009/10")
    assert set(by_area) == set(COUNCILS)
    # England: every council pooled; East Midlands: its three councils pooled
    assert got.england == pytest.approx(
        100 * sum(v[0] for v in by_area.values()) / sum(v[1] for v in by_area.values())
    )
    em = [by_area[c] for c in EAST_MIDLANDS]
    assert got.region == pytest.approx(100 * sum(v[0] for v in em) / sum(v[1] for v in em))
    # neighbours (2021 model): South Gloucestershire and Warwickshire are the two present
    assert got.neighbours_with_value == 2
    assert got.neighbours_mean == pytest.approx(
        (by_area["E06000025"][2] + by_area["E10000031"][2]) / 2
    )
    # rank (1 = best, higher is better) and band among the five councils
    values = [v[2] for v in by_area.values()]
    own = by_area["E10000018"][2]
    assert (got.rank, got.rank_of) == (1 + sum(v > own for v in values), 5)
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert got.quartile_band == (
        "A" if own >= q3 else "B" if own >= q2 else "C" if own >= q1 else "D"
    )


def test_lower_is_better_ranks_the_other_way(warehouse: Path) -> None:
    got = assess(warehouse, "NI117")  # NEET: lower is better
    by_area = results(warehouse, "NI117", "2009/10")
    assert len(by_area) == 5 and not any(v[3] for v in by_area.values())
    own = by_area["E10000018"][2]
    values = [v[2] for v in by_area.values()]
    assert (got.rank, got.rank_of) == (1 + sum(v < own for v in values), 5)
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    assert got.quartile_band == (
        "A" if own <= q1 else "B" if own <= q2 else "C" if own <= q3 else "D"
    )


def test_the_2025_model_names_other_neighbours(warehouse: Path) -> None:
    assert place_of("E10000018", "2025").neighbours != place_of("E10000018", "2021").neighbours
    got = assess(warehouse, "NI075", model="2025")
    assert got.neighbours_with_value == 2  # South Gloucestershire and Warwickshire again


def test_a_single_period_and_a_suppressed_value() -> None:
    from cypp.assess.assess_plan import Place
    from cypp.assess.series import Figure
    from tests.conftest import FIXTURES

    plan = load_plan(FIXTURES / "plans" / "minimal")  # NI050 has a target of 65 in 2009/10
    place = Place("E10000018", "Leicestershire", "E12000004", ())
    one = {"NI050": {"E10000018": {"2009/10": Figure("E10000018", "2009/10", 70.0, 66.0, 74.0)}}}
    got = next(r for r in assess_plan(plan, one, place) if r.indicator == "NI050")
    assert (got.status, got.direction, got.likely_to_meet_target) == (
        "met",
        "no earlier period",
        "uncertain",
    )
    assert got.forecast is None and got.rank is None and got.quartile_band is None
    hidden = {
        "NI050": {
            "E10000018": {
                "2009/10": Figure("E10000018", "2009/10", None, suppressed=True, state="c")
            }
        }
    }
    got = next(r for r in assess_plan(plan, hidden, place) if r.indicator == "NI050")
    assert got.suppressed and got.status == "not assessed" and "suppressed" in got.status_reason
