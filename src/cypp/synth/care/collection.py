"""SSDA903 collection years: each year's return (1 April to 31 March) cut from the history.

A council sends one return a year. Its Episodes hold every episode open at any time in the
year, those that began before 1 April with their original DECOM and RNE; an episode still
open at 31 March has no DEC, REC or REASON_PLACE_CHANGE in that return, even if it ends
later (the next year's return has them). The other tables keep what the year asks for:
reviews, missing periods and adoptions in the year, adoption decisions open in it (one that
ceases later is open in this return), PrevPerm for children who started care in it, OC2 and
OC3 for the year's cohorts. The Header holds every child of the return: those looked after
in the year and the care leavers of its OC3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.days import day
from cypp.synth.frame import Frame
from cypp.synth.years import AcademicYear

SHORT_BREAKS = pa.array(["V3", "V4"])
#: Helper columns of the history tables saying which year a row belongs to (not written).
YEAR_COLUMN = "_YEAR"
ADOPTED_COLUMN = "_ADOPTED"


@dataclass(frozen=True)
class CollectionYear:
    """One SSDA903 collection year, 1 April to 31 March, as day numbers."""

    academic: AcademicYear  # the academic year holding its 31 March (whose UPNs it knows)
    start: int  # 1 April
    end: int  # 31 March

    @property
    def folder(self) -> str:
        """``2009-10`` for the year to 31 March 2010 (the financial year)."""
        return self.academic.folder


def collection_years(frame: Frame) -> tuple[CollectionYear, ...]:
    """One collection year per academic year: the year to the 31 March inside it."""
    return tuple(
        CollectionYear(y, day(dt.date(y.start, 4, 1)), day(y.march_31)) for y in frame.years
    )


def _date(number: int) -> Any:
    return pa.scalar(number, pa.date32())


def _between(dates: Any, year: CollectionYear) -> Any:
    inside = pc.and_(
        pc.greater_equal(dates, _date(year.start)), pc.less_equal(dates, _date(year.end))
    )
    return pc.fill_null(inside, False)


def _blank_where(table: Any, mask: Any, columns: tuple[str, ...]) -> Any:
    """``table`` with ``columns`` emptied (null) on the rows where ``mask`` holds."""
    for name in columns:
        column = table[name].combine_chunks()
        blank = pc.if_else(mask, pa.scalar(None, column.type), column)
        table = table.set_column(table.column_names.index(name), name, blank)
    return table


def _after(dates: Any, year: CollectionYear) -> Any:
    return pc.fill_null(pc.greater(dates, _date(year.end)), False)


def _of_children(table: Any, children: Any) -> Any:
    return table.filter(pc.is_in(table["CHILD"], value_set=children))


def _without_helpers(table: Any) -> Any:
    return table.drop_columns([c for c in table.column_names if c.startswith("_")])


def _of_year(table: Any, year: CollectionYear) -> Any:
    """The rows whose helper column ``_YEAR`` names the year, without it."""
    return _without_helpers(table.filter(pc.equal(table[YEAR_COLUMN], year.folder)))


def year_episodes(episodes: Any, year: CollectionYear) -> Any:
    """Episodes open at any time in the year; those open at 31 March shown as open."""
    started = pc.less_equal(episodes["DECOM"], _date(year.end))
    not_ended = pc.fill_null(pc.greater_equal(episodes["DEC"], _date(year.start)), True)
    rows = episodes.filter(pc.and_(started, not_ended))
    return _blank_where(rows, _after(rows["DEC"], year), ("DEC", "REC", "REASON_PLACE_CHANGE"))


def year_return(
    history: dict[str, Any], header: Any, uasc: Any, year: CollectionYear
) -> dict[str, Any]:
    """The year's return from the ``history`` tables (with their helper columns) and the
    Header and UASC tables as that year writes them (every child ever in care)."""
    episodes = year_episodes(history["Episodes"], year)
    of_year = {name: _of_year(history[name], year) for name in ("OC2", "OC3")}
    in_care = pc.unique(episodes["CHILD"].combine_chunks())
    children = pc.unique(pa.concat_arrays([in_care, of_year["OC3"]["CHILD"].combine_chunks()]))
    header = _of_children(header, children)
    uasc = _of_children(uasc, in_care)
    uasc = _blank_where(uasc, _after(uasc["DUC"], year), ("DUC",))
    ad1 = history["AD1"]
    ad1 = _without_helpers(ad1.filter(_between(ad1[ADOPTED_COLUMN], year)))
    reviews = history["Reviews"]
    reviews = reviews.filter(_between(reviews["REVIEW"], year))
    missing = history["Missing"]
    missing = missing.filter(_between(missing["MIS_START"], year))
    missing = _blank_where(missing, _after(missing["MIS_END"], year), ("MIS_END",))
    placed = history["PlacedAdoption"]
    placed_by = pc.less_equal(placed["DATE_PLACED"], _date(year.end))
    open_in = pc.fill_null(pc.greater_equal(placed["DATE_PLACED_CEASED"], _date(year.start)), True)
    placed = placed.filter(pc.and_(placed_by, open_in))
    placed = _blank_where(
        placed,
        _after(placed["DATE_PLACED_CEASED"], year),
        ("DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    )
    # PrevPerm: the arrangement before care, asked when a child starts to be looked after.
    starts = pc.and_(
        pc.and_(pc.equal(episodes["RNE"], "S"), _between(episodes["DECOM"], year)),
        pc.invert(pc.is_in(episodes["LS"], value_set=SHORT_BREAKS)),
    )
    started = pc.unique(episodes.filter(starts)["CHILD"].combine_chunks())
    return {
        "Header": header,
        "Episodes": episodes,
        "UASC": uasc,
        "OC2": of_year["OC2"],
        "OC3": of_year["OC3"],
        "AD1": ad1,
        "Reviews": reviews,
        "Missing": missing,
        "PlacedAdoption": placed,
        "PrevPerm": _of_children(history["PrevPerm"], started),
        "SWEpisodes": history["SWEpisodes"],
    }
