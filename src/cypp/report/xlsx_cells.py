"""Cells of the board report's workbook: values, number formats, sheet names and a writer that
fills a sheet from top to bottom.

Numbers and dates stay numbers and dates; None, "" and NaN make an empty cell, never the
text "None" or "nan"; every text goes through ``formula_safe`` so that commentary or a
school's name can never run as a formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cypp.exports import formula_safe

BOLD: Final = Font(bold=True)
TITLE: Final = Font(bold=True, size=14)
HEADING: Final = Font(bold=True, size=12)
WARNING: Final = Font(bold=True, color="9C0006")
HEADER_FILL: Final = PatternFill("solid", fgColor="DDEBF7")
WARNING_FILL: Final = PatternFill("solid", fgColor="FFF2CC")
WRAP: Final = Alignment(wrap_text=True, vertical="top")
# Status is always written out; the tint only helps the eye (blue/orange: colour-blind safe).
STATUS_FILLS: Final = {
    "met": PatternFill("solid", fgColor="D6EAF8"),
    "on track": PatternFill("solid", fgColor="D6EAF8"),
    "off track": PatternFill("solid", fgColor="FAD7A0"),
}
SHEET_TITLE_LIMIT: Final = 31
_ILLEGAL_TITLE = re.compile(r"[\[\]:*?/\\]")


def day(when: date) -> str:
    """31 August 2011 (strftime's ``%-d`` is not portable)."""
    return f"{when.day} {when:%B %Y}"


def number_format(unit: str) -> str:
    """Excel's number format for a value in ``unit`` (percentages are stored as 55.2, not
    0.552, so ``0.0`` rather than ``0.0%``)."""
    return "#,##0" if unit == "count" else "0.0"


def cell_value(value: object) -> object:
    """What a cell holds: numbers (floats rounded to 6 decimals, as in the open data) and
    dates as themselves; None, "" and NaN as an empty cell; text without the control
    characters Excel refuses, made formula-safe."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return round(value, 6) if math.isfinite(value) else None
    if isinstance(value, int | date):  # a datetime is a date
        return value
    return formula_safe(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def sheet_title(text: str, taken: set[str]) -> str:
    """A worksheet name from ``text``: no ``[]:*?/\\``, at most 31 characters cut at a word,
    not starting or ending with an apostrophe, and unique (case-insensitively) in ``taken``,
    to which it is added."""
    base = " ".join(_ILLEGAL_TITLE.sub(" ", text).split()).strip("'") or "Sheet"
    n = 1
    while True:
        suffix = "" if n == 1 else f" ({n})"
        room = SHEET_TITLE_LIMIT - len(suffix)
        cut = base
        if len(base) > room:
            cut = base[:room]
            if " " in cut and base[room] != " ":
                cut = cut.rsplit(" ", 1)[0]
        candidate = cut.strip(" '") + suffix
        if candidate.casefold() not in taken:
            taken.add(candidate.casefold())
            return candidate
        n += 1


class SheetWriter:
    """Writes a sheet top to bottom; ``span`` is how many columns a paragraph spreads over."""

    def __init__(self, ws: Worksheet, widths: Sequence[float]) -> None:
        self.ws = ws
        self.row = 1
        self.span = len(widths)
        self.chars = sum(widths)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def cells(
        self,
        values: Sequence[object],
        formats: Sequence[str | None] = (),
        font: Font | None = None,
        fill: PatternFill | None = None,
    ) -> None:
        for i, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.row, column=i, value=cell_value(value))
            number = formats[i - 1] if i <= len(formats) else None
            if number and isinstance(cell.value, int | float):
                cell.number_format = number
            if font is not None:
                cell.font = font
            if fill is not None:
                cell.fill = fill
            if isinstance(cell.value, str) and len(cell.value) > 30:
                cell.alignment = WRAP
            if isinstance(value, str) and value in STATUS_FILLS:
                cell.fill = STATUS_FILLS[value]
        self.row += 1

    def title(self, text: str, font: Font = TITLE) -> None:
        self.cells([text], font=font)

    def para(self, text: str, font: Font | None = None, fill: PatternFill | None = None) -> None:
        """Text across the sheet's columns, wrapped, with a row tall enough to show it."""
        self.cells([text], font=font, fill=fill)
        row = self.row - 1
        cell = self.ws.cell(row=row, column=1)
        cell.alignment = WRAP
        if self.span > 1:
            self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.span)
        lines = sum(max(1, math.ceil(len(p) * 1.1 / self.chars)) for p in text.split("\n"))
        self.ws.row_dimensions[row].height = 15 * lines

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        formats: Sequence[Sequence[str | None]] | None = None,
    ) -> None:
        self.cells(header, font=BOLD, fill=HEADER_FILL)
        for i, row in enumerate(rows):
            self.cells(row, formats[i] if formats else ())
        self.row += 1

    def gap(self) -> None:
        self.row += 1
