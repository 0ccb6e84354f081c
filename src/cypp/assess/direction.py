"""Direction of travel: improving, no significant change, or worsening — judged with the CIs.

Two values differ significantly when their difference is more than ``z`` standard errors of
the difference, each standard error taken from its confidence interval (half-width / z). A
change inside the noise is "no significant change", never an arrow.
"""

from __future__ import annotations

import math
from enum import StrEnum

from cypp.engine.statistics import z_value


class Direction(StrEnum):
    IMPROVING = "improving"
    NO_CHANGE = "no significant change"
    WORSENING = "worsening"
    NOT_ASSESSED = "not assessed"


def direction(
    earlier: tuple[float | None, float | None, float | None],
    later: tuple[float | None, float | None, float | None],
    polarity: str,
    level: float = 0.95,
) -> Direction:
    """Compare (value, ci_low, ci_high) of an earlier and a later period."""
    v1, l1, h1 = earlier
    v2, l2, h2 = later
    if v1 is None or v2 is None or polarity not in ("high", "low"):
        return Direction.NOT_ASSESSED
    z = z_value(level)
    if None in (l1, h1, l2, h2):
        return Direction.NOT_ASSESSED  # without intervals a change cannot be told from noise
    se1 = (h1 - l1) / (2 * z)  # type: ignore[operator]
    se2 = (h2 - l2) / (2 * z)  # type: ignore[operator]
    se = math.sqrt(se1 * se1 + se2 * se2)
    diff = v2 - v1
    significant = diff != 0 if se == 0 else abs(diff) / se > z
    if not significant:
        return Direction.NO_CHANGE
    up = diff > 0
    return Direction.IMPROVING if up == (polarity == "high") else Direction.WORSENING
