"""Forecast to the plan's end: a straight-line trend with a prediction interval.

Ordinary least squares over the available periods (x = the period's year), projected to the
final target's period, with the usual prediction interval for a new observation
(t with n − 2 degrees of freedom). "Likely to meet target" is yes when the whole interval is
on the target's good side, no when the whole interval is on the bad side, otherwise uncertain;
fewer than three periods cannot give an interval, so the answer is uncertain.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from cypp.engine.statistics import t_value


class Likely(StrEnum):
    YES = "yes"
    NO = "no"
    UNCERTAIN = "uncertain"


@dataclass(frozen=True, slots=True)
class Forecast:
    at: float  # the year index forecast for
    value: float | None
    low: float | None
    high: float | None
    likely: Likely


def linear_forecast(
    points: list[tuple[float, float]],
    at: float,
    target: float | None,
    polarity: str,
    level: float = 0.95,
) -> Forecast:
    """Forecast the value at ``at`` from (x, value) points and judge it against ``target``."""
    n = len(points)
    if n < 2:
        return Forecast(at, None, None, None, Likely.UNCERTAIN)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx == 0:
        return Forecast(at, None, None, None, Likely.UNCERTAIN)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    value = my + slope * (at - mx)
    if n < 3:
        return Forecast(at, value, None, None, Likely.UNCERTAIN)
    residual = sum((y - (my + slope * (x - mx))) ** 2 for x, y in zip(xs, ys, strict=True))
    s = math.sqrt(residual / (n - 2))
    half = t_value(level, n - 2) * s * math.sqrt(1 + 1 / n + (at - mx) ** 2 / sxx)
    low, high = value - half, value + half
    likely = Likely.UNCERTAIN
    if target is not None and polarity in ("high", "low"):
        good_low, good_high = (
            (low >= target, high >= target)
            if polarity == "high"
            else (high <= target, low <= target)
        )
        if good_low:
            likely = Likely.YES
        elif not good_high:
            likely = Likely.NO
    return Forecast(at, value, low, high, likely)
