"""Confidence intervals, as public health profiles compute them.

- proportions: Wilson score interval (Fingertips, PHEindicatormethods ``phe_proportion``);
- rates (counts per population): Byar's approximation to the exact Poisson interval
  (``phe_rate``), which is within 1% of exact for counts of 10 or more;
- means: Student's t on the sample standard deviation (``phe_mean``);
- differences of proportions (gaps): Newcombe's hybrid score interval (method 10), built from
  the two Wilson intervals — no normal approximation for small groups.
Levels 0.95 and 0.998 are the ones profiles use; any level in (0, 1) works.
"""

from __future__ import annotations

import math
from functools import cache
from statistics import NormalDist


@cache
def z_value(level: float) -> float:
    if not 0 < level < 1:
        raise ValueError(f"confidence level {level!r} must be between 0 and 1, e.g. 0.95")
    return NormalDist().inv_cdf(1 - (1 - level) / 2)


@cache
def t_value(level: float, degrees_of_freedom: int) -> float:
    """Two-sided Student's t quantile (``scipy.stats.t.ppf`` by the same special function,
    ``stdtrit``, without importing ``scipy.stats``, which takes a second)."""
    if not 0 < level < 1:
        raise ValueError(f"confidence level {level!r} must be between 0 and 1, e.g. 0.95")
    from scipy.special import stdtrit

    return float(stdtrit(degrees_of_freedom, 1 - (1 - level) / 2))


def wilson(numerator: float, denominator: float, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of ``numerator / denominator``, as proportions (0–1)."""
    if denominator <= 0:
        raise ValueError("a proportion needs a positive denominator")
    if not 0 <= numerator <= denominator:
        raise ValueError(
            f"numerator {numerator} must be between 0 and the denominator {denominator}"
        )
    z = z_value(level)
    p = numerator / denominator
    centre = (2 * numerator + z * z) / (2 * (denominator + z * z))
    half = z * math.sqrt(z * z + 4 * numerator * (1 - p)) / (2 * (denominator + z * z))
    # at 0 and at the whole the interval touches the boundary exactly (not by rounding)
    low = 0.0 if numerator == 0 else max(0.0, centre - half)
    high = 1.0 if numerator == denominator else min(1.0, centre + half)
    return low, high


def byar(
    count: float, population: float, level: float = 0.95, per: float = 1000.0
) -> tuple[float, float]:
    """Byar's interval of the rate ``count / population * per``."""
    if population <= 0:
        raise ValueError("a rate needs a positive population")
    if count < 0:
        raise ValueError("a count cannot be negative")
    z = z_value(level)
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return lower / population * per, upper / population * per


def mean_t(total: float, sum_of_squares: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """t interval of a mean from its sum, sum of squares and count (n ≥ 2)."""
    if n < 2:
        raise ValueError("a confidence interval of a mean needs at least two values")
    mean = total / n
    variance = max(0.0, (sum_of_squares - n * mean * mean) / (n - 1))
    half = t_value(level, n - 1) * math.sqrt(variance / n)
    return mean - half, mean + half


def newcombe_difference(
    num1: float, den1: float, num2: float, den2: float, level: float = 0.95
) -> tuple[float, float]:
    """Interval of ``num1/den1 - num2/den2`` (Newcombe 1998, method 10), as proportions."""
    p1, p2 = num1 / den1, num2 / den2
    l1, u1 = wilson(num1, den1, level)
    l2, u2 = wilson(num2, den2, level)
    d = p1 - p2
    lower = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return lower, upper
