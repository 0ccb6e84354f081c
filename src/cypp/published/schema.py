"""The canonical long table every published-statistics importer produces.

One row is one published cell: a measure, for one period, one area and one group. Sources
differ in how they spell all of these; the importers map them onto this one shape so that a
council can be benchmarked against England, its region and its statistical neighbours
whatever the source. See docs/published.md for the meaning of every column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

import pyarrow as pa

PeriodType = Literal[
    "academic_year", "financial_year", "calendar_year", "snapshot", "rolling", "unknown"
]

GeographicLevel = Literal["National", "Regional", "Local authority"]
NATIONAL: Final = "National"
REGIONAL: Final = "Regional"
LOCAL_AUTHORITY: Final = "Local authority"

ALL: Final = "all"  # breakdown and group of a total (not split by any characteristic)

PUBLISHED_SCHEMA: Final = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("measure", pa.string(), nullable=False),
        pa.field("measure_title", pa.string(), nullable=False),
        pa.field("time_period", pa.string(), nullable=False),
        pa.field("period", pa.string(), nullable=False),
        pa.field("period_type", pa.string(), nullable=False),
        pa.field("end_year", pa.int16()),
        pa.field("geographic_level", pa.string(), nullable=False),
        pa.field("area_code", pa.string()),
        pa.field("la_number", pa.string()),
        pa.field("source_la_number", pa.string()),
        pa.field("area_name", pa.string(), nullable=False),
        pa.field("breakdown", pa.string(), nullable=False),
        pa.field("group", pa.string(), nullable=False),
        pa.field("value", pa.float64()),
        pa.field("state", pa.string(), nullable=False),
        pa.field("unit", pa.string()),
        pa.field("polarity", pa.string()),
    ]
)

COLUMNS: Final = tuple(PUBLISHED_SCHEMA.names)


@dataclass(frozen=True, slots=True)
class Period:
    """A period as published and in cypp's normal form."""

    time_period: str
    period: str
    period_type: PeriodType
    end_year: int | None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a published value is about, in canonical terms."""

    geographic_level: str
    area_code: str | None
    la_number: str | None
    source_la_number: str | None
    area_name: str


@dataclass(slots=True)
class PublishedRows:
    """Column-wise accumulator for canonical rows (cheaper than a list of dicts)."""

    columns: dict[str, list[object]] = field(default_factory=lambda: {name: [] for name in COLUMNS})

    def add(
        self,
        *,
        source: str,
        measure: str,
        measure_title: str,
        period: Period,
        place: Place,
        breakdown: str,
        group: str,
        value: float | None,
        state: str,
        unit: str | None,
        polarity: str | None,
    ) -> None:
        c = self.columns
        c["source"].append(source)
        c["measure"].append(measure)
        c["measure_title"].append(measure_title)
        c["time_period"].append(period.time_period)
        c["period"].append(period.period)
        c["period_type"].append(period.period_type)
        c["end_year"].append(period.end_year)
        c["geographic_level"].append(place.geographic_level)
        c["area_code"].append(place.area_code)
        c["la_number"].append(place.la_number)
        c["source_la_number"].append(place.source_la_number)
        c["area_name"].append(place.area_name)
        c["breakdown"].append(breakdown)
        c["group"].append(group)
        c["value"].append(value)
        c["state"].append(state)
        c["unit"].append(unit)
        c["polarity"].append(polarity)

    def __len__(self) -> int:
        return len(self.columns["source"])

    def to_table(self) -> pa.Table:
        return pa.table(self.columns, schema=PUBLISHED_SCHEMA)


def empty_table() -> pa.Table:
    """A canonical table with no rows."""
    return PUBLISHED_SCHEMA.empty_table()


def concat(tables: list[pa.Table]) -> pa.Table:
    """Stack canonical tables (all must have the canonical schema)."""
    if not tables:
        return empty_table()
    return pa.concat_tables([t.cast(PUBLISHED_SCHEMA) for t in tables])
