"""Open data in DfE's tidy layout, worked out by hand from a small report.

The report (``hand_report``) is Leicestershire in the demo plan, as at 2010/11:
- NI 75: 52.0 (50–54) in 2009/10 and 57.5 (55–60) in 2010/11, target 56 → met; the rise of
  5.5 exceeds 1.96 × √((4/3.92)² + (5/3.92)²) ≈ 3.2, so improving. England 55; the one
  neighbour (Somerset) 60; councils 45, 50, 57.5, 60 have quartiles 48.75/53.75/58.125, so
  band B and rank 2 of 4. 2008/09 has a target (50) but no figure; 2009/10 sits halfway on
  the trajectory from 50 to 56: 53.
- the NI 75 FSM gap: suppressed in 2009/10, 20 pp (15–25) in 2010/11;
- NI 101 suppressed at 31 March 2011 (target 15);
- NI 112 (published, calendar year, no interval): 30 per 1,000 in 2010 against 40.2 × 0.55
  = 22.11 → off track;
- NI 19 (financial year) 12 in 2009-10, with no target;
- FSS is not yet established; NI 56 has no figure at all;
- breakdowns of NI 75 in 2010/11: FSM 40 (35–45, 40 of 100), girls suppressed, and a school
  whose name starts with "=" (a formula, if a spreadsheet were careless).
"""

from __future__ import annotations

import csv
import json
import re
from datetime import date, datetime
from pathlib import Path

import jsonschema  # type: ignore[import-untyped]
import pytest

from cypp.assess.assess_plan import Place
from cypp.assess.series import BreakdownFigure, Figure, Figures
from cypp.periods import PeriodType
from cypp.plan.model import ActionStatus
from cypp.plan.validate import load_plan
from cypp.report.content import ActionUpdate, BoardReport, Commentary, Workspace, build_report
from cypp.report.open_data import (
    COLUMNS,
    latest_ended,
    number,
    open_data_document,
    tidy_rows,
    time_columns,
    write_csv,
    write_json,
)
from tests.conftest import ROOT

AREA, ENGLAND, SOMERSET = "E10000018", "E92000001", "E10000027"
SCHEMA = json.loads((ROOT / "docs" / "open-data-schema.json").read_text(encoding="utf-8"))
INJECTION = '=HYPERLINK("http://example.org","click")'
NO_NAN = re.compile(r"\b(nan|NaN|None)\b")


def hand_figures() -> Figures:
    def own(period: str, value: float | None, low: float | None = None, high: float | None = None,
            suppressed: bool = False) -> Figure:  # fmt: skip
        return Figure(AREA, period, value, low, high, suppressed, "c" if suppressed else "value")

    return {
        "NI075": {
            AREA: {"2009/10": own("2009/10", 52.0, 50.0, 54.0), "2010/11": own("2010/11", 57.5, 55.0, 60.0)},
            ENGLAND: {"2010/11": Figure(ENGLAND, "2010/11", 55.0)},
            SOMERSET: {"2010/11": Figure(SOMERSET, "2010/11", 60.0)},
            "E10000019": {"2010/11": Figure("E10000019", "2010/11", 50.0)},
            "E10000021": {"2010/11": Figure("E10000021", "2010/11", 45.0)},
        },
        "NI075:fsm_gap": {
            AREA: {"2009/10": own("2009/10", None, suppressed=True), "2010/11": own("2010/11", 20.0, 15.0, 25.0)}
        },
        "NI101": {AREA: {"2011-03-31": own("2011-03-31", None, suppressed=True)}},
        "NI112": {AREA: {"2010": own("2010", 30.0)}},
        "NI019": {AREA: {"2009-10": own("2009-10", 12.0)}},
    }  # fmt: skip


def hand_report(*, illustrative: bool = True) -> BoardReport:
    plan = load_plan(ROOT / "plans" / "demo")
    if not illustrative:
        plan = plan.model_copy(
            update={"plan": plan.plan.model_copy(update={"illustrative": False})}
        )
    workspace = Workspace(
        commentary={("NI075", "2010/11"): Commentary(INJECTION, author="Priority lead")},
        actions={
            "key-stage-4-improvement-programme": ActionUpdate(
                ActionStatus.AT_RISK, "+ see the board minutes"
            )
        },
    )
    return build_report(
        plan,
        hand_figures(),
        Place(AREA, "Leicestershire", "E12000004", (SOMERSET,)),
        period="2010/11",
        workspace=workspace,
        sources=("Attainment (Key Stage results): 2009/10 to 2010/11",),
        generated=datetime(2011, 9, 30, 10, 0),
        breakdowns=(
            BreakdownFigure("NI075", "2010/11", "fsm", "FSM", 40.0, 35.0, 45.0, False, 40, 100),
            BreakdownFigure("NI075", "2010/11", "gender", "F", None, None, None, True, None, None),
            BreakdownFigure("NI075", "2010/11", "school", "=1+1", 61.0, 50.0, 71.0, False, 61, 100),
        ),
    )


