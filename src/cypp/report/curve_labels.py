"""The direct labels of a "turn the curve" chart: the latest figure, the final target, the
forecast and the benchmarks named beside their points, so no reader has to match a colour to
the legend; moved apart where they would overlap, and off the lines that leave a point."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from cypp.report.chart_style import BLUE, INK, PLOT_HEIGHT, PLOT_WIDTH, VERMILLION
from cypp.report.chart_text import short
from cypp.report.curve import ENGLAND, NEIGHBOURS, X_PADDING, Curve

CHAR_PX = 6.2  # average width of an 11 px character, to judge whether text fits
LABEL_GAP = 13  # pixels between direct labels stacked at one period


@dataclass
class Label:
    period: str
    value: float
    text: str
    colour: str
    bold: bool = False
    shift: float = 0  # pixels down (up when negative) from its point, out of a line's way


def clear_shift(
    c: Curve, name: str, lines: list[dict[str, Any]], own: dict[str, Any], low: float, high: float
) -> float:
    """Pixels to move the latest figure's label up or down, out of the way of the lines that
    leave its point to the right (the forecast, the trajectory, benchmarks) and of a target
    marked there. At the last period nothing leaves it: the labels there are dodged instead."""
    xs = list(c.periods)
    i = xs.index(own["period"])
    if i == len(xs) - 1:
        return 0.0
    scale = PLOT_HEIGHT / (high - low)
    step = PLOT_WIDTH / max(len(xs) - 1 + 2 * X_PADDING, 1)
    obstacles: list[float] = []
    for series in {r["series"] for r in lines} - {name}:
        points = sorted((xs.index(r["period"]), r["value"]) for r in lines if r["series"] == series)
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            if x1 <= i < x2:
                for reach in (8, 40):  # where the label starts and ends, in pixels
                    at = i + reach / step
                    obstacles.append(y1 + (y2 - y1) * (at - x1) / (x2 - x1))
    obstacles += [
        t for t in (p.target for p in c.points if p.period == own["period"]) if t is not None
    ]

    def room(shift: float) -> float:
        y = (high - own["value"]) * scale + shift
        return min((abs(y - (high - o) * scale) for o in obstacles), default=float("inf"))

    if room(0) >= LABEL_GAP:
        return 0.0
    return max((-LABEL_GAP, LABEL_GAP), key=room)


def direct_labels(
    c: Curve, name: str, lines: list[dict[str, Any]], low: float, high: float
) -> list[Label]:
    """The latest figure, the final target, the forecast and the benchmarks named at their
    last point, so no reader has to match a colour to the legend."""
    unit = c.section.unit
    labels: list[Label] = []

    def last(series: str) -> dict[str, Any] | None:
        rows = [r for r in lines if r["series"] == series]
        return rows[-1] if rows else None

    own = last(name)
    if own is not None:
        shift = clear_shift(c, name, lines, own, low, high)
        text = short(own["value"], unit)
        labels.append(Label(own["period"], own["value"], text, BLUE, True, shift))
    final = c.section.final_target
    if final is not None:
        text = f"Target {short(final[1], unit, trim=True)}"
        labels.append(Label(final[0], final[1], text, VERMILLION, True))
    if c.forecast is not None:
        text = f"Forecast {short(c.forecast.value, unit)}"
        labels.append(Label(c.forecast.end, c.forecast.value, text, BLUE))
    runs = [r["run"] for r in lines]
    for series, called in ((ENGLAND, "England"), (NEIGHBOURS, "Neighbours")):
        end = last(series)
        # named at its end, and wherever a figure stands alone as a dot
        for r in lines:
            if r["series"] == series and (r is end or runs.count(r["run"]) == 1):
                labels.append(Label(r["period"], r["value"], called, INK))
    return labels


def dodge(labels: list[Label], low: float, high: float) -> list[dict[str, Any]]:
    """Labels placed beside their points, moved apart where they would overlap."""
    scale = PLOT_HEIGHT / (high - low)
    placed: list[dict[str, Any]] = []
    for period in dict.fromkeys(lb.period for lb in labels):
        group = [lb for lb in labels if lb.period == period]
        group.sort(key=lambda lb: (high - lb.value) * scale + lb.shift)
        ys = [(high - lb.value) * scale + lb.shift for lb in group]  # pixels from the top
        for i in range(1, len(ys)):
            ys[i] = max(ys[i], ys[i - 1] + LABEL_GAP)
        overflow = ys[-1] - (PLOT_HEIGHT - 4)
        if overflow > 0:  # pushed off the bottom: move the stack up
            ys = [y - overflow for y in ys]
        if ys[0] < 4:  # and off the top: move it down (a stack taller than the plot spills)
            ys = [y + 4 - ys[0] for y in ys]
        for lb, y in zip(group, ys, strict=True):
            placed.append(
                {
                    "period": period,
                    "y": high - y / scale,
                    "text": lb.text,
                    "colour": lb.colour,
                    "weight": "bold" if lb.bold else "normal",
                }
            )
    return placed
