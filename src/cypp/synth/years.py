"""Academic years for the synthetic returns: parsing ``2006/07..2010/11`` and the dates of each.

An academic year ``2009/10`` runs 1 September 2009 to 31 August 2010. Its spring School Census
is taken on the third Thursday of January 2010, and its SSDA903 collection year is the year to
31 March 2010.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from cypp.errors import CyppError

_YEAR = re.compile(r"(\d{4})/(\d{2})")
DEFAULT_YEARS = ("2006/07", "2007/08", "2008/09", "2009/10", "2010/11")
EARLIEST = 2004  # care histories start in October 1991 (the Children Act 1989): 12+ years before
LATEST = 2030


class SynthError(CyppError):
    """A synthetic data request that cannot be met (unknown area, bad years, bad scale)."""


@dataclass(frozen=True, slots=True, order=True)
class AcademicYear:
    """One academic year, by the calendar year it starts in."""

    start: int

    @property
    def end(self) -> int:
        """The calendar year it ends in."""
        return self.start + 1

    @property
    def label(self) -> str:
        """``2009/10``: how returns write it."""
        return f"{self.start}/{self.end % 100:02d}"

    @property
    def folder(self) -> str:
        """``2009-10``: the folder holding the year's files."""
        return f"{self.start}-{self.end % 100:02d}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 9, 1)

    @property
    def census_day(self) -> dt.date:
        """The spring census: the third Thursday of January."""
        first = dt.date(self.end, 1, 1)
        to_thursday = (3 - first.weekday()) % 7
        return first + dt.timedelta(days=to_thursday + 14)

    @property
    def march_31(self) -> dt.date:
        """The end of the SSDA903 collection year inside this academic year."""
        return dt.date(self.end, 3, 31)


def parse_years(text: str) -> tuple[str, ...]:
    """``"2006/07..2010/11"`` as ``("2006/07", ..., "2010/11")``; a single ``"2009/10"`` too.

    Raises ``SynthError`` naming the value and the expected form.
    """
    parts = [p.strip() for p in text.split("..")]
    if len(parts) not in (1, 2):
        raise SynthError(f"years {text!r}: expected FIRST..LAST, e.g. 2006/07..2010/11")
    first, last = (_parse_one(p, text) for p in (parts[0], parts[-1]))
    if last < first:
        raise SynthError(f"years {text!r}: the last year {last.label} is before the first")
    return tuple(AcademicYear(y).label for y in range(first.start, last.start + 1))


def academic_years(labels: tuple[str, ...]) -> tuple[AcademicYear, ...]:
    """The years named by ``labels`` (each ``yyyy/yy``), which must follow on one another."""
    if not labels:
        raise SynthError("no academic years given: expected e.g. 2006/07..2010/11")
    years = tuple(_parse_one(label, label) for label in labels)
    for before, after in itertools.pairwise(years):
        if after.start != before.start + 1:
            raise SynthError(
                f"years {', '.join(labels)}: they must follow on one another "
                f"({before.label} is followed by {after.label})"
            )
    return years


def _parse_one(part: str, whole: str) -> AcademicYear:
    match = _YEAR.fullmatch(part)
    if match is None:
        raise SynthError(
            f"years {whole!r}: {part!r} is not an academic year; expected yyyy/yy, e.g. 2009/10"
        )
    start = int(match[1])
    if int(match[2]) != (start + 1) % 100:
        raise SynthError(f"years {whole!r}: {part!r} should be {start}/{(start + 1) % 100:02d}")
    if not EARLIEST <= start <= LATEST:
        raise SynthError(
            f"years {whole!r}: {part!r} is outside {EARLIEST}/{(EARLIEST + 1) % 100:02d} to "
            f"{LATEST}/{(LATEST + 1) % 100:02d}, the years the synthetic history can cover"
        )
    return AcademicYear(start)
