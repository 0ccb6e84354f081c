"""Status against target: met, on track, off track, or not assessed — never from noise.

Order of judgement, polarity-aware ("better" is higher for ``high``, lower for ``low``):
1. no aim, no value (suppressed or missing), or polarity ``none`` → not assessed;
2. as good as the aim or better → met (a target the plan set) or on track (a trajectory point);
3. the confidence interval contains the aim → not significantly different from target;
4. worse, but within the tolerance band (a percentage of the aim, as scorecards' amber) →
   on track;
5. otherwise → off track.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cypp.assess.targets import Aim


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on track"
    NOT_SIGNIFICANT = "not significantly different from target"
    OFF_TRACK = "off track"
    NOT_ASSESSED = "not assessed"


@dataclass(frozen=True, slots=True)
class Judgement:
    status: Status
    reason: str


def _n(x: float) -> str:
    """A figure as a reason states it: one decimal place at most (57.2, 65)."""
    return f"{round(x, 1):g}"


def better_or_equal(value: float, aim: float, polarity: str) -> bool:
    return value >= aim if polarity == "high" else value <= aim


def judge(
    value: float | None,
    ci_low: float | None,
    ci_high: float | None,
    aim: Aim | None,
    polarity: str,
    *,
    tolerance_percent: float = 5.0,
    suppressed: bool = False,
) -> Judgement:
    """The status of one value against its aim (see the module docstring)."""
    if polarity not in ("high", "low"):
        return Judgement(
            Status.NOT_ASSESSED, "the indicator has no polarity, so no target is judged"
        )
    if aim is None:
        return Judgement(Status.NOT_ASSESSED, "no target for this period")
    if suppressed:
        return Judgement(Status.NOT_ASSESSED, "the value is suppressed (too few cases)")
    if value is None:
        return Judgement(Status.NOT_ASSESSED, "no value for this period")
    if better_or_equal(value, aim.value, polarity):
        if aim.explicit:
            return Judgement(Status.MET, f"{_n(value)} meets the target of {_n(aim.value)}")
        return Judgement(
            Status.ON_TRACK, f"{_n(value)} is on the trajectory to target ({_n(aim.value)})"
        )
    if ci_low is not None and ci_high is not None and ci_low <= aim.value <= ci_high:
        return Judgement(
            Status.NOT_SIGNIFICANT,
            f"{_n(value)} is worse than {_n(aim.value)} but its confidence interval "
            f"({_n(ci_low)} to {_n(ci_high)}) contains it",
        )
    band = abs(aim.value) * tolerance_percent / 100
    if abs(value - aim.value) <= band:
        return Judgement(
            Status.ON_TRACK, f"{_n(value)} is within {tolerance_percent:g}% of {_n(aim.value)}"
        )
    return Judgement(
        Status.OFF_TRACK,
        f"{_n(value)} is worse than {_n(aim.value)} beyond the {tolerance_percent:g}% tolerance",
    )
