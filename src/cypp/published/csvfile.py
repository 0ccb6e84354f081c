"""Reading a published CSV with the line number of every record, for problem reports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Some DfE downloads are saved from Excel in Windows-1252.
        return raw.decode("cp1252")


def read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (stripped of a BOM and surrounding spaces) and ``(line, fields)`` records.

    ``line`` is the physical line number of the record's first line (the header is line 1),
    so a problem points at the line a person would open.
    """
    # newline="" splits records only at \r, \n or \r\n, as the csv module expects.
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], iter(())

    def records() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        for fields in reader:
            if fields:
                yield start, fields
            start = reader.line_num + 1

    return header, records()
