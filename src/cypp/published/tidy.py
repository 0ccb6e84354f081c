"""DfE tidy-format CSVs, read by a spec that says what each column is.

DfE's explore-education-statistics files share a layout: the time columns, the geography
columns, then *filter* columns (what a row is about: "CLA on 31 March", "19 to 21 years")
and *indicator* columns (the numbers). Which columns are which differs per file, so each file
is read with a ``TidySpec``; the specs for the files cypp uses are in ``cypp.published.csc``,
``cypp.published.nccis`` and ``cypp.published.ons``.

The measure id is derived from the spec and the row's filters, and is stable across years:
``{dataset}.{indicator}`` followed, when the spec has measure filters, by their values
slugged in brackets: ``la_cla_placement_stability.children_count[cla_on_31_march|3_plus]``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from cypp.published.csvfile import read_csv
from cypp.published.errors import ProblemList
from cypp.published.periods import tidy_period
from cypp.published.schema import (
    ALL,
    LOCAL_AUTHORITY,
    NATIONAL,
    REGIONAL,
    PeriodType,
    Place,
    PublishedRows,
)
from cypp.published.symbols import parse_cell

TIME_COLUMNS = ("time_period", "time_identifier")
GEOGRAPHY_COLUMNS = (
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator column: its title, unit and (where the publisher states it) polarity."""

    column: str
    title: str
    unit: str
    polarity: str | None = None


@dataclass(frozen=True, slots=True)
class TidySpec:
    """How to read one DfE tidy file.

    - ``measure_filters``: filter columns whose values define the measure (part of its id).
    - ``breakdown``: the filter column whose values are groups of one measure (e.g.
      ``social_care_group``); ``total_group`` is its value for everyone (→ ``all``/``all``).
    - ``fixed``: columns that must hold one value throughout (checked, not in the id).
    - ``ignored``: columns known to carry nothing cypp keeps (e.g. ``version``).
    - ``aliases``: a shorter slug for a long filter value, to keep ids readable.
    - ``reporting_year``: what kind of year a ``Reporting year`` is in this file.
    - ``skip_areas``: area names of rows that stand for no real area (NCCIS's 2021 file
      ends with a "Region demo" and an "LA demo" row); they are dropped on purpose.
    """

    dataset: str
    source: str
    indicators: tuple[Indicator, ...]
    measure_filters: tuple[str, ...] = ()
    breakdown: str | None = None
    total_group: str | None = None
    fixed: Mapping[str, str] = field(default_factory=dict)
    ignored: tuple[str, ...] = ()
    aliases: Mapping[str, str] = field(default_factory=dict)
    reporting_year: PeriodType = "calendar_year"
    snapshot_day: str = "03-31"
    skip_areas: frozenset[str] = frozenset()

    def columns(self) -> tuple[str, ...]:
        """Every column the file must have."""
        filters = (*self.measure_filters, *((self.breakdown,) if self.breakdown else ()))
        return (
            *TIME_COLUMNS,
            *GEOGRAPHY_COLUMNS,
            *filters,
            *self.fixed,
            *self.ignored,
            *(i.column for i in self.indicators),
        )

    def measure_id(self, indicator: str, filter_values: tuple[str, ...]) -> str:
        base = f"{self.dataset}.{indicator}"
        if not filter_values:
            return base
        return f"{base}[{'|'.join(self.aliases.get(v, slug(v)) for v in filter_values)}]"


