"""Splitting a clean CSV file with pyarrow, keeping each record's physical line.

``csvfile.parse_csv`` splits row by row in Python, which takes minutes for a nation's census.
This module does the same split with pyarrow's C++ reader, but only for files where the two
cannot differ: no quoted value spanning lines or quote out of place, no lone carriage
return, no Unicode space (``str.strip`` and Arrow would disagree on what is blank), no field
beyond the ``csv`` module's size limit, and every row exactly as wide as the header. For
anything else — every file with a problem among them — it answers ``None`` and the reader
takes the row-by-row path, which finds and locates each problem. So the fast path never
changes a table, a blocking problem or a finding; it only makes clean files quick.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from cypp.returns.csvfile import _duplicate_columns, clean_header_name

#: Whitespace that ``str.strip`` removes besides space, tab and form feed (and the line
#: breaks, which end a record here). Most are control characters a decoded file cannot hold.
_OTHER_SPACE = re.compile(
    "[\x0b\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
BLANKS = " \t\x0c"
#: A well-formed quoted value: at the start of a field, on one line, quotes doubled inside,
#: closed right before a comma or the end of the line. Any other quote sends the file to
#: the row-by-row path, which parses quotes exactly as the ``csv`` module does.
_QUOTED = re.compile(rb'(?:^|(?<=,))"(?:[^"\r\n]|"")*"(?=,|\r?\n|\Z)', re.MULTILINE)


@dataclass(frozen=True)
class ArrowCsv:
    """A split CSV: cleaned header names, the header's line, and per header column the
    values (Arrow strings, as written) of the non-blank records, with each record's line."""

    header: tuple[str, ...]
    header_line: int
    columns: tuple[pa.Array, ...]
    lines: pa.Array  # int32

    @property
    def num_rows(self) -> int:
        return len(self.lines)


def split_csv(text: str) -> ArrowCsv | None:
    """The records of ``text`` split by pyarrow, or ``None`` when the file must be read row
    by row (it may have a problem, or a form the two parsers could read differently)."""
    if _OTHER_SPACE.search(text):
        return None
    data = text.encode("utf-8")
    if not data.strip():
        return None  # an empty file: the row-by-row path reports it (and _lines needs a byte)
    if data.count(b"\r") != data.count(b"\r\n"):
        return None  # a lone carriage return ends a line for csv, not for the line count
    if b'"' in data and b'"' in _QUOTED.sub(b"", data):
        return None
    starts, lengths = _lines(data)
    if lengths.size == 0 or int(lengths.max()) >= csv.field_size_limit():
        return None
    found = _header(data, starts, lengths)
    if found is None:
        return None
    header, index = found
    if _duplicate_columns(header):
        return None  # a repeated column: the row-by-row path reports it
    after = np.flatnonzero(lengths[index + 1 :] > 0) + index + 1
    if after.size == 0:
        empty = tuple(pa.array([], pa.string()) for _ in header)
        return ArrowCsv(header, index + 1, empty, pa.array([], pa.int32()))
    body = data[int(starts[index + 1]) :]
    columns = _read(body, len(header))
    if columns is None or len(columns[0]) != after.size:
        return None  # a value spans lines, or a row is not as wide as the header
    lines = pa.array((after + 1).astype(np.int32))
    blank = _blank_rows(columns)
    if blank is not None:
        keep = pc.invert(blank)
        columns = tuple(c.filter(keep) for c in columns)
        lines = lines.filter(keep)
    return ArrowCsv(header, index + 1, columns, lines)


def _lines(data: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Start offset and length (without the line break) of every physical line."""
    raw = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(raw == 10)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [len(data)]))
    if data.endswith(b"\n"):
        starts, ends = starts[:-1], ends[:-1]
    lengths = ends - starts
    crlf = (lengths > 0) & (raw[np.maximum(ends - 1, 0)] == 13)
    return starts, lengths - crlf


def _header(
    data: bytes, starts: np.ndarray, lengths: np.ndarray
) -> tuple[tuple[str, ...], int] | None:
    """The first non-blank row, cleaned, and its line index."""
    for index in np.flatnonzero(lengths > 0):
        start = int(starts[index])
        line = data[start : start + int(lengths[index])].decode("utf-8")
        try:
            row = next(csv.reader([line], strict=True))
        except (csv.Error, StopIteration):
            return None
        if any(cell.strip() for cell in row):
            return tuple(clean_header_name(cell) for cell in row), int(index)
    return None


def _read(body: bytes, width: int) -> tuple[pa.Array, ...] | None:
    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            io.BytesIO(body),
            read_options=pacsv.ReadOptions(column_names=names),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException):
        return None
    return tuple(table.column(i).combine_chunks() for i in range(width))


def _blank_rows(columns: tuple[pa.Array, ...]) -> pa.Array | None:
    """Rows whose every cell is blank (the row-by-row path skips them), or None if none."""
    blank = None
    for column in columns:
        empty = pc.equal(pc.ascii_trim(column, characters=BLANKS), "")
        blank = empty if blank is None else pc.and_(blank, empty)
    if blank is None or not pc.any(blank).as_py():
        return None
    return blank
