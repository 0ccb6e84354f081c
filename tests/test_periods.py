"""Periods in the field's notations, with the dates each covers."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cypp.periods import PeriodFormatError, PeriodType, parse_period


@pytest.mark.parametrize(
    ("label", "kind", "start", "end"),
    [
        ("2009/10", PeriodType.ACADEMIC_YEAR, date(2009, 9, 1), date(2010, 8, 31)),
        ("2009-10", PeriodType.FINANCIAL_YEAR, date(2009, 4, 1), date(2010, 3, 31)),
        ("2009", PeriodType.CALENDAR_YEAR, date(2009, 1, 1), date(2009, 12, 31)),
        ("2010-03-31", PeriodType.SNAPSHOT, date(2010, 3, 31), date(2010, 3, 31)),
        ("1999/00", PeriodType.ACADEMIC_YEAR, date(1999, 9, 1), date(2000, 8, 31)),
    ],
)
def test_parse(label: str, kind: PeriodType, start: date, end: date) -> None:
    p = parse_period(label)
    assert (p.type, p.start, p.end, str(p)) == (kind, start, end, label)


@pytest.mark.parametrize(
    ("label", "message"),
    [
        ("2009/11", "does not span consecutive years"),
        ("2010-02-30", "not a real date"),
        ("20x6", "not in a known notation"),
    ],
)
def test_bad_labels(label: str, message: str) -> None:
    with pytest.raises(PeriodFormatError, match=message):
        parse_period(label)


def test_expected_type_is_enforced() -> None:
    with pytest.raises(PeriodFormatError, match="is a financial year; expected an academic year"):
        parse_period("2009-10", PeriodType.ACADEMIC_YEAR)


@given(st.integers(1990, 2090), st.sampled_from(list(PeriodType)), st.integers(-5, 5))
def test_shift_round_trips(year: int, kind: PeriodType, years: int) -> None:
    label = {
        "academic year": f"{year}/{(year + 1) % 100:02d}",
        "financial year": f"{year}-{(year + 1) % 100:02d}",
        "calendar year": str(year),
        "snapshot date": f"{year}-03-31",
    }[kind.value]
    p = parse_period(label)
    assert p.shifted(years).shifted(-years) == p
    assert (p.shifted(years).end.year - p.end.year) == years
