"""Cells that a spreadsheet will show as text, never run as a formula.

Text in cypp's exports comes from councils' files (a child's record, a problem's value), so a
cell such as ``=cmd|' /C calc'!A0`` must not become a formula when an analyst opens the CSV
or XLSX in Excel or LibreOffice. Following OWASP's advice on CSV injection, a string that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe,
which spreadsheets take as "this cell is text" and do not show. Numbers stay numbers (a
negative number is not a formula), and every other value is returned as it is.

Every CSV and XLSX export of cypp passes its cells through ``formula_safe`` (or whole rows
through ``formula_safe_row``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

#: The first characters that make a spreadsheet read a cell as a formula (or, for tab and
#: carriage return, that some spreadsheets strip before doing so).
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> object:
    """``value``, with a leading ``'`` if it is a string a spreadsheet would take as a formula.

    >>> formula_safe("=1+1"), formula_safe("-2"), formula_safe(-2), formula_safe("NEET")
    ("'=1+1", "'-2", -2, 'NEET')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def formula_safe_row(row: Sequence[object]) -> list[object]:
    """Each cell of ``row`` made safe with ``formula_safe``."""
    return [formula_safe(cell) for cell in row]
