"""Parsing one submitted value into its canonical type.

Each parser takes the raw text and either returns the value (``None`` for an empty value)
or raises ``BadValue`` saying what was found, what was expected and which rule it broke.
The table builder catches these so that every bad value in a file is reported together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pyarrow as pa


class BadValue(ValueError):
    """A value that cannot be read as its column's type."""

    def __init__(self, rule: str, found: str, expected: str) -> None:
        super().__init__(found)
        self.rule = rule
        self.found = found
        self.expected = expected


Value = str | int | float | bool | date | None
Parser = Callable[[str], Value]

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_TRUE = frozenset({"true", "t", "yes", "y", "1"})
_FALSE = frozenset({"false", "f", "no", "n", "0"})


def is_empty(raw: str | None) -> bool:
    """Empty (or only spaces): the value was not given."""
    return raw is None or not raw.strip()


def parse_text(raw: str) -> str | None:
    """Codes and identifiers are kept exactly as submitted (no case or space changes)."""
    return None if is_empty(raw) else raw


def parse_date_dmy(raw: str) -> date | None:
    """A dd/mm/yyyy date, as DfE CSV returns write them."""
    return _parse_date(raw, iso=False)


def parse_date_any(raw: str) -> date | None:
    """A dd/mm/yyyy date, or an ISO yyyy-mm-dd date (XML and system extracts use both)."""
    return _parse_date(raw, iso=True)


def _parse_date(raw: str, *, iso: bool) -> date | None:
    if is_empty(raw):
        return None
    text = raw.strip()
    expected = "a date as dd/mm/yyyy, e.g. 27/03/2008" + (
        " (or yyyy-mm-dd, e.g. 2008-03-27)" if iso else ""
    )
    parts: tuple[int, int, int] | None = None
    dmy = _DMY.fullmatch(text)
    if dmy is not None:
        parts = (int(dmy[3]), int(dmy[2]), int(dmy[1]))
    elif iso and (ymd := _ISO.fullmatch(text)) is not None:
        parts = (int(ymd[1]), int(ymd[2]), int(ymd[3]))
    if parts is None:
        raise BadValue("date-format", f"{raw!r} is not a date in the expected form", expected)
    try:
        return date(*parts)
    except ValueError:
        raise BadValue(
            "date-format", f"{raw!r} is not a real date (no such day in the calendar)", expected
        ) from None


def parse_int(raw: str) -> int | None:
    """A whole number; int32 range, since counts and scores are small."""
    if is_empty(raw):
        return None
    text = raw.strip()
    expected = "a whole number, e.g. 17"
    if _INT.fullmatch(text) is None:
        raise BadValue("integer-format", f"{raw!r} is not a whole number", expected)
    # Python refuses int() of more than 4,300 digits; anything past 10 is beyond int32 anyway.
    if len(text.lstrip("+-").lstrip("0")) > 10:
        raise BadValue("integer-format", f"{raw!r} is too large", expected)
    value = int(text)
    if not -(2**31) <= value < 2**31:
        raise BadValue("integer-format", f"{raw!r} is too large", expected)
    return value


def parse_float(raw: str) -> float | None:
    """A decimal number written with a point (survey weights)."""
    if is_empty(raw):
        return None
    text = raw.strip()
    if _FLOAT.fullmatch(text) is None:
        raise BadValue(
            "number-format", f"{raw!r} is not a number", "a number such as 1.25 (a point, no comma)"
        )
    return float(text)


def parse_bool(raw: str) -> bool | None:
    """A flag: true/false, 1/0, yes/no (any case)."""
    if is_empty(raw):
        return None
    text = raw.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue(
        "boolean-format", f"{raw!r} is not a true/false flag", "true or false (or 1 or 0)"
    )


def parser_for(arrow_type: pa.DataType, *, iso_dates: bool) -> Parser:
    """The parser for a canonical column type."""
    if pa.types.is_date32(arrow_type):
        return parse_date_any if iso_dates else parse_date_dmy
    if pa.types.is_int32(arrow_type):
        return parse_int
    if pa.types.is_float64(arrow_type):
        return parse_float
    if pa.types.is_boolean(arrow_type):
        return parse_bool
    if pa.types.is_string(arrow_type):
        return parse_text
    raise TypeError(f"no parser for Arrow type {arrow_type}")  # a spec bug, not a user error
