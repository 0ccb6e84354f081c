"""Targets and trajectories: what the plan aims for in each period.

A target is a value, or a change from a baseline (``-10`` ``%`` from ``1998`` is 10% below the
1998 value; ``pp`` is a change in percentage points). The trajectory runs straight from the
baseline through each target in turn, so every period between has an interim aim.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from cypp.periods import Period, parse_period
from cypp.plan.model import IndicatorTargets, Target


@dataclass(frozen=True, slots=True)
class Aim:
    """The value aimed for in a period, and whether it is a target the plan set or a point on
    the trajectory between targets."""

    period: str
    value: float
    explicit: bool


def target_value(target: Target, baselines: dict[str, float]) -> float:
    if target.value is not None:
        return target.value
    assert target.change is not None and target.from_period is not None  # the plan validated
    base = baselines[target.from_period]
    if target.change_unit == "%":
        return base * (1 + target.change / 100)
    return base + target.change


def anchors(spec: IndicatorTargets) -> list[tuple[Period, float, bool]]:
    """Baselines and targets as points in time (baselines are not aims in themselves)."""
    baselines = {b.period: b.value for b in spec.baselines}
    points = [(parse_period(b.period), b.value, False) for b in spec.baselines]
    points += [(parse_period(t.period), target_value(t, baselines), True) for t in spec.targets]
    return sorted(points, key=lambda p: p[0])


def aim_for(spec: IndicatorTargets, period: str) -> Aim | None:
    """The aim in ``period``: its explicit target, or the trajectory's value between the
    baseline/targets either side; None before the first anchor or after the last target."""
    points = anchors(spec)
    if not any(explicit for _, _, explicit in points):
        return None
    when = parse_period(period)
    for p, value, explicit in points:
        if p.label == period and explicit:
            return Aim(period, value, True)
    for (p1, v1, _), (p2, v2, e2) in itertools.pairwise(points):
        if e2 and p1.year_index <= when.year_index <= p2.year_index:
            share = (when.year_index - p1.year_index) / (p2.year_index - p1.year_index)
            return Aim(period, v1 + share * (v2 - v1), False)
    return None


def final_target(spec: IndicatorTargets) -> Aim | None:
    """The last target of the plan (what forecasts are judged against)."""
    targets = [(p, v) for p, v, explicit in anchors(spec) if explicit]
    if not targets:
        return None
    p, v = targets[-1]
    return Aim(p.label, v, True)
