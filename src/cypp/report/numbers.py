"""How the report writes numbers: by unit, with "c" for a suppressed figure and an en dash
for one that does not exist. One place, so HTML, PDF and the web app agree."""

from __future__ import annotations

SUPPRESSED = "c"
MISSING = "–"

_DECIMALS = {"%": 1, "percentage points": 1, "rate per 1,000": 1, "score": 1, "count": 0}


def number(value: float | None, unit: str = "", *, suppressed: bool = False) -> str:
    """``57.2%``, ``14.6``, ``1,234``, ``c`` (suppressed) or ``–`` (no figure)."""
    if suppressed:
        return SUPPRESSED
    if value is None:
        return MISSING
    decimals = _DECIMALS.get(unit, 1 if abs(value) < 1000 and value != int(value) else 0)
    text = f"{value:,.{decimals}f}"
    if unit == "%":
        return text + "%"
    if unit == "percentage points":
        return f"{text} pp"
    return text


def interval(low: float | None, high: float | None, unit: str = "") -> str:
    """``55.9 to 58.5`` (no unit symbol: it follows the value it qualifies)."""
    if low is None or high is None:
        return MISSING
    return f"{number(low, '')} to {number(high, '')}"


def unit_words(unit: str) -> str:
    """The unit as a column heading says it."""
    return {"%": "per cent", "percentage points": "percentage points"}.get(unit, unit)
