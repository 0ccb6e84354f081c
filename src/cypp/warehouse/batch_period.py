"""Which period a batch covers, read from the data when the user does not say.

- census, attainment: the ``AcademicYear`` column (one value per batch).
- nccis: the academic year of the snapshot dates (September to August).
- survey: ``SurveyYear``; a bare year ``2009`` means the survey of autumn 2009, i.e. 2009/10.
- published: the range of years a publication covers, e.g. ``2016..2025``.
- ssda903: the collection year, a financial year ending on the 31 March on or after the latest
  episode start (``2017-18`` for a return whose last episode starts in March 2018).
A batch spanning several periods is refused: load one year at a time, or give a folder of
year folders so each becomes its own batch.
"""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from cypp.errors import ReturnError
from cypp.periods import PeriodFormatError, parse_period
from cypp.problems import Problem
from cypp.returns.result import ReturnRead


def _academic(d: date) -> str:
    start = d.year if d.month >= 9 else d.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def _financial_ending_after(d: date) -> str:
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _distinct(table: pa.Table, column: str) -> set[str]:
    return {v for v in pc.unique(table.column(column)).to_pylist() if v is not None}


def _latest_episode_start(read: ReturnRead) -> date | None:
    # The last episode that starts is inside the collection year; an episode's end (DEC)
    # may be recorded a day past 31 March by the episode-end convention, so it is not used.
    episodes = read.tables.get("Episodes")
    if episodes is None or episodes.num_rows == 0:
        return None
    value: date | None = pc.max(episodes.column("DECOM")).as_py()
    return value


def infer_period(read: ReturnRead) -> set[str]:
    """The periods the data of a return covers (empty when it cannot tell)."""
    name = read.return_name
    found: set[str] = set()
    if name in ("census", "attainment"):
        for table in read.tables.values():
            if "AcademicYear" in table.column_names:
                found |= _distinct(table, "AcademicYear")
    elif name == "nccis":
        for table in read.tables.values():
            if "SnapshotDate" in table.column_names:
                found |= {_academic(d) for d in _distinct_dates(table, "SnapshotDate")}
    elif name == "survey":
        for table in read.tables.values():
            if "SurveyYear" in table.column_names:
                found |= {
                    v if "/" in v else f"{v}/{(int(v) + 1) % 100:02d}"
                    for v in _distinct(table, "SurveyYear")
                }
    elif name == "published":
        # a publication spans many years: the batch is named by the range of end years
        years = {
            y
            for t in read.tables.values()
            if "end_year" in t.column_names
            for y in pc.unique(t.column("end_year")).to_pylist()
            if y is not None
        }
        if years:
            found.add(f"{min(years)}..{max(years)}")
    elif name == "ssda903":
        latest = _latest_episode_start(read)
        if latest is not None:
            found.add(_financial_ending_after(latest))
    return found


def _distinct_dates(table: pa.Table, column: str) -> set[date]:
    return {v for v in pc.unique(table.column(column)).to_pylist() if v is not None}


def batch_period(read: ReturnRead, given: str | None, where: str) -> str:
    """The period of the batch: ``given`` (checked) or the one the data covers."""
    if given is not None:
        try:
            parse_period(given)
        except PeriodFormatError as exc:
            raise ReturnError(
                f"{where}: --period {given!r} is not a period",
                [
                    Problem(
                        where,
                        None,
                        "period",
                        str(exc),
                        "a period label",
                        "give --period like 2009/10, 2009-10, 2009 or 2010-03-31",
                    )
                ],
            ) from None
        return given
    periods = infer_period(read)
    if len(periods) == 1:
        return periods.pop()
    if not periods:
        found = "the files do not say which period they cover"
    else:
        found = f"the files cover {len(periods)} periods ({', '.join(sorted(periods))})"
    raise ReturnError(
        f"{where}: cannot tell the batch's period",
        [
            Problem(
                where,
                None,
                "period",
                found,
                "one period per batch",
                "give --period, or load one period at a time (a folder of year folders "
                "loads each as its own batch)",
            )
        ],
    )
