"""Benchmarks among councils: quartile band A–D and rank, polarity-aware.

Quartile boundaries are linear interpolations of the councils' values (R's default type 7,
numpy's default), over councils with a value, as DfE's LAIT does. Band A is the best quarter:
for ``high`` polarity a value at or above the upper quartile; for ``low`` at or below the
lower quartile. Rank 1 is the best; tied councils share the best rank of their tie (R's
``ties.method = "min"``). Statistical neighbours' mean is the mean of those with a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class Quartiles:
    q1: float
    q2: float
    q3: float


def quartiles(values: Sequence[float]) -> Quartiles | None:
    if not values:
        return None
    q1, q2, q3 = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    return Quartiles(float(q1), float(q2), float(q3))


#: Quartiles of fewer councils than this say nothing; nor does a rank among fewer than two.
MIN_COUNCILS_FOR_BAND = 4


def band(value: float | None, values: Sequence[float], polarity: str) -> str | None:
    """A (best quarter) to D, or None when there is no value, no polarity or too few councils."""
    q = quartiles(values) if len(values) >= MIN_COUNCILS_FOR_BAND else None
    if value is None or q is None or polarity not in ("high", "low"):
        return None
    if polarity == "high":
        return "A" if value >= q.q3 else "B" if value >= q.q2 else "C" if value >= q.q1 else "D"
    return "A" if value <= q.q1 else "B" if value <= q.q2 else "C" if value <= q.q3 else "D"


def rank(value: float | None, values: Sequence[float], polarity: str) -> tuple[int, int] | None:
    """(rank, out of how many councils with a value); 1 is best, ties share the best rank."""
    if value is None or polarity not in ("high", "low") or len(values) < 2:
        return None
    better = sum(1 for v in values if (v > value if polarity == "high" else v < value))
    return better + 1, len(values)


def neighbours_mean(values: Sequence[float | None]) -> tuple[float | None, int]:
    """Mean of the neighbours that have a value, and how many had one."""
    present = [v for v in values if v is not None]
    return (sum(present) / len(present) if present else None), len(present)
