"""Academic years and ages as Ibis expressions, for definitions that count by school year.

An academic year ``2009/10`` runs from 1 September 2009 to 31 August 2010; a pupil's age "at
the start of the academic year" is their age on 31 August 2009, the DfE's usual reference.
"""

from __future__ import annotations

from typing import Any

import ibis


def year_label(start: Any) -> Any:
    """``2009`` -> ``"2009/10"``: the label of the academic year starting in ``start``."""
    return start.cast("string") + "/" + ((start + 1) % 100).cast("string").lpad(2, "0")


def start_year(label: Any) -> Any:
    """``"2009/10"`` -> ``2009``: the calendar year an academic year label starts in."""
    return label.substr(0, 4).cast("int32")


def year_of_date(day: Any) -> Any:
    """The start year of the academic year a date falls in (September onwards is the new year)."""
    return day.year() - ibis.ifelse(day.month() >= 9, 0, 1)


def age_on_31_august(dob: Any, start: Any) -> Any:
    """Age on 31 August of calendar year ``start``: one less for birthdays September-December,
    which come after 31 August in the year."""
    return start - dob.year() - ibis.ifelse(dob.month() >= 9, 1, 0)


def age_on(dob: Any, day: Any) -> Any:
    """Age in whole years on ``day`` (a birthday on the day counts)."""
    later = (dob.month() > day.month()) | ((dob.month() == day.month()) & (dob.day() > day.day()))
    return day.year() - dob.year() - ibis.ifelse(later, 1, 0)
