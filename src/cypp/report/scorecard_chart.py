"""The scorecard chart: one stacked bar per outcome or priority, its indicators split into
met, on track, off track and not assessed.

The piles are always in that order, left to right, and each segment is labelled with its
count (and its name where it fits), so the status is never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from cypp.report.chart_style import (
    BLACK,
    BLUE,
    CONFIG,
    INK,
    SKY_BLUE,
    VERMILLION,
    WHITE,
    inline,
    wrap,
)
from cypp.report.chart_text import scorecard_description
from cypp.report.content import MET, NOT_ASSESSED, OFF_TRACK, ON_TRACK, PILES, Scorecard

# Dark to light in greyscale as well: met, off track, on track, not assessed (an outline).
PILE_COLOURS = {MET: BLUE, ON_TRACK: SKY_BLUE, OFF_TRACK: VERMILLION, NOT_ASSESSED: WHITE}
_TEXT_ON = {MET: WHITE, ON_TRACK: BLACK, OFF_TRACK: BLACK, NOT_ASSESSED: BLACK}

BAR_WIDTH = 470  # pixels for the largest card; the rest is its total
LINE = 14  # pixels per line of text
BAR = 18
GAP = 14  # between cards
TITLE_CHARS = 95
NOTE_CHARS = 100
CHAR_PX = 6.4  # average width of an 11 px character, to judge whether a label fits


def _two_lines(title: str) -> list[str]:
    """A card's title in at most two lines, shortened with an ellipsis beyond that."""
    lines = wrap(title, TITLE_CHARS)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: TITLE_CHARS - 1].rstrip() + "\N{HORIZONTAL ELLIPSIS}"]
    return lines


def _below(card: Scorecard, unnamed: list[str]) -> str:
    """The words under a card's bar: the piles too narrow to name, and which indicators are
    off track ("1 not assessed. Off track: NI 97, NI 98")."""
    off = f"{OFF_TRACK}: {', '.join(card.off_track)}" if card.off_track else ""
    parts = [
        f"{named}: {', '.join(card.off_track)}" if named.endswith(OFF_TRACK) and off else named
        for named in unnamed
    ]
    if off and not any(named.endswith(OFF_TRACK) for named in unnamed):
        parts.append(off[:1].upper() + off[1:])
    return ". ".join(parts)


def scorecard_chart(cards: Sequence[Scorecard], title: str) -> dict[str, Any]:
    """Stacked bars of met / on track / off track / not assessed, one per card, as a
    Vega-Lite specification."""
    most = max((card.total for card in cards), default=0) or 1
    px = BAR_WIDTH / most
    segments: list[dict[str, Any]] = []
    texts: list[dict[str, Any]] = []  # card titles, totals and the off-track lists
    top = 0.0
    for card in cards:
        lines = _two_lines(card.title)
        texts.append({"x": 0, "y": top, "text": lines, "baseline": "top"})
        bar_top = top + LINE * len(lines) + 3
        start, unnamed = 0, []
        for pile in PILES:
            n = card.counts.get(pile, 0)
            if n == 0:
                continue
            named = f"{n} {pile}"
            fits = len(named) * CHAR_PX + 8 <= n * px
            if not fits:
                unnamed.append(named)
            segments.append(
                {
                    "card": card.title,
                    "pile": pile,
                    "count": n,
                    "x": start,
                    "x2": start + n,
                    "y": bar_top,
                    "y2": bar_top + BAR,
                    "label": named if fits else str(n),
                    "ink": _TEXT_ON[pile],
                }
            )
            start += n
        noun = "indicator" if card.total == 1 else "indicators"
        texts.append(
            {
                "x": start,
                "y": bar_top + BAR / 2,
                "text": f"{card.total} {noun}",
                "baseline": "middle",
            }
        )
        top = bar_top + BAR + 4
        for line in wrap(_below(card, unnamed), NOTE_CHARS) if _below(card, unnamed) else []:
            texts.append({"x": 0, "y": top, "text": line, "baseline": "top"})
            top += LINE
        top += GAP
    height = max(top - GAP, LINE)
    x_scale = alt.Scale(domain=[0, most], nice=False, zero=True)
    y_scale = alt.Scale(domain=[0, height], reverse=True, nice=False, zero=False)
    no_axis = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    x = alt.X("x:Q", scale=x_scale, axis=no_axis)
    y = alt.Y("y:Q", scale=y_scale, axis=no_axis)
    bars = (
        alt.Chart(inline(segments))
        .mark_rect(stroke=INK, strokeWidth=0.75)
        .encode(
            x=x,
            x2="x2:Q",
            y=y,
            y2="y2:Q",
            color=alt.Color(
                "pile:N",
                scale=alt.Scale(domain=list(PILES), range=[PILE_COLOURS[p] for p in PILES]),
                legend=alt.Legend(
                    title=None,
                    orient="top",
                    direction="horizontal",
                    symbolStrokeColor=INK,
                    offset=12,
                ),
            ),
            tooltip=[alt.Tooltip("card:N"), alt.Tooltip("pile:N"), alt.Tooltip("count:Q")],
        )
    )
    counts = (
        alt.Chart(inline(segments))
        .transform_calculate(mid="(datum.x + datum.x2) / 2", middle="(datum.y + datum.y2) / 2")
        .mark_text(fontSize=11, fontWeight="bold", baseline="middle")
        .encode(
            x=alt.X("mid:Q", scale=x_scale, axis=no_axis),
            y=alt.Y("middle:Q", scale=y_scale, axis=no_axis),
            text="label:N",
            color=alt.Color("ink:N", scale=None),
        )
    )
    above = (  # card titles and off-track lists, hanging from their y
        alt.Chart(inline([t for t in texts if t["baseline"] == "top"]))
        .mark_text(align="left", baseline="top", fontSize=11, color=INK, lineHeight=LINE)
        .encode(x=x, y=y, text="text:N")
    )
    beside = (  # totals, level with their bar
        alt.Chart(inline([t for t in texts if t["baseline"] == "middle"]))
        .mark_text(align="left", baseline="middle", dx=6, fontSize=11, color=INK)
        .encode(x=x, y=y, text="text:N")
    )
    chart = (
        alt.layer(bars, counts, above, beside)
        .properties(
            width=BAR_WIDTH,
            height=height,
            title=alt.TitleParams(text=wrap(title, 80), anchor="start", fontSize=14),
            description=scorecard_description(cards, title),
        )
        .configure(**CONFIG)
    )
    spec: dict[str, Any] = chart.to_dict(validate=False)  # validated by the tests: 5x faster
    return spec
