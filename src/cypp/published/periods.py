"""Normalising how sources write periods.

cypp's normal forms: academic year ``2009/10``, financial year ``2009-10``, calendar year
``2009``, snapshot ``2010-03-31``. ``end_year`` is the calendar year the period ends in,
the one key on which every source can be joined (LAIT's ``Years`` is already the end year).
"""

from __future__ import annotations

import re

from cypp.published.schema import Period, PeriodType

_YEAR = re.compile(r"\d{4}")
_SIX_DIGITS = re.compile(r"(\d{4})(\d{2})")  # DfE tidy: 202425
_SPAN = re.compile(r"(\d{4})\s*[-/]\s*(\d{2}|\d{4})")  # 2016-17, 2015/16, 2014-16
_SUFFIX = re.compile(r"^(.*?)\s*(\([^)]*\))$")  # "2016-17 (OT)", "2019 (Rev)"


def _two(year: int) -> str:
    return f"{year % 100:02d}"


def from_end_year(end_year: int, period_type: PeriodType, snapshot_day: str = "03-31") -> str:
    """The normal form of the period of ``period_type`` that ends in ``end_year``."""
    if period_type == "academic_year":
        return f"{end_year - 1}/{_two(end_year)}"
    if period_type == "financial_year":
        return f"{end_year - 1}-{_two(end_year)}"
    if period_type == "snapshot":
        return f"{end_year}-{snapshot_day}"
    return str(end_year)


def _span_end(start: int, end_text: str) -> int:
    if len(end_text) == 4:
        return int(end_text)
    end = (start // 100) * 100 + int(end_text)
    return end + 100 if end < start else end


def lait_period(years: str, year_type: PeriodType) -> Period:
    """A LAIT ``Years`` cell: usually the end year (2024 = 2023/24 for an academic-year
    measure), sometimes already a span (``2016-17``, ``2015/16``, ``2014-16``), sometimes
    with a note (``2016-17 (OT)``, ``2019 (Rev)``) that is kept after the normal form.
    """
    core, note = years.strip(), ""
    match = _SUFFIX.match(core)
    if match:
        core, note = match.group(1), " " + match.group(2)
    if _YEAR.fullmatch(core):
        end = int(core)
        return Period(years, from_end_year(end, year_type) + note, year_type, end)
    span = _SPAN.fullmatch(core)
    if span:
        start = int(span.group(1))
        end = _span_end(start, span.group(2))
        if end - start > 1:  # three-year pooled figures such as 2014-16
            return Period(years, f"{start}-{end}{note}", "rolling", end)
        if "/" in core:
            return Period(years, from_end_year(end, "academic_year") + note, "academic_year", end)
        if year_type in ("academic_year", "financial_year"):
            return Period(years, from_end_year(end, year_type) + note, year_type, end)
        return Period(years, years, "unknown", end)
    return Period(years, years, "unknown", None)


def tidy_period(
    time_period: str,
    time_identifier: str,
    reporting_year: PeriodType = "calendar_year",
    snapshot_day: str = "03-31",
) -> Period | None:
    """A DfE tidy ``time_period`` read with its ``time_identifier``; None if unreadable.

    ``Reporting year`` does not say what kind of year it is, so the file's spec does
    (``reporting_year``): children looked after are counted in the year ending 31 March.
    """
    text = time_period.strip()
    ident = time_identifier.strip().lower()
    six = _SIX_DIGITS.fullmatch(text)
    if ident in ("academic year", "financial year", "tax year") and six:
        start, end_two = int(six.group(1)), six.group(2)
        end = _span_end(start, end_two)
        if end != start + 1:
            return None
        kind: PeriodType = "academic_year" if ident == "academic year" else "financial_year"
        return Period(text, from_end_year(end, kind), kind, end)
    if not _YEAR.fullmatch(text):
        return None
    year = int(text)
    if ident == "calendar year":
        return Period(text, str(year), "calendar_year", year)
    if ident == "reporting year":
        return Period(text, from_end_year(year, reporting_year, snapshot_day), reporting_year, year)
    return None
