"""Published cells: a number, or a symbol standing where a number could not be published.

A symbol is never turned into 0 or NaN: the value is null and the symbol is kept as the
cell's *state*, so that "suppressed" and "not applicable" stay distinguishable from zero.
"""

from __future__ import annotations

import re
from typing import Final

VALUE: Final = "value"  # the state of a cell that holds a number
BLANK: Final = "blank"  # the state of an empty cell (NCCIS leaves some cells empty)

# What each symbol means. Those marked "seen" occur in the files cypp vendors (inventory in
# docs/published.md); the rest are the other GSS/DfE symbols, accepted so that a refreshed
# file using them is read rather than rejected.
SYMBOLS: Final[dict[str, str]] = {
    "c": "confidential: suppressed to protect individuals",  # seen: DfE tidy files, NCCIS
    "x": "not available",  # seen: DfE tidy files
    "z": "not applicable",  # seen: DfE tidy files, NCCIS
    "k": "rounds to zero but is not zero (older DfE symbol)",  # seen: DfE tidy files
    "-": "not available (LAIT)",  # seen: LAIT parquet and CSV
    "low": "rounds to zero but is not zero",
    "u": "low reliability",
    ":": "not available (older DfE symbol)",
    "..": "not available (ONS)",
    "~": "fewer than five (older DfE symbol)",
    "NA": "not available (R export)",
}

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def parse_cell(text: str | None) -> tuple[float | None, str] | None:
    """``(value, state)`` for a published cell, or None when it is neither a number nor a
    known symbol (the caller reports that as a problem).

    Numbers are plain decimals (no thousands separators, no ``nan``/``inf``); a symbol gives
    ``(None, symbol)``; an empty cell gives ``(None, "blank")``.
    """
    if text is None:
        return None, BLANK
    cell = text.strip()
    if cell == "":
        return None, BLANK
    if _NUMBER.fullmatch(cell):
        return float(cell), VALUE
    if cell in SYMBOLS:
        return None, cell
    return None
