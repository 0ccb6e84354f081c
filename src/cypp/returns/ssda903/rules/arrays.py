"""Vectorised building blocks for the SSDA903 rules, on pyarrow arrays.

A nation's return holds ~80,000 children and several hundred thousand episodes, so every rule
is a handful of whole-column operations; Python only touches the rows that fail.

Dates are compared through an integer key ``yyyymmdd``: it orders like the date and lets
"date + N years" be computed without calendar objects (29 February + N years falls on
28 February when the target year is not a leap year, as the DfE validator's pandas offsets do).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

Array = Any  # pyarrow Array or ChunkedArray: pyarrow ships no type information


def text(table: pa.Table, column: str) -> Array:
    """A string column with blank (empty or whitespace-only) cells read as missing."""
    return blank_as_missing(table[column])


def blank_as_missing(values: Array) -> Array:
    """String values with blank (empty or whitespace-only) ones read as missing."""
    blank = pc.equal(pc.utf8_trim_whitespace(values), "")
    return pc.if_else(blank, pa.scalar(None, pa.string()), values)


def filled(values: Array) -> Array:
    """True where a value is present (never null)."""
    return pc.is_valid(values)


def missing(values: Array) -> Array:
    """True where a value is absent (never null)."""
    return pc.is_null(values)


def one_of(values: Array, codes: Iterable[str]) -> Array:
    """True where the value is one of ``codes``; false for missing values (never null)."""
    return pc.is_in(values, value_set=pa.array(sorted(codes), pa.string()))


def true(mask: Array) -> Array:
    """A boolean mask with nulls (unknown comparisons) read as false."""
    return pc.fill_null(mask, False)


def both(*masks: Array) -> Array:
    """Element-wise AND of masks, nulls read as false."""
    result = true(masks[0])
    for mask in masks[1:]:
        result = pc.and_(result, true(mask))
    return result


def either(*masks: Array) -> Array:
    """Element-wise OR of masks, nulls read as false."""
    result = true(masks[0])
    for mask in masks[1:]:
        result = pc.or_(result, true(mask))
    return result


def negate(mask: Array) -> Array:
    """Element-wise NOT, nulls read as false before negation."""
    return pc.invert(true(mask))


def take(values: Array, rows: Sequence[int]) -> Array:
    """The values at ``rows`` (any number of rows, none included)."""
    return _flat(values).take(pa.array(rows, pa.int64()))


def positions(mask: Array) -> list[int]:
    """Row positions where ``mask`` is true."""
    indices = pc.indices_nonzero(pc.cast(true(mask), pa.bool_()))
    return [int(i) for i in indices.to_pylist()]


# -- dates ----------------------------------------------------------------------------------


def date_key(values: Array) -> Array:
    """``yyyymmdd`` as int64 for a date32 array (null stays null)."""
    year = pc.cast(pc.year(values), pa.int64())
    month = pc.cast(pc.month(values), pa.int64())
    day = pc.cast(pc.day(values), pa.int64())
    return pc.add(pc.add(pc.multiply(year, 10000), pc.multiply(month, 100)), day)


def key(day: dt.date) -> int:
    """``yyyymmdd`` for one date."""
    return day.year * 10000 + day.month * 100 + day.day


def later_than(values: Array, day: dt.date) -> list[int]:
    """Row positions of the dates after ``day`` (e.g. after the collection year's end)."""
    return positions(pc.greater(date_key(values), key(day)))


def plus_years_key(values: Array, years: int) -> Array:
    """``yyyymmdd`` of each date moved on by whole years (29 Feb -> 28 Feb off leap years)."""
    year = pc.add(pc.cast(pc.year(values), pa.int64()), years)
    month = pc.cast(pc.month(values), pa.int64())
    day = pc.cast(pc.day(values), pa.int64())
    leap = pc.and_(
        pc.equal(pc.bit_wise_and(year, 3), 0),
        pc.or_(
            pc.not_equal(pc.subtract(year, pc.multiply(pc.divide(year, 100), 100)), 0),
            pc.equal(pc.subtract(year, pc.multiply(pc.divide(year, 400), 400)), 0),
        ),
    )
    feb29 = pc.and_(pc.equal(month, 2), pc.equal(day, 29))
    day = pc.if_else(pc.and_(feb29, pc.invert(leap)), 28, day)
    return pc.add(pc.add(pc.multiply(year, 10000), pc.multiply(month, 100)), day)


# -- ordering within a child ----------------------------------------------------------------


def in_order(table: pa.Table, keys: Sequence[tuple[str, str]]) -> pa.Table:
    """The table sorted (stably, missing values last) with ``_row``: each row's position before."""
    numbered = table.append_column("_row", pa.array(range(table.num_rows), pa.int64()))
    return numbered.take(pc.sort_indices(numbered, sort_keys=list(keys)))


def previous(values: Array) -> Array:
    """Each row's predecessor's value (null for the first row)."""
    values = _flat(values)
    if len(values) == 0:
        return values
    return pa.concat_arrays([pa.nulls(1, values.type), values.slice(0, len(values) - 1)])


def following(values: Array) -> Array:
    """Each row's successor's value (null for the last row)."""
    values = _flat(values)
    if len(values) == 0:
        return values
    return pa.concat_arrays([values.slice(1), pa.nulls(1, values.type)])


def same_as_previous(values: Array) -> Array:
    """True where a row has the same (non-missing) value as the row before it."""
    return true(pc.equal(_flat(values), previous(values)))


def same_as_following(values: Array) -> Array:
    """True where a row has the same (non-missing) value as the row after it."""
    return true(pc.equal(_flat(values), following(values)))


def at(count: int, rows: Sequence[int]) -> Array:
    """A mask of ``count`` rows, true at ``rows``."""
    return pc.is_in(pa.array(range(count), pa.int64()), value_set=pa.array(rows, pa.int64()))


def original_rows(ordered: pa.Table, mask: Array) -> list[int]:
    """Positions, in the table before :func:`in_order`, of the ordered rows where mask holds."""
    picked = ordered["_row"].filter(pc.cast(true(mask), pa.bool_()))
    return sorted(int(i) for i in picked.to_pylist())


# -- looking up another table ---------------------------------------------------------------


def lookup(keys: Array, table: pa.Table, column: str, on: str = "CHILD") -> Array:
    """For each key, ``column`` from the first row of ``table`` with that key (null if none)."""
    where = pc.index_in(keys, value_set=_flat(table[on]))
    return _flat(table[column]).take(where)


def present_in(keys: Array, table: pa.Table, on: str = "CHILD") -> Array:
    """True where a key occurs in ``table[on]``."""
    return pc.is_in(keys, value_set=_flat(table[on]))


def count_by(keys: Array) -> Array:
    """For each row, how many rows share its key (missing keys count as their own group)."""
    table = pa.table({"k": _flat(keys)})
    counts = table.group_by("k").aggregate([("k", "count", pc.CountOptions(mode="all"))])
    where = pc.index_in(table["k"], value_set=counts["k"], skip_nulls=False)
    return _flat(counts["k_count"]).take(where)


def _flat(values: Array) -> Array:
    """A plain Array (ChunkedArray chunks combined)."""
    if isinstance(values, pa.ChunkedArray):
        return values.combine_chunks()
    return values