def slug(text: str) -> str:
    """A stable lower-case identifier for a filter value."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _place(row: Mapping[str, str]) -> Place | None:
    level = row["geographic_level"].strip()
    if level == NATIONAL:
        return Place(NATIONAL, row["country_code"] or None, None, None, row["country_name"])
    if level == REGIONAL:
        return Place(REGIONAL, row["region_code"] or None, None, None, row["region_name"])
    if level == LOCAL_AUTHORITY:
        number = row["old_la_code"].strip() or None
        return Place(LOCAL_AUTHORITY, row["new_la_code"] or None, number, number, row["la_name"])
    return None


def read_dfe_tidy(path: Path, spec: TidySpec) -> pa.Table:
    """Read a DfE tidy CSV into the canonical table, one row per indicator cell.

    Raises ``PublishedFileError`` (nothing imported) listing: missing columns, columns the
    spec does not describe, rows of the wrong width, unreadable periods, unknown geographic
    levels, unexpected values in fixed columns, duplicate cells, and every cell that is
    neither a number nor a known symbol — each with its file, line, column and value.
    """
    path = Path(path)
    problems = ProblemList(path)
    header, records = read_csv(path)
    expected = spec.columns()
    problems.missing_columns(header, expected)
    for column in header:
        if column and column not in expected:
            problems.add(
                line=1,
                rule="published.column.unexpected",
                found=f"column {column!r} is not described by the {spec.dataset} spec",
                expected=f"only the columns {', '.join(expected)}",
                fix="describe the column in the file's TidySpec (a new filter or indicator)",
                column=column,
            )
    problems.raise_if_any(f"{spec.dataset}")

    out = PublishedRows()
    seen: dict[tuple[str, ...], int] = {}
    titles = {i.column: i for i in spec.indicators}
    for line, fields in records:
        if problems.wrong_width(line, fields, header):
            continue
        row = dict(zip(header, fields, strict=True))
        period = tidy_period(
            row["time_period"], row["time_identifier"], spec.reporting_year, spec.snapshot_day
        )
        if period is None:
            problems.add(
                line=line,
                rule="published.period.unreadable",
                found=f"time_period {row['time_period']!r} with {row['time_identifier']!r}",
                expected="e.g. 202425 with Academic year, 2025 with Reporting year",
                fix="correct the time columns",
                column="time_period",
                value=row["time_period"],
            )
            continue
        place = _place(row)
        if place is not None and place.area_name in spec.skip_areas:
            continue
        if place is not None and place.area_code is None:
            column = {NATIONAL: "country_code", REGIONAL: "region_code"}.get(
                place.geographic_level, "new_la_code"
            )
            problems.add(
                line=line,
                rule="published.geography.code",
                found=f"no {column} for {place.area_name!r}",
                expected=f"the ONS code of the area in {column}",
                fix="fill in the code, or list the row's area in the spec's skip_areas",
                column=column,
                value="",
            )
            continue
        if place is None:
            problems.add(
                line=line,
                rule="published.geography.level",
                found=f"geographic_level {row['geographic_level']!r}",
                expected="National, Regional or Local authority",
                fix="drop rows at other levels before importing",
                column="geographic_level",
                value=row["geographic_level"],
            )
            continue
        for column, wanted in spec.fixed.items():
            if row[column] != wanted:
                problems.add(
                    line=line,
                    rule="published.filter.fixed",
                    found=f"{row[column]!r}",
                    expected=f"{wanted!r} throughout the file",
                    fix="extend the spec: this column now varies, so it is a filter",
                    column=column,
                    value=row[column],
                )
        filters = tuple(row[c] for c in spec.measure_filters)
        breakdown, group = ALL, ALL
        if spec.breakdown is not None and row[spec.breakdown] != spec.total_group:
            breakdown, group = spec.breakdown, row[spec.breakdown]
        key = (period.time_period, place.geographic_level, place.area_code or "", *filters)
        key = (*key, group)
        if key in seen:
            problems.add(
                line=line,
                rule="published.row.duplicate",
                found=f"the same period, area and filters as line {seen[key]}",
                expected="one row per period, area and filter values",
                fix="the spec misses a filter column (or the file repeats a row)",
            )
            continue
        seen[key] = line
        suffix = f": {', '.join(filters)}" if filters else ""
        for column, indicator in titles.items():
            text = row[column]
            cell = parse_cell(text)
            if cell is None:
                problems.bad_cell(line, column, text, "published.value.unparseable")
                continue
            out.add(
                source=spec.source,
                measure=spec.measure_id(column, filters),
                measure_title=indicator.title + suffix,
                period=period,
                place=place,
                breakdown=breakdown,
                group=group,
                value=cell[0],
                state=cell[1],
                unit=indicator.unit,
                polarity=indicator.polarity,
            )
    problems.raise_if_any(f"{spec.dataset}")
    return out.to_table()
