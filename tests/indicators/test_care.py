"""Children in care definitions: several returns in one warehouse, and the fake SSDA903 data.

The per-indicator edge cases are YAML fixtures (ni062_*, ni063_*, ni058_*, ni101_*, ni148_*,
lcla_*); these tests cover what a single-batch fixture cannot.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from cypp.engine.store import Store
from cypp.errors import EngineError
from cypp.indicators.definition import Kind, all_definitions
from cypp.indicators.sources import view_name
from cypp.returns.ssda903 import fake_data_dir, read_ssda903
from tests.indicators.harness import AREA, arrow_table, as_rows, empty_views, run

OTHER_AREA = "E10000019"
#: The plan's care definitions; the other OC2 health columns share cla_health_assessments' code.
CARE_DEFINITIONS = (
    "placement_moves",
    "placement_stability",
    "cla_sdq_score",
    "cla_ks4_5ac_em",
    "care_leavers_eet",
    "cla_school_absence",
    "cla_health_assessments",
    "cla_review_participation",
)
HEALTH_DEFINITIONS = (
    "cla_health_assessments",
    "cla_health_checks",
    "cla_immunisations",
    "cla_teeth_checks",
)


def add_batch(store: Store, batch: str, tables: dict[str, list[dict[str, Any]]]) -> None:
    """Append rows to the warehouse as one return (batch) of their own."""
    for key, rows in tables.items():
        return_name, table = key.split("/")
        data = arrow_table(return_name, table, rows)
        data = data.set_column(
            data.schema.get_field_index("_batch"), "_batch", pa.array([batch] * len(rows))
        )
        store.append(view_name(return_name, table), data)


@pytest.fixture
def returns(tmp_path: Path) -> Iterator[Store]:
    """Two years' returns of one council, and one older return of another.

    The 2009 return (year to 31 March 2009) has M1 and M2 in open episodes; the 2010 return
    repeats them, closing M1's first placement (two moves since) and M2's care (left in May
    2009), and adds M3. Each return's OC2 scores M1 for its own year. The other council's only
    return is of 2009: its open episode ends there, not at 2010.
    """
    store = Store(tmp_path / "w.duckdb")
    add_batch(
        store,
        "b2009",
        {
            "ssda903/Header": [{"CHILD": "M1", "SEX": "1", "DOB": "2000-01-01"}],
            "ssda903/Episodes": [
                {"CHILD": "M1", "DECOM": "2008-01-01", "RNE": "S", "LS": "C2", "PLACE": "U1"},
                {"CHILD": "M2", "DECOM": "2008-09-01", "RNE": "S", "LS": "C2", "PLACE": "U1"},
            ],
            "ssda903/OC2": [{"CHILD": "M1", "DOB": "2000-01-01", "SDQ_SCORE": 10}],
        },
    )
    add_batch(
        store,
        "b2010",
        {
            "ssda903/Header": [{"CHILD": "M1", "SEX": "2", "DOB": "2000-01-01"}],
            "ssda903/Episodes": [
                {"CHILD": "M1", "DECOM": "2008-01-01", "RNE": "S", "LS": "C2", "PLACE": "U1",
                 "DEC": "2009-06-01", "REC": "X1"},
                {"CHILD": "M1", "DECOM": "2009-06-01", "RNE": "P", "LS": "C2", "PLACE": "U2",
                 "DEC": "2009-08-01", "REC": "X1"},
                {"CHILD": "M1", "DECOM": "2009-08-01", "RNE": "P", "LS": "C2", "PLACE": "U3"},
                {"CHILD": "M2", "DECOM": "2008-09-01", "RNE": "S", "LS": "C2", "PLACE": "U1",
                 "DEC": "2009-05-01", "REC": "E13"},
                {"CHILD": "M3", "DECOM": "2009-07-01", "RNE": "S", "LS": "C2", "PLACE": "U1"},
            ],
            "ssda903/OC2": [{"CHILD": "M1", "DOB": "2000-01-01", "SDQ_SCORE": 20}],
        },
    )  # fmt: skip
    add_batch(
        store,
        "c2009",
        {
            "ssda903/Episodes": [
                {"CHILD": "N1", "DECOM": "2008-05-01", "RNE": "S", "LS": "C2", "PLACE": "U1",
                 "_area": OTHER_AREA},
            ]
        },
    )  # fmt: skip
    empty_views(store)
    with store:
        yield store


def totals(store: Store, definition: str, **parameters: Any) -> list[tuple[str, str, float, float]]:
    rows = as_rows(run(store, definition, parameters or None), {"all"})
    return [(r.get("area", AREA), r["period"], r["numerator"], r["denominator"]) for r in rows]


def test_episodes_repeated_by_later_returns_count_once(returns: Store) -> None:
    # 2008: M1 (the 2009 return looks back to it). 2009: M1 and M2 with one placement each.
    # 2010: M1 held U1 on 1 April and moved twice (3 placements), M3 entered (1); M2 left.
    # The other council: N1 at 2009 only.
    assert totals(returns, "placement_moves") == [
        (AREA, "2008-03-31", 0.0, 1.0),
        (AREA, "2009-03-31", 0.0, 2.0),
        (AREA, "2010-03-31", 1.0, 2.0),
        (OTHER_AREA, "2009-03-31", 0.0, 1.0),
    ]


def test_each_oc2_row_describes_its_own_return(returns: Store) -> None:
    # M1 was looked after for 12 months at both 31 Marches; each return's score is its year's.
    assert totals(returns, "cla_sdq_score") == [
        (AREA, "2009-03-31", 10.0, 1.0),
        (AREA, "2010-03-31", 20.0, 1.0),
    ]
    assert totals(returns, "cla_sdq_score", oc2_year="collection") == [
        (AREA, "2009-03-31", 10.0, 1.0),
        (AREA, "2010-03-31", 20.0, 1.0),
    ]


def test_the_latest_header_gives_the_breakdowns(returns: Store) -> None:
    rows = as_rows(run(returns, "cla_sdq_score"), {"gender"})
    assert {(r["period"], r["group"]) for r in rows} == {("2009-03-31", "F"), ("2010-03-31", "F")}


def test_each_oc2_health_column(tmp_path: Path) -> None:
    oc2 = [
        {"CHILD": "K1", "HEALTH_ASSESSMENT": "1", "HEALTH_CHECK": "1", "IMMUNISATIONS": "1"},
        {"CHILD": "K2", "HEALTH_ASSESSMENT": "0", "HEALTH_CHECK": "1", "IMMUNISATIONS": "1"},
        {"CHILD": "K3", "HEALTH_CHECK": "0", "IMMUNISATIONS": "1", "TEETH_CHECK": "0"},
    ]
    # K1-K3 looked after from June 2008; K4's start dates the return to the year to March 2010
    episodes = [
        {"CHILD": c, "DECOM": d, "RNE": "S", "LS": "C2", "PLACE": "U1"}
        for c, d in (("K1", "2008-06-01"), ("K2", "2008-06-01"), ("K3", "2008-06-01"),
                     ("K4", "2010-01-01"))
    ]  # fmt: skip
    with Store(tmp_path / "w.duckdb") as store:
        add_batch(store, "b", {"ssda903/Episodes": episodes, "ssda903/OC2": oc2})
        empty_views(store)
        got = {d: totals(store, d) for d in HEALTH_DEFINITIONS}
    period = (AREA, "2010-03-31")
    assert got == {
        "cla_health_assessments": [(*period, 1.0, 3.0)],  # K1
        "cla_health_checks": [(*period, 2.0, 3.0)],  # K1, K2
        "cla_immunisations": [(*period, 3.0, 3.0)],  # K1, K2, K3
        "cla_teeth_checks": [(*period, 0.0, 3.0)],  # K3's is 0, the others blank
    }


def test_unknown_choices_are_refused(returns: Store) -> None:
    with pytest.raises(EngineError, match="oc2_year 'every'"):
        run(returns, "cla_sdq_score", {"oc2_year": "every"})
    with pytest.raises(EngineError, match="unmatched 'drop'"):
        run(returns, "cla_ks4_5ac_em", {"unmatched": "drop"})


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The vendored fake SSDA903 CSVs (episodes 2015-2018) as one return of one council."""
    read = read_ssda903(sorted(fake_data_dir().glob("*.csv")))
    store = Store(tmp_path_factory.mktemp("fake") / "w.duckdb")
    for name, table in read.tables.items():
        n = table.num_rows
        table = table.append_column("_area", pa.array([AREA] * n, pa.string()))
        table = table.append_column("_batch", pa.array(["fake"] * n, pa.string()))
        store.append(view_name("ssda903", name), table)
    empty_views(store)
    with store:
        yield store