@pytest.fixture(scope="module")
def rows() -> list[dict[str, object]]:
    return tidy_rows(hand_report())


def pick(rows: list[dict[str, object]], indicator: str, period: str, topic: str = "Total",
         group: str = "Total") -> dict[str, object]:  # fmt: skip
    found = [
        r for r in rows
        if (r["indicator"], r["period"], r["breakdown_topic"], r["breakdown"])
        == (indicator, period, topic, group)
    ]  # fmt: skip
    assert len(found) == 1, found
    return found[0]


GEOGRAPHY = {
    "geographic_level": "Local authority",
    "country_code": "E92000001",
    "country_name": "England",
    "region_code": "E12000004",
    "region_name": "East Midlands",
    "new_la_code": "E10000018",
    "old_la_code": "855",
    "la_name": "Leicestershire",
}
NI075_NAME = (
    "Achievement of 5 or more A*-C grades at GCSE or equivalent including English and Maths"
)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2010/11", (201011, "Academic year")),
        ("1999/00", (199900, "Academic year")),
        ("2010-11", (201011, "Financial year")),
        ("2010", (2010, "Calendar year")),
        ("2011-03-31", (2011, "Reporting year")),
        ("2010 Q1", ("x", "x")),
    ],
)
def test_time_columns_in_dfe_form(label: str, expected: tuple[object, str]) -> None:
    assert time_columns(label) == expected


def test_latest_ended_period_of_each_kind() -> None:
    end_of_2010_11 = date(2011, 8, 31)
    assert [latest_ended(k, end_of_2010_11) for k in PeriodType] == [
        "2010/11", "2010-11", "2010", "2011-03-31"
    ]  # fmt: skip
    day_before_year_end = date(2011, 3, 30)
    assert [latest_ended(k, day_before_year_end) for k in PeriodType] == [
        "2009/10", "2009-10", "2010", "2010-03-31"
    ]  # fmt: skip


def test_numbers_are_rounded_and_missing_is_a_symbol() -> None:
    assert number(0.1 + 0.2) == 0.3
    assert number(56.0) == 56 and isinstance(number(56.0), int)
    assert number(None) == "x" and number(float("nan")) == "x" and number(None, "z") == "z"


def test_whole_cohort_row_of_the_period_assessed(rows: list[dict[str, object]]) -> None:
    assert pick(rows, "NI075", "2010/11") == {
        "time_period": 201011,
        "time_identifier": "Academic year",
        "period": "2010/11",
        **GEOGRAPHY,
        "indicator": "NI075",
        "indicator_name": NI075_NAME,
        "breakdown_topic": "Total",
        "breakdown": "Total",
        "value": 57.5,
        "ci_lower": 55,
        "ci_upper": 60,
        "numerator": "x",
        "denominator": "x",
        "unit": "%",
        "polarity": "high",
        "target": 56,
        "target_type": "target",
        "status": "met",
        "direction": "improving",
        "england_value": 55,
        "neighbours_value": 60,
        "quartile_band": "B",
    }


def test_earlier_rows_carry_targets_but_no_judgement(rows: list[dict[str, object]]) -> None:
    earlier = pick(rows, "NI075", "2009/10")
    assert (earlier["value"], earlier["target_type"], earlier["status"]) == (52, "trajectory", "z")
    assert earlier["target"] == pytest.approx(53.0, abs=1e-6)
    no_figure = pick(rows, "NI075", "2008/09")  # a target year with no figure
    assert (no_figure["value"], no_figure["ci_lower"], no_figure["target"]) == ("x", "x", 50)
    assert (no_figure["england_value"], no_figure["quartile_band"]) == ("x", "z")


def test_suppressed_figures_are_c(rows: list[dict[str, object]]) -> None:
    ni101 = pick(rows, "NI101", "2011-03-31")
    assert (ni101["time_period"], ni101["time_identifier"]) == (2011, "Reporting year")
    assert [ni101[c] for c in ("value", "ci_lower", "ci_upper", "numerator", "denominator")] == [
        "c"
    ] * 5
    assert (ni101["target"], ni101["status"]) == (15, "not assessed")
    girls = pick(rows, "NI075", "2010/11", "Gender", "F")
    assert (girls["value"], girls["numerator"], girls["status"]) == ("c", "c", "z")


