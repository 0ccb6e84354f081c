"""Academic years: parsing ``FIRST..LAST`` and the dates each year implies."""

from __future__ import annotations

import datetime as dt

import pytest

from cypp.synth.years import AcademicYear, SynthError, academic_years, parse_years


def test_a_range_lists_every_year() -> None:
    assert parse_years("2006/07..2010/11") == (
        "2006/07",
        "2007/08",
        "2008/09",
        "2009/10",
        "2010/11",
    )


def test_a_single_year_and_spaces() -> None:
    assert parse_years(" 2009/10 ") == ("2009/10",)
    assert parse_years("2009/10 .. 2010/11") == ("2009/10", "2010/11")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2009-10..2010/11", "'2009-10' is not an academic year"),
        ("2009/11", "'2009/11' should be 2009/10"),
        ("2010/11..2009/10", "the last year 2009/10 is before the first"),
        ("1990/91", "outside 2004/05 to 2030/31"),
        ("2006/07..2007/08..2008/09", "expected FIRST..LAST"),
    ],
)
def test_bad_years_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(SynthError, match=words):
        parse_years(text)


def test_years_must_follow_on() -> None:
    with pytest.raises(SynthError, match="2006/07 is followed by 2008/09"):
        academic_years(("2006/07", "2008/09"))


def test_dates_of_a_year() -> None:
    year = AcademicYear(2009)
    assert (year.label, year.folder) == ("2009/10", "2009-10")
    # January 2010 began on a Friday: its Thursdays were the 7th, 14th and 21st.
    assert year.census_day == dt.date(2010, 1, 21)
    assert AcademicYear(2010).census_day == dt.date(2011, 1, 20)
    assert year.march_31 == dt.date(2010, 3, 31)
