"""Building a canonical table from whole Arrow columns of submitted text.

The same table and problems as ``build.build_table``, column at a time: values in the usual
forms (``27/03/2008``, ``17``, ``true``, a code in its list) are parsed and checked by
pyarrow; the few that are not — bad values, codes outside a list, forms Arrow's ASCII regexes
cannot vouch for — go one by one through ``build.check_value``, the row-by-row builder's own
code, so every blocking problem and finding is worded and placed exactly as before.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.problems import Level, Problem
from cypp.returns.build import RawRecord, check_value
from cypp.returns.fastcsv import BLANKS, ArrowCsv
from cypp.returns.fields import parser_for
from cypp.returns.spec import Column, TableSpec

_DMY = r"^(?P<d>[0-9]{1,2})/(?P<m>[0-9]{1,2})/(?P<y>[0-9]{4})$"
_ISO = r"^(?P<y>[0-9]{4})-(?P<m>[0-9]{2})-(?P<d>[0-9]{2})$"
_INT = r"^[+-]?[0-9]{1,10}$"  # longer numbers are out of int32's range: checked one by one
_FLOAT = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"
_TRUE = ("true", "t", "yes", "y", "1")
_FALSE = ("false", "f", "no", "n", "0")
_MONTH_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])


def build_arrow_table(
    spec: TableSpec,
    split: ArrowCsv,
    positions: Mapping[str, int],
    file: str,
    *,
    iso_dates: bool,
) -> tuple[pa.Table, list[Problem]]:
    """The canonical table of ``split``'s records, and its blocking problems and findings."""
    rows = split.num_rows
    problems: list[Problem] = []
    arrays: list[pa.Array] = []
    for column in spec.columns:
        if column.name not in positions:
            arrays.append(pa.nulls(rows, column.type))
            continue
        raw = split.columns[positions[column.name]]
        empty = pc.equal(pc.ascii_trim(raw, characters=BLANKS), "")
        try:
            values, parsed = _parse(column, raw, iso_dates)
        except pa.ArrowInvalid:  # a form Arrow will not cast: every value one by one
            values, parsed = pa.nulls(rows, column.type), pa.repeat(pa.scalar(False), rows)
        odd = pc.and_(pc.invert(empty), pc.invert(_fits(column, raw, parsed)))
        values = pc.if_else(pc.or_(empty, odd), pa.nulls(rows, column.type), values)
        if pc.any(odd).as_py():
            values = _one_by_one(spec, column, raw, split.lines, odd, values, file, iso_dates,
                                 problems)  # fmt: skip
        arrays.append(values)
    arrays.append(pa.repeat(pa.scalar(file, pa.string()), rows))
    arrays.append(split.lines)
    table = pa.Table.from_arrays(arrays, schema=spec.schema)
    problems.sort(key=lambda p: (p.line or 0, p.level != Level.BLOCKING))
    return table, problems


def _fits(column: Column, raw: pa.Array, parsed: pa.Array) -> pa.Array:
    """Parsed, and in the column's code list and pattern (a null where ``raw`` is empty)."""
    ok = parsed
    if column.codes is not None:
        ok = pc.and_(ok, pc.is_in(raw, value_set=pa.array(sorted(column.codes), pa.string())))
    if column.pattern is not None:
        # RE2's \d is ASCII only, so a match here is a match for Python's re too; a value it
        # refuses is looked at again by the row-by-row check.
        ok = pc.and_(ok, pc.match_substring_regex(raw, f"^(?:{column.pattern})$"))
    return ok


def _one_by_one(
    spec: TableSpec,
    column: Column,
    raw: pa.Array,
    lines: pa.Array,
    odd: pa.Array,
    values: pa.Array,
    file: str,
    iso_dates: bool,
    problems: list[Problem],
) -> pa.Array:
    """``values`` with the ``odd`` rows parsed and checked by the row-by-row code."""
    parse = parser_for(column.type, iso_dates=iso_dates)
    where = pa.array(np.flatnonzero(odd.to_numpy(zero_copy_only=False)))
    replaced: list[object] = []
    for text, line in zip(raw.take(where).to_pylist(), lines.take(where).to_pylist(), strict=True):
        record = RawRecord(line, {column.name: text})
        value, problem = check_value(spec, column, parse, record, text, file)
        replaced.append(value)
        if problem is not None:
            problems.append(problem)
    return pc.replace_with_mask(values, odd, pa.array(replaced, column.type))


