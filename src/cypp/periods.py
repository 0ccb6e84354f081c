"""Reporting periods in the field's own notation, each with the dates it covers.

- academic year ``2009/10``: 1 September 2009 to 31 August 2010
- financial year ``2009-10``: 1 April 2009 to 31 March 2010
- calendar year ``2009``: 1 January to 31 December 2009
- snapshot ``2010-03-31``: that one day (e.g. children looked after at 31 March)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PeriodType(StrEnum):
    """How an indicator's periods are written and what span each covers."""

    ACADEMIC_YEAR = "academic year"
    FINANCIAL_YEAR = "financial year"
    CALENDAR_YEAR = "calendar year"
    SNAPSHOT = "snapshot date"


_PATTERNS: dict[PeriodType, re.Pattern[str]] = {
    PeriodType.ACADEMIC_YEAR: re.compile(r"^(\d{4})/(\d{2})$"),
    PeriodType.FINANCIAL_YEAR: re.compile(r"^(\d{4})-(\d{2})$"),
    PeriodType.CALENDAR_YEAR: re.compile(r"^(\d{4})$"),
    PeriodType.SNAPSHOT: re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
}

EXAMPLES: dict[PeriodType, str] = {
    PeriodType.ACADEMIC_YEAR: "2009/10",
    PeriodType.FINANCIAL_YEAR: "2009-10",
    PeriodType.CALENDAR_YEAR: "2009",
    PeriodType.SNAPSHOT: "2010-03-31",
}


class PeriodFormatError(ValueError):
    """A period label that is not in any of the field's notations."""


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A labelled span of dates; ordered by its end date, then start."""

    end: date
    start: date
    label: str
    type: PeriodType

    def __str__(self) -> str:
        return self.label

    @property
    def year_index(self) -> float:
        """A number that rises by one per year, for trends across periods (the end's year)."""
        return self.end.year + (self.end.timetuple().tm_yday - 1) / 366

    def shifted(self, years: int) -> Period:
        """The same kind of period ``years`` later (earlier when negative)."""
        return parse_period(_shift_label(self, years), self.type)


def _shift_label(p: Period, years: int) -> str:
    y = p.start.year + years
    match p.type:
        case PeriodType.ACADEMIC_YEAR:
            return f"{y}/{(y + 1) % 100:02d}"
        case PeriodType.FINANCIAL_YEAR:
            return f"{y}-{(y + 1) % 100:02d}"
        case PeriodType.CALENDAR_YEAR:
            return str(y)
        case PeriodType.SNAPSHOT:
            return p.end.replace(year=p.end.year + years).isoformat()


def period_type_of(label: str) -> PeriodType:
    """Which notation a label is written in."""
    for kind, pattern in _PATTERNS.items():
        if pattern.match(label):
            return kind
    raise PeriodFormatError(
        f"period {label!r} is not in a known notation; expected one of "
        + ", ".join(f"{k.value} like {v!r}" for k, v in EXAMPLES.items())
    )


def parse_period(label: str, expected: PeriodType | None = None) -> Period:
    """Parse a period label, checking its notation when ``expected`` is given."""
    label = str(label).strip()
    kind = period_type_of(label)
    if expected is not None and kind is not expected:
        raise PeriodFormatError(
            f"period {label!r} is {_article(kind.value)}; expected {_article(expected.value)} "
            f"like {EXAMPLES[expected]!r}"
        )
    m = _PATTERNS[kind].match(label)
    assert m is not None  # period_type_of matched it
    first = int(m.group(1))
    try:
        match kind:
            case PeriodType.ACADEMIC_YEAR | PeriodType.FINANCIAL_YEAR:
                if int(m.group(2)) != (first + 1) % 100:
                    raise PeriodFormatError(
                        f"period {label!r} does not span consecutive years; "
                        f"expected {_shift_label(_dummy(first, kind), 0)!r}"
                    )
                if kind is PeriodType.ACADEMIC_YEAR:
                    start, end = date(first, 9, 1), date(first + 1, 8, 31)
                else:
                    start, end = date(first, 4, 1), date(first + 1, 3, 31)
            case PeriodType.CALENDAR_YEAR:
                start, end = date(first, 1, 1), date(first, 12, 31)
            case PeriodType.SNAPSHOT:
                start = end = date(first, int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        if isinstance(exc, PeriodFormatError):
            raise
        raise PeriodFormatError(f"period {label!r} is not a real date ({exc})") from None
    return Period(end=end, start=start, label=label, type=kind)


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _dummy(first: int, kind: PeriodType) -> Period:
    return Period(date(first + 1, 1, 1), date(first, 1, 1), "", kind)
