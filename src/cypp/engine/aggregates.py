"""Aggregates: what an indicator definition yields per area, period, breakdown and group.

The engine aggregates a definition's unit-level frame inside the warehouse into these
counts; nothing child-level leaves it. ``numerator_is_sum`` marks means, whose numerator is a
sum of scores rather than a count of people (it is not itself disclosive).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Aggregate:
    indicator: str
    area: str
    period: str
    breakdown: str  # "all", "gender", "fsm", ...
    group: str  # "all", "F", "FSM", ...
    numerator: float
    denominator: float
    sum_of_squares: float = 0.0  # for means: the t interval needs it
    numerator_is_sum: bool = False
