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
    *,
    whole_population: bool = False,
) -> Direction:
    """Compare (value, ci_low, ci_high) of an earlier and a later period.

    Without intervals a change cannot be told from noise, so it is not assessed — unless the
    figures are published counts of a whole population (``whole_population``), which DfE
    publishes without intervals and compares directly; then any change is a change.
    """
    v1, l1, h1 = earlier
    v2, l2, h2 = later
    if v1 is None or v2 is None or polarity not in ("high", "low"):
        return Direction.NOT_ASSESSED
    z = z_value(level)
    if None in (l1, h1, l2, h2):
        if not whole_population:
            return Direction.NOT_ASSESSED
        if v1 == v2:
            return Direction.NO_CHANGE
        return Direction.IMPROVING if (v2 > v1) == (polarity == "high") else Direction.WORSENING
    se1 = (h1 - l1) / (2 * z)  # type: ignore[operator]
    se2 = (h2 - l2) / (2 * z)  # type: ignore[operator]
    se = math.sqrt(se1 * se1 + se2 * se2)
    diff = v2 - v1
    significant = diff != 0 if se == 0 else abs(diff) / se > z
    if not significant:
        return Direction.NO_CHANGE
    up = diff > 0
    return Direction.IMPROVING if up == (polarity == "high") else Direction.WORSENING
