"""The look shared by the report's charts: the Okabe–Ito palette, the size that fits an A4
page's column, the font, and the y scale's round numbers."""

from __future__ import annotations

import math
import textwrap
from typing import Any

import altair as alt

# Okabe & Ito (2008), "Color Universal Design": eight colours told apart by people with any
# common colour-vision deficiency.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
OKABE_ITO = (BLACK, ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE)
WHITE = "#FFFFFF"  # the page: text on a dark bar, the inside of an open marker

# An A4 page's text column is about 170 mm: 640 px at 96 px per inch, with room to spare.
WIDTH = 640
PLOT_WIDTH = 500  # the plot itself; the rest is the y axis and the direct labels
HEIGHT = 260
PLOT_HEIGHT = 160  # below the title, subtitle and legend

# Liberation Sans has Arial's metrics, so text measured here fits wherever Arial is used.
FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1a1a1a"  # axis and title text: near-black for print
RULE = "#d9d9d9"  # grid lines: light enough to sit behind the data

CONFIG: dict[str, Any] = {
    "font": FONT,
    "aria": False,  # the whole chart is one image described in words (see charts.to_svg)
    "background": WHITE,
    "view": {"stroke": None},
    "axis": {
        "labelColor": INK,
        "titleColor": INK,
        "labelFontSize": 11,
        "titleFontSize": 11,
        "titleFontWeight": "normal",
        "gridColor": RULE,
        "domainColor": "#737373",
        "tickColor": "#737373",
    },
    "legend": {
        "labelColor": INK,
        "labelFontSize": 11,
        "titleFontSize": 11,
        # several legends above a chart sit side by side, from the left
        "layout": {"expr": "{top: {anchor: 'start', direction: 'horizontal', margin: 18}}"},
    },
    "title": {"color": INK, "subtitleColor": INK},
    "text": {"font": FONT},
}


def inline(rows: list[dict[str, Any]]) -> Any:
    """A layer's rows as inline data (Altair moves them to the spec's named datasets)."""
    return alt.Data(values=rows)  # type: ignore[no-untyped-call]


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` characters (Vega draws a list as lines)."""
    return textwrap.wrap(text, width) or [""]


def nice_domain(values: list[float], unit: str) -> tuple[float, float, float]:
    """(low, high, step): round numbers around ``values`` with a little room either side,
    never below 0 for figures that cannot be negative, nor above 100 for a percentage."""
    if not values:  # every figure suppressed: an empty frame for the "c"s
        return (0.0, 100.0, 20.0) if unit == "%" else (0.0, 10.0, 2.0)
    lo, hi = min(values), max(values)
    if hi == lo:  # one figure, or all the same: room around it
        lo, hi = lo - max(abs(lo) * 0.1, 1.0), hi + max(abs(hi) * 0.1, 1.0)
    span = hi - lo
    lo, hi = lo - 0.08 * span, hi + 0.08 * span
    raw = (hi - lo) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if unit == "count":
        step = max(step, 1.0)
    low = math.floor(lo / step) * step
    high = math.ceil(hi / step) * step
    if min(values) >= 0:
        low = max(low, 0.0)
    if unit == "%" and max(values) <= 100:
        high = min(high, 100.0)
    return low, high, step


def tick_format(step: float) -> str:
    """A d3 format showing the ticks ``step`` apart without rounding two to the same text."""
    if float(step).is_integer():
        return ",d"
    return ",.1f" if float(step * 10).is_integer() else ",.2f"


def legend_columns(labels: list[str], room: float, char_px: float = 6.2) -> int:
    """Entries per row of a legend of line symbols: all in one row when they fit in ``room``
    pixels, else fewer (the rows then line up in columns)."""
    widths = [30 + 6 + len(s) * char_px + 14 for s in labels]  # symbol, gap, label, padding
    columns = len(labels)
    while columns > 1 and _grid_width(widths, columns) > room:
        columns -= 1
    return max(columns, 1)


def _grid_width(widths: list[float], columns: int) -> float:
    return sum(max(widths[c::columns]) for c in range(columns))
