"""Dates as whole days since 1970-01-01 (int64 numpy arrays), and conversion to Arrow.

Every synthetic date is a day number, so intervals, birthdays and comparisons are whole-array
integer arithmetic; dates become Arrow ``date32`` (or dd/mm/yyyy text for SSDA903) only when
a table is written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

Days = npt.NDArray[np.int64]
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

EPOCH = dt.date(1970, 1, 1)


def day(value: dt.date) -> int:
    """The day number of a date."""
    return (value - EPOCH).days


def as_date(number: int) -> dt.date:
    """The date of a day number."""
    return EPOCH + dt.timedelta(days=int(number))


def ymd(days: Days) -> tuple[Ints, Ints, Ints]:
    """Year, month (1-12) and day of month of each day number."""
    moments = days.astype("datetime64[D]")
    months = moments.astype("datetime64[M]")
    years = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    dom = (moments - months.astype("datetime64[D]")).astype(np.int64) + 1
    return years, month, dom


def from_ymd(years: Ints, months: Ints, dom: Ints) -> Days:
    """Day numbers of dates given by parts; a day past the month's end (29 February in a
    common year) becomes the month's last day, as birthdays do."""
    first = ((years - 1970) * 12 + months - 1).astype("datetime64[M]")
    length = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(np.int64)
    result: Days = first.astype("datetime64[D]").astype(np.int64) + np.minimum(dom, length) - 1
    return result


def plus_years(days: Days, years: int | Ints) -> Days:
    """The same day ``years`` later (a birthday): 29 February falls on 28 February."""
    y, m, d = ymd(days)
    return from_ymd(y + years, m, d)


def age_on(dob: Days, when: int | Days) -> Ints:
    """Age in whole years on ``when``."""
    y, m, d = ymd(dob)
    wy, wm, wd = ymd(np.broadcast_to(np.asarray(when, dtype=np.int64), dob.shape))
    before_birthday = (wm < m) | ((wm == m) & (wd < d))
    result: Ints = wy - y - before_birthday.astype(np.int64)
    return result


def month_end(year: int, month: int) -> int:
    """The day number of the last day of a month."""
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return day(following) - 1


def to_arrow(days: Days, valid: Mask | None = None) -> Any:
    """A ``date32`` array (null where ``valid`` is false)."""
    array = pa.array(days.astype(np.int32), type=pa.date32())
    if valid is None:
        return array
    return pc.if_else(pa.array(valid), array, pa.scalar(None, pa.date32()))


def dmy_text(dates: Any) -> Any:
    """A ``date32`` array as dd/mm/yyyy text (null stays null), as SSDA903 CSVs write dates."""
    return pc.strftime(pc.cast(dates, pa.timestamp("s")), format="%d/%m/%Y")