#: The fake data has no KS4 or attendance rows (its children are kept as unmatched) and its
#: care leavers turn 17, not 19, in the return's year.
FAKE_PARAMETERS: dict[str, dict[str, Any]] = {
    "cla_ks4_5ac_em": {"unmatched": "include"},
    "cla_school_absence": {"unmatched": "include"},
    "care_leavers_eet": {"birthday_age": 17},
}
SNAPSHOTS = ("2016-03-31", "2017-03-31", "2018-03-31")


@pytest.mark.parametrize("definition", CARE_DEFINITIONS)
def test_fake_return_gives_sane_values(fake: Store, definition: str) -> None:
    assert definition in all_definitions()
    got = {
        period: (num, den)
        for _, period, num, den in totals(fake, definition, **FAKE_PARAMETERS.get(definition, {}))
    }
    # The care leavers' 17th birthdays fall in the return's own year only; no child is in
    # Year 11 at 2016; the one OC2 row placed at 2016 has no score.
    expected_periods = {
        "care_leavers_eet": ("2018-03-31",),
        "cla_ks4_5ac_em": ("2017-03-31", "2018-03-31"),
        "cla_sdq_score": ("2017-03-31", "2018-03-31"),
    }.get(definition, SNAPSHOTS)
    for period in expected_periods:
        num, den = got[period]
        assert den > 0, period
        if all_definitions()[definition].kind is Kind.MEAN:
            assert 0 <= num / den <= 40
        else:
            assert 0 <= num <= den


def test_snapshots_before_a_returns_look_back_are_not_reported(tmp_path: Path) -> None:
    # one return for the year to 31 March 2010 holding a child in care since 2001: only the
    # 31 Marches 2008-2010 (its year and the two before) are reported, not 2002-2007
    with Store(tmp_path / "w.duckdb") as store:
        add_batch(
            store,
            "b2010",
            {
                "ssda903/Header": [{"CHILD": "L1", "SEX": "1", "DOB": "1998-01-01"}],
                "ssda903/Episodes": [
                    {"CHILD": "L1", "DECOM": "2001-05-01", "RNE": "S", "LS": "C2", "PLACE": "U1"},
                    {"CHILD": "L2", "DECOM": "2010-02-01", "RNE": "S", "LS": "C2", "PLACE": "U1"},
                ],
            },
        )
        empty_views(store)
        periods = [p for _, p, _, _ in totals(store, "placement_moves")]
    assert periods == ["2008-03-31", "2009-03-31", "2010-03-31"]
