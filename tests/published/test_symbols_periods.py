from __future__ import annotations

import pytest

from cypp.published.periods import lait_period, tidy_period
from cypp.published.schema import Period
from cypp.published.symbols import parse_cell


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.4", (2.4, "value")),
        ("-17689.504", (-17689.504, "value")),
        ("67.099999999999994", (67.1, "value")),
        ("0", (0.0, "value")),
        ("c", (None, "c")),
        ("x", (None, "x")),
        ("z", (None, "z")),
        ("k", (None, "k")),
        ("low", (None, "low")),
        ("-", (None, "-")),
        ("..", (None, "..")),
        ("", (None, "blank")),
        (" 12 ", (12.0, "value")),
    ],
)
def test_cells_are_numbers_or_kept_symbols(text: str, expected: tuple[float | None, str]) -> None:
    assert parse_cell(text) == expected


@pytest.mark.parametrize("text", ["12%", "1,234", "nan", "inf", "n/a", "3.2.1", "C"])
def test_anything_else_is_not_read(text: str) -> None:
    assert parse_cell(text) is None


def test_lait_years_are_end_years_read_with_the_measure_year_type() -> None:
    assert lait_period("2024", "academic_year") == Period("2024", "2023/24", "academic_year", 2024)
    assert lait_period("2025", "financial_year") == Period(
        "2025", "2024-25", "financial_year", 2025
    )
    assert lait_period("2022", "calendar_year") == Period("2022", "2022", "calendar_year", 2022)
    assert lait_period("2000", "academic_year").period == "1999/00"


def test_lait_spans_and_notes() -> None:
    assert lait_period("2016-17 (OT)", "financial_year") == Period(
        "2016-17 (OT)", "2016-17 (OT)", "financial_year", 2017
    )
    assert lait_period("2015/16", "academic_year") == Period(
        "2015/16", "2015/16", "academic_year", 2016
    )
    assert lait_period("2014-16", "calendar_year") == Period(
        "2014-16", "2014-2016", "rolling", 2016
    )
    assert lait_period("2019 (Rev)", "academic_year").period == "2018/19 (Rev)"
    assert lait_period("2013/14-15/16", "financial_year").period_type == "unknown"


def test_tidy_periods() -> None:
    assert tidy_period("202425", "Academic year") == Period(
        "202425", "2024/25", "academic_year", 2025
    )
    assert tidy_period("201920", "Financial year") == Period(
        "201920", "2019-20", "financial_year", 2020
    )
    assert tidy_period("2021", "Calendar year") == Period("2021", "2021", "calendar_year", 2021)
    assert tidy_period("2025", "Reporting year", "financial_year") == Period(
        "2025", "2024-25", "financial_year", 2025
    )
    assert tidy_period("2024", "Reporting year", "snapshot", "06-30") == Period(
        "2024", "2024-06-30", "snapshot", 2024
    )
    assert tidy_period("2024/25", "Academic year") is None
    assert tidy_period("202426", "Academic year") is None
    assert tidy_period("2024", "Week 12") is None
