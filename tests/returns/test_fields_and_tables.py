"""Value parsers, table specs, building Arrow tables, and telling tables apart by header."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cypp.problems import Level, Problem
from cypp.returns.build import RawRecord, build_table, canonical, duplicate_keys
from cypp.returns.fields import (
    BadValue,
    parse_bool,
    parse_date_any,
    parse_date_dmy,
    parse_float,
    parse_int,
    parse_text,
)
from cypp.returns.identify import HeaderMatch, a_or_an, identify
from cypp.returns.spec import TableSpec, integer, text
from cypp.returns.spec import date as date_column


def test_dates() -> None:
    assert parse_date_dmy("27/03/2008") == date(2008, 3, 27)
    assert parse_date_dmy(" 5/1/2016 ") == date(2016, 1, 5)
    assert parse_date_dmy("") is None
    assert parse_date_dmy("  ") is None
    assert parse_date_any("2008-03-27") == date(2008, 3, 27)
    assert parse_date_any("27/03/2008") == date(2008, 3, 27)


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("31/02/2016", "is not a real date"),
        ("29/02/2017", "is not a real date"),
        ("20x6", "is not a date in the expected form"),
        ("2016-02-01", "is not a date in the expected form"),  # ISO only where allowed
        ("27/03/08", "is not a date in the expected form"),
    ],
)
def test_bad_dates(raw: str, why: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse_date_dmy(raw)
    assert caught.value.rule == "date-format"
    assert caught.value.found == f"{raw!r} {why}" + (
        " (no such day in the calendar)" if "real" in why else ""
    )
    assert caught.value.expected == "a date as dd/mm/yyyy, e.g. 27/03/2008"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_any_real_date_reads_back(day: date) -> None:
    assert parse_date_dmy(day.strftime("%d/%m/%Y")) == day
    assert parse_date_any(day.isoformat()) == day


def test_numbers_flags_and_text() -> None:
    assert [parse_int(v) for v in ("17", " -3 ", "+4", "")] == [17, -3, 4, None]
    assert [parse_float(v) for v in ("1.25", ".5", "2", "")] == [1.25, 0.5, 2.0, None]
    assert [parse_bool(v) for v in ("true", "FALSE", "1", "0", "Yes", "n", "")] == [
        True,
        False,
        True,
        False,
        True,
        False,
        None,
    ]
    assert parse_text(" 1") == " 1"  # codes are kept exactly as submitted
    assert parse_text("") is None


@pytest.mark.parametrize(
    ("parse", "raw", "rule"),
    [
        (parse_int, "2l", "integer-format"),
        (parse_int, "1.0", "integer-format"),
        (parse_int, "3000000000", "integer-format"),
        (parse_float, "1,5", "number-format"),
        (parse_bool, "maybe", "boolean-format"),
    ],
)
def test_bad_values(parse: object, raw: str, rule: str) -> None:
    with pytest.raises(BadValue) as caught:
        parse(raw)  # type: ignore[operator]
    assert caught.value.rule == rule


SPEC = TableSpec(
    "Things",
    "test table",
    (
        text("ID"),
        text("KIND", codes=("A", "B")),
        text("LA", required=False, pattern=r"\d{3}"),
        date_column("WHEN"),
        integer("N", required=False),
    ),
    key=("ID", "WHEN"),
)


def test_schema_ends_with_lineage() -> None:
    assert SPEC.schema == pa.schema(
        [
            ("ID", pa.string()),
            ("KIND", pa.string()),
            ("LA", pa.string()),
            ("WHEN", pa.date32()),
            ("N", pa.int32()),
            pa.field("_file", pa.string(), nullable=False),
            pa.field("_line", pa.int32(), nullable=False),
        ]
    )
    assert SPEC.required == ("ID", "KIND", "WHEN")
    assert SPEC.empty().num_rows == 0


def test_build_parses_values_and_collects_every_problem() -> None:
    records = [
        RawRecord(2, {"ID": "x1", "KIND": "A", "LA": "855", "WHEN": "01/02/2010", "N": "4"}),
        RawRecord(3, {"ID": "x2", "KIND": "C", "LA": "85", "WHEN": "31/02/2010", "N": "z"}),
        RawRecord(5, {"ID": "x3", "KIND": "", "WHEN": None}),
    ]
    table, problems = build_table(SPEC, records, "t.csv", iso_dates=False)
    assert table.to_pylist() == [
        {"ID": "x1", "KIND": "A", "LA": "855", "WHEN": date(2010, 2, 1), "N": 4, "_file": "t.csv", "_line": 2},
        {"ID": "x2", "KIND": "C", "LA": "85", "WHEN": None, "N": None, "_file": "t.csv", "_line": 3},
        {"ID": "x3", "KIND": None, "LA": None, "WHEN": None, "N": None, "_file": "t.csv", "_line": 5},
    ]  # fmt: skip
    assert [(p.line, p.column, p.value, p.rule, p.level) for p in problems] == [
        (3, "WHEN", "31/02/2010", "date-format", Level.BLOCKING),
        (3, "N", "z", "integer-format", Level.BLOCKING),
        (3, "KIND", "C", "codelist-KIND", Level.FINDING),
        (3, "LA", "85", "format-LA", Level.FINDING),
    ]
    bad_date = problems[0]
    assert (
        bad_date.found
        == "Things WHEN '31/02/2010' is not a real date (no such day in the calendar)"
    )
    assert (
        bad_date.fix
        == "correct the WHEN value on line 3 of t.csv, or leave it empty if it is not known"
    )
    assert problems[2].expected == "one of A, B"


def test_duplicate_keys_are_findings_pointing_at_the_first_row() -> None:
    records = [
        RawRecord(2, {"ID": "x1", "KIND": "A", "WHEN": "01/02/2010"}),
        RawRecord(3, {"ID": "x1", "KIND": "B", "WHEN": "01/02/2010"}),
        RawRecord(4, {"ID": "x1", "KIND": "B", "WHEN": "02/02/2010"}),
        RawRecord(5, {"ID": "x1", "KIND": "B", "WHEN": ""}),
        RawRecord(6, {"ID": "x1", "KIND": "B", "WHEN": ""}),
    ]
    table, _ = build_table(SPEC, records, "t.csv", iso_dates=False)
    [finding] = duplicate_keys(SPEC, table)
    assert (finding.line, finding.rule, finding.column, finding.level) == (
        3,
        "duplicate-key",
        "ID, WHEN",
        Level.FINDING,
    )
    assert finding.found == "Things row ID=x1, WHEN=01/02/2010 repeats the row at t.csv:2"


def test_canonical_drops_lineage_and_sorts() -> None:
    records = [RawRecord(9, {"ID": "b", "KIND": "A"}), RawRecord(2, {"ID": "a", "KIND": "B"})]
    table, _ = build_table(SPEC, records, "t.csv", iso_dates=False)
    assert canonical(table).column_names == ["ID", "KIND", "LA", "WHEN", "N"]
    assert canonical(table).column("ID").to_pylist() == ["a", "b"]


OTHER = TableSpec("Others", "", (text("ID"), text("COLOUR"), text("SIZE")))


def _identify(header: list[str]) -> HeaderMatch | Problem:
    return identify(
        header,
        (SPEC, OTHER),
        file="t.csv",
        line=1,
        title="Test",
        other_returns={
            "NCCIS": (TableSpec("Activity", "", (text("CCISID"), text("ActivityCode"))),)
        },
    )


def test_identify_by_header_ignoring_case_and_extra_columns() -> None:
    match = _identify(["Notes", "when", "id", "KIND"])
    assert isinstance(match, HeaderMatch)
    assert match.spec.name == "Things"
    assert match.positions == {"ID": 2, "KIND": 3, "WHEN": 1}


def test_a_near_header_is_that_table_with_missing_columns() -> None:
    problem = _identify(["ID", "COLOUR"])
    assert isinstance(problem, Problem)
    assert (problem.file, problem.line, problem.rule, problem.column) == (
        "t.csv",
        1,
        "missing-column",
        "SIZE",
    )
    assert problem.found == "this Test Others file has no SIZE column; columns found: ID, COLOUR"
    assert problem.fix == (
        "add the missing column SIZE to the header (export the table again with all its columns)"
    )


def test_an_unrelated_header_is_not_a_table_and_other_returns_are_named() -> None:
    problem = _identify(["CCISID", "ActivityCode"])
    assert isinstance(problem, Problem)
    assert problem.rule == "not-a-table"
    assert problem.found == (
        "not a Test table: columns found: CCISID, ActivityCode; it looks like an NCCIS "
        "Activity table"
    )
    assert problem.expected == (
        "the header of one of the Test tables: Things (ID, KIND, WHEN); Others (ID, COLOUR, SIZE)"
    )


def test_a_header_fitting_two_tables_is_ambiguous() -> None:
    problem = _identify(["ID", "KIND", "WHEN", "COLOUR", "SIZE"])
    assert isinstance(problem, Problem)
    assert problem.rule == "ambiguous-table"


def test_articles() -> None:
    assert [a_or_an(t) for t in ("SSDA903", "NCCIS", "School Census", "attainment", "KS2")] == [
        "an",
        "an",
        "a",
        "an",
        "a",
    ]
