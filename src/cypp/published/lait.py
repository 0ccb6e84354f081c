"""DfE's Local Authority Interactive Tool (LAIT): long-format data and its data dictionary.

LAIT publishes one row per measure (``Short Desc``), year, and council / region / England
(``LA Number``; England is 970 and the regions 980–990). ``Years`` is the end year of the
period (2024 = 2023/24 for an academic-year measure); the data dictionary says per measure
which kind of year it is (``Year_Type``), its title and its polarity (is high good?).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cypp.published import paths
from cypp.published.areas import LAIT_AREA_CODES, AreaRegistry, default_areas
from cypp.published.csvfile import read_csv
from cypp.published.errors import ProblemList
from cypp.published.periods import lait_period
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

SOURCE = "lait"

PARQUET_COLUMNS = ("Short Desc", "Data item", "Years", "LA and Regions", "Values", "LA Number")
CSV_COLUMNS = ("short_desc", "data_item", "years", "la_or_region", "value", "old_la_code")
DICTIONARY_COLUMNS = ("Measure_short", "Measure", "Chart_title", "Polarity", "y_axis_name")

YEAR_TYPES: dict[str, PeriodType] = {
    "Academic Year": "academic_year",
    "Financial Year": "financial_year",
    "Calendar Year": "calendar_year",
    "Annual": "calendar_year",
    "Annual - January": "calendar_year",
    "Annual (end of Sept)": "calendar_year",
}

# LAIT splits some measures by pupil characteristic into separate Short Descs; cypp records
# the split as a breakdown so a gap can be found by grouping.
BREAKDOWNS: dict[str, tuple[str, str]] = {
    "FSM_AVG_Attain8_Score": ("fsm", "FSM"),
    "NonFSM_AVG_Attain8_Score": ("fsm", "non-FSM"),
    "DAP_KS4_ATT8": ("disadvantage", "disadvantaged"),
    "NonDAP_KS4_ATT8": ("disadvantage", "not disadvantaged"),
}

_WHOLE = re.compile(r"(\d{3})(?:\.0+)?")


@dataclass(frozen=True, slots=True)
class LaitMeasure:
    """One measure's entry in LAIT's data dictionary."""

    short: str
    measure: str
    chart_title: str
    polarity: str | None
    unit: str | None
    year_type: PeriodType


def _blank_to_none(text: str) -> str | None:
    text = text.strip()
    return None if text in ("", "NA", "-") else text


def read_lait_dictionary(path: Path) -> dict[str, LaitMeasure]:
    """``Measure_short`` → its dictionary entry (the first, where LAIT repeats one)."""
    problems = ProblemList(path)
    header, records = read_csv(path)
    if problems.missing_columns(header, (*DICTIONARY_COLUMNS, "Year_Type")):
        problems.raise_if_any("LAIT's data dictionary")
    at = {c: header.index(c) for c in (*DICTIONARY_COLUMNS, "Year_Type")}
    entries: dict[str, LaitMeasure] = {}
    for line, fields in records:
        if problems.wrong_width(line, fields, header):
            continue
        short = fields[at["Measure_short"]].strip()
        if not short or short in entries:
            continue
        entries[short] = LaitMeasure(
            short=short,
            measure=fields[at["Measure"]].strip(),
            chart_title=fields[at["Chart_title"]].strip(),
            polarity=_blank_to_none(fields[at["Polarity"]]),
            unit=_blank_to_none(fields[at["y_axis_name"]]),
            year_type=YEAR_TYPES.get(fields[at["Year_Type"]].strip(), "unknown"),
        )
    problems.raise_if_any("LAIT's data dictionary")
    return entries


@lru_cache(maxsize=1)
def default_dictionary() -> dict[str, LaitMeasure]:
    """The vendored dictionary (every LAIT measure; titles, units, polarity, year type)."""
    return read_lait_dictionary(paths.LAIT_DICTIONARY)


# (line or row, Short Desc, Data item, Years, LA and Regions, Values, LA Number)
_Record = tuple[int, str, str, str, str, str | None, str]


def _parquet_records(path: Path, measures: frozenset[str] | None) -> Iterator[_Record]:
    problems = ProblemList(path)
    try:
        table = pq.read_table(path)
        missing = [c for c in PARQUET_COLUMNS if c not in table.column_names]
        if missing:
            problems.missing_columns(table.column_names, PARQUET_COLUMNS)
            problems.raise_if_any("LAIT data")
        # Text columns as text whatever type a writer gave them; bad UTF-8 fails here.
        for name in PARQUET_COLUMNS[:-1]:
            text = table[name].cast(pa.string())
            text.validate(full=True)
            table = table.set_column(table.column_names.index(name), name, text)
        rows = pa.array(range(1, table.num_rows + 1), pa.int64())
        table = table.append_column("__row", rows)
        if measures is not None:
            table = table.filter(pc.is_in(table["Short Desc"], pa.array(sorted(measures))))
        cols = [table[c].to_pylist() for c in ("__row", *PARQUET_COLUMNS)]
    except (OSError, pa.ArrowException, UnicodeDecodeError) as err:
        # A damaged file (truncated, corrupted pages, a column of binary data).
        problems.add(
            line=None,
            rule="published.parquet.unreadable",
            found=f"the parquet file cannot be read: {str(err)[:200]}",
            expected="a parquet file as LAIT publishes it, with text columns "
            + ", ".join(PARQUET_COLUMNS[:-1]),
            fix="download the file again (it may be damaged or incomplete)",
        )
        problems.raise_if_any("LAIT data")
        raise  # pragma: no cover - raise_if_any has raised
    for row, short, item, years, name, value, number in zip(*cols, strict=True):
        number_text = "" if number is None else str(number)
        yield row, short or "", item or "", years or "", name or "", value, number_text


def _csv_records(path: Path, measures: frozenset[str] | None) -> Iterator[_Record]:
    header, records = read_csv(path)
    problems = ProblemList(path)
    if problems.missing_columns(header, CSV_COLUMNS):
        problems.raise_if_any("LAIT data")
    at = [header.index(c) for c in CSV_COLUMNS]
    for line, fields in records:
        if len(fields) < len(header):
            fields = fields + [""] * (len(header) - len(fields))
        short = fields[at[0]]
        if measures is not None and short not in measures:
            continue
        yield line, short, fields[at[1]], fields[at[2]], fields[at[3]], fields[at[4]], fields[at[5]]


def _place(number: str, name: str, areas: AreaRegistry) -> Place | None:
    whole = _WHOLE.fullmatch(number.strip())
    if whole is None:
        return None
    code = whole.group(1)
    if code in LAIT_AREA_CODES:
        ons, _ = LAIT_AREA_CODES[code]
        level = NATIONAL if code == "970" else REGIONAL
        return Place(level, ons, None, code, name)
    area = areas.find(code)
    if area is None:
        return None
    return Place(LOCAL_AUTHORITY, area.ons_code, code, code, name)


def read_lait(
    path: Path,
    *,
    measures: Iterable[str] | None = None,
    dictionary: Mapping[str, LaitMeasure] | None = None,
    areas: AreaRegistry | None = None,
) -> pa.Table:
    """Read LAIT long data (``bds_long_0.parquet``, or a CSV extract with the columns of
    ``lait_bds_cypp_indicators_long.csv``) into the canonical table.

    ``measures`` limits the Short Descs read; ``dictionary`` (default: the vendored one)
    gives titles, units, polarity and year type. Raises ``PublishedFileError`` listing every
    cell that is neither a number nor a symbol and every unknown LA number.
    """
    path = Path(path)
    wanted = frozenset(measures) if measures is not None else None
    entries = dictionary if dictionary is not None else default_dictionary()
    registry = areas if areas is not None else default_areas()
    problems = ProblemList(path)
    is_parquet = path.suffix.lower() == ".parquet"
    records = _parquet_records(path, wanted) if is_parquet else _csv_records(path, wanted)
    value_column = "Values" if is_parquet else "value"
    number_column = "LA Number" if is_parquet else "old_la_code"
    out = PublishedRows()
    places: dict[tuple[str, str], Place | None] = {}
    for line, short, item, years, name, text, number in records:
        key = (number, name)
        if key not in places:
            places[key] = _place(number, name, registry)
        place = places[key]
        if place is None:
            problems.add(
                line=line,
                rule="published.area.unknown",
                found=f"LA number {number!r} ({name}) is not a council cypp knows",
                expected="a three-digit LA number listed in old_la_codes.csv, or 970/980–990",
                fix="refresh the vendored LA codes (cypp.published.vendor)",
                column=number_column,
                value=number,
            )
            continue
        cell = parse_cell(text)
        if cell is None:
            problems.bad_cell(line, value_column, text or "", "published.value.unparseable")
            continue
        entry = entries.get(short)
        year_type: PeriodType = entry.year_type if entry else "unknown"
        title = (entry.chart_title if entry else "") or item or (entry.measure if entry else "")
        breakdown, group = BREAKDOWNS.get(short, (ALL, ALL))
        out.add(
            source=SOURCE,
            measure=short,
            measure_title=title or short,
            period=lait_period(years, year_type),
            place=place,
            breakdown=breakdown,
            group=group,
            value=cell[0],
            state=cell[1],
            unit=entry.unit if entry else None,
            polarity=entry.polarity if entry else None,
        )
    problems.raise_if_any("LAIT data")
    return out.to_table()