def test_published_figure_has_no_interval_and_other_kinds_of_year(
    rows: list[dict[str, object]],
) -> None:
    ni112 = pick(rows, "NI112", "2010")
    assert (ni112["time_period"], ni112["time_identifier"], ni112["unit"]) == (
        2010, "Calendar year", "rate per 1,000"
    )  # fmt: skip
    assert (ni112["value"], ni112["ci_lower"], ni112["ci_upper"]) == (30, "z", "z")
    assert (ni112["target"], ni112["status"]) == (22.11, "off track")
    ni019 = pick(rows, "NI019", "2009-10")
    assert (ni019["time_period"], ni019["time_identifier"], ni019["value"]) == (
        200910, "Financial year", 12
    )  # fmt: skip
    assert (ni019["target"], ni019["target_type"], ni019["status"]) == ("z", "z", "not assessed")


def test_indicators_without_figures_have_one_row_of_x(rows: list[dict[str, object]]) -> None:
    fss = pick(rows, "FSS", "2010-11")  # financial year, the latest ended by 31 August 2011
    assert (fss["time_period"], fss["value"], fss["status"]) == (201011, "x", "not yet established")
    ni056 = pick(rows, "NI056", "2010/11")
    assert (ni056["value"], ni056["status"]) == ("x", "not assessed")


def test_gaps_and_breakdowns(rows: list[dict[str, object]]) -> None:
    words = "Gap between pupils eligible for free school meals and the rest"
    gap = pick(rows, "NI075", "2010/11", "FSM gap", words)
    assert (gap["value"], gap["ci_lower"], gap["unit"], gap["polarity"]) == (
        20, 15, "percentage points", "low"
    )  # fmt: skip
    assert pick(rows, "NI075", "2009/10", "FSM gap", words)["value"] == "c"
    fsm = pick(rows, "NI075", "2010/11", "FSM", "FSM")
    assert [fsm[c] for c in ("value", "ci_lower", "ci_upper", "numerator", "denominator")] == [
        40, 35, 45, 40, 100
    ]  # fmt: skip
    assert all(fsm[c] == "z" for c in ("target", "status", "england_value", "quartile_band"))
    # plan order: NI 75's whole cohort, then its gap, then its groups
    ni075 = [(r["breakdown_topic"], r["period"]) for r in rows if r["indicator"] == "NI075"]
    assert ni075 == [
        ("Total", "2008/09"), ("Total", "2009/10"), ("Total", "2010/11"),
        ("FSM gap", "2009/10"), ("FSM gap", "2010/11"),
        ("FSM", "2010/11"), ("Gender", "2010/11"), ("School", "2010/11"),
    ]  # fmt: skip


def test_csv_is_formula_safe_with_hand_worked_line(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    write_csv(hand_report(), path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert (
        "201011,Academic year,2010/11,Local authority,E92000001,England,E12000004,"
        "East Midlands,E10000018,855,Leicestershire,NI075,"
        f"{NI075_NAME},Total,Total,57.5,55,60,x,x,%,high,56,target,met,improving,55,60,B"
    ) in lines
    school = next(r for r in csv.DictReader(text.splitlines()) if r["breakdown_topic"] == "School")
    assert school["breakdown"] == "'=1+1" and school["value"] == "61"
    assert not NO_NAN.search(text)
    assert all(len(r) == len(COLUMNS) for r in csv.reader(lines))


def test_json_validates_against_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "open.json"
    write_json(hand_report(), path)
    text = path.read_text(encoding="utf-8")
    assert not NO_NAN.search(text)
    document = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft202012Validator(SCHEMA).validate(document)
    assert document == json.loads(json.dumps(open_data_document(hand_report())))
    meta = document["metadata"]
    assert meta["licence"] == "Open Government Licence v3.0"
    assert (meta["period"], meta["as_at"], meta["illustrative_targets"]) == (
        "2010/11", "2011-08-31", True
    )  # fmt: skip
    assert meta["not_yet_established"][0]["indicator"] == "FSS"
    data = document["data"]
    ni101 = next(r for r in data if r["indicator"] == "NI101")
    assert (ni101["value"], ni101["suppressed"], ni101["target"]) == (None, True, 15)
    ni075 = next(r for r in data if r["indicator"] == "NI075" and r["period"] == "2010/11")
    assert (ni075["time_period"], ni075["value"], ni075["numerator"], ni075["suppressed"]) == (
        201011, 57.5, None, False
    )  # fmt: skip


def test_schema_describes_every_column() -> None:
    row = SCHEMA["$defs"]["row"]
    assert row["required"] == [*COLUMNS, "suppressed"]
    assert list(row["properties"]) == [*COLUMNS, "suppressed"]


def test_a_row_the_schema_refuses() -> None:
    document = open_data_document(hand_report())
    data = document["data"]
    assert isinstance(data, list)
    data[0]["value"] = "c"  # a symbol belongs in the CSV; the JSON has null and suppressed
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(document)