def _parse(column: Column, raw: pa.Array, iso_dates: bool) -> tuple[pa.Array, pa.Array]:
    """The values Arrow can parse exactly as ``fields`` would, and where it could."""
    kind = column.type
    text = pc.ascii_trim(raw, characters=BLANKS)
    if pa.types.is_string(kind):
        return raw, pc.not_equal(text, "")
    if pa.types.is_date32(kind):
        return _dates(text, iso_dates)
    if pa.types.is_int32(kind):
        ok = pc.match_substring_regex(text, _INT)
        digits = pc.if_else(ok, pc.replace_substring_regex(text, r"^\+", ""), "0")
        wide = pc.cast(digits, pa.int64())
        ok = pc.and_(ok, pc.and_(pc.greater_equal(wide, -(2**31)), pc.less(wide, 2**31)))
        return pc.cast(pc.if_else(ok, wide, 0), pa.int32()), ok
    if pa.types.is_float64(kind):
        ok = pc.and_(pc.match_substring_regex(text, _FLOAT), pc.less(pc.binary_length(text), 40))
        return pc.cast(pc.if_else(ok, text, "0"), pa.float64()), ok
    if pa.types.is_boolean(kind):
        lower = pc.ascii_lower(text)
        true = pc.is_in(lower, value_set=pa.array(_TRUE))
        ok = pc.or_(true, pc.is_in(lower, value_set=pa.array(_FALSE)))
        return true, ok
    raise TypeError(f"no parser for Arrow type {kind}")  # a spec bug, not a user error


def _dates(text: pa.Array, iso_dates: bool) -> tuple[pa.Array, pa.Array]:
    """dd/mm/yyyy (or yyyy-mm-dd) dates that are real days, as ``date32``: written as ISO
    dates and cast by Arrow (which refuses any day not in the calendar) when every one is
    real, else worked out part by part."""
    dmy = pc.match_substring_regex(text, _DMY)
    iso = pc.match_substring_regex(text, _ISO) if iso_dates else None
    candidates = pa.nulls(len(text), pa.string())
    if pc.any(dmy).as_py():
        padded = pc.replace_substring_regex(text, r"^([0-9])/", r"0\1/")
        padded = pc.replace_substring_regex(padded, r"/([0-9])/", r"/0\1/")
        as_iso = pc.replace_substring_regex(
            padded, r"^([0-9]{2})/([0-9]{2})/([0-9]{4})$", r"\3-\2-\1"
        )
        candidates = pc.if_else(dmy, as_iso, candidates)
    if iso is not None:
        candidates = pc.if_else(iso, text, candidates)
    # Arrow takes year 0 (1 BC); Python's dates begin at year 1: leave those to the parser
    year_zero = pc.fill_null(pc.starts_with(candidates, "0000"), False)
    candidates = pc.if_else(year_zero, pa.nulls(len(text), pa.string()), candidates)
    try:
        dates = pc.cast(candidates, pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return _dates_by_parts(text, iso_dates)
    return dates, pc.is_valid(candidates)


def _dates_by_parts(text: pa.Array, iso_dates: bool) -> tuple[pa.Array, pa.Array]:
    """``_dates`` for a column with a day not in the calendar (or a year 0) somewhere."""
    year, month, day, matched = _date_parts(text, _DMY)
    if iso_dates:
        iso_year, iso_month, iso_day, iso = _date_parts(text, _ISO)
        year = np.where(matched, year, iso_year)
        month = np.where(matched, month, iso_month)
        day = np.where(matched, day, iso_day)
        matched = matched | iso
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    last = _MONTH_DAYS[np.clip(month, 1, 12) - 1] + ((month == 2) & leap)
    ok = matched & (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= last)
    year, month, day = np.where(ok, year, 1970), np.where(ok, month, 1), np.where(ok, day, 1)
    months = (year - 1970).astype("datetime64[Y]").astype("datetime64[M]") + (month - 1)
    days = (months.astype("datetime64[D]") + (day - 1)).astype(np.int64).astype(np.int32)
    return pa.array(days, pa.int32()).cast(pa.date32()), pa.array(ok)


def _date_parts(
    text: pa.Array, pattern: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day of the values matching ``pattern`` (1 elsewhere), and where."""
    parts = pc.extract_regex(text, pattern)
    matched = np.asarray(pc.is_valid(parts).to_numpy(zero_copy_only=False))

    def field(name: str) -> np.ndarray:
        strings = pc.fill_null(pc.struct_field(parts, name), "1")
        return np.asarray(pc.cast(strings, pa.int64()).to_numpy(zero_copy_only=False))

    return field("y"), field("m"), field("d"), matched
