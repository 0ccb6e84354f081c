"""Targets, trajectories and status, on hand-worked cases of both polarities."""

from __future__ import annotations

import pytest

from cypp.assess.status import Status, judge
from cypp.assess.targets import Aim, aim_for, final_target
from cypp.plan.model import Baseline, IndicatorTargets, Target

# NI 112: 46.0 per 1,000 in 1998; aim -10% by 2010 → 41.4; trajectory 1998 → 2010 straight.
NI112 = IndicatorTargets(
    indicator="NI112",
    baselines=(Baseline(period="1998", value=46.0),),
    targets=(Target(period="2010", change=-10, change_unit="%", from_period="1998"),),
)
# NI 75: 50% in 2007/08, targets 54 in 2008/09 and 60 in 2010/11.
NI075 = IndicatorTargets(
    indicator="NI075",
    baselines=(Baseline(period="2007/08", value=50.0),),
    targets=(Target(period="2008/09", value=54.0), Target(period="2010/11", value=60.0)),
)


def test_change_from_baseline() -> None:
    assert final_target(NI112) == Aim("2010", pytest.approx(41.4), True)  # type: ignore[arg-type]


def test_trajectory_between_anchors() -> None:
    # 2004 is halfway from 1998 to 2010: 46.0 + 0.5 × (41.4 − 46.0) = 43.7
    aim = aim_for(NI112, "2004")
    assert aim is not None and not aim.explicit and aim.value == pytest.approx(43.7, abs=0.01)
    # 2009/10 is halfway from 54 (2008/09) to 60 (2010/11)
    mid = aim_for(NI075, "2009/10")
    assert mid is not None and mid.value == pytest.approx(57.0, abs=0.01)
    assert aim_for(NI075, "2008/09") == Aim("2008/09", 54.0, True)
    assert aim_for(NI075, "2011/12") is None  # after the plan's last target


HIGH_TARGET = Aim("2010/11", 60.0, True)
LOW_TARGET = Aim("2010", 41.4, True)


@pytest.mark.parametrize(
    ("value", "ci", "aim", "polarity", "expected"),
    [
        (61.0, (58.0, 64.0), HIGH_TARGET, "high", Status.MET),
        (60.0, (57.0, 63.0), HIGH_TARGET, "high", Status.MET),  # equal is met
        (58.5, (57.0, 60.5), HIGH_TARGET, "high", Status.NOT_SIGNIFICANT),  # CI holds 60
        (58.0, (57.5, 58.5), HIGH_TARGET, "high", Status.ON_TRACK),  # within 5% of 60 (57)
        (56.0, (55.5, 56.5), HIGH_TARGET, "high", Status.OFF_TRACK),  # 4 below: beyond 3
        (40.0, (35.0, 45.0), LOW_TARGET, "low", Status.MET),
        (44.0, (43.9, 44.1), LOW_TARGET, "low", Status.OFF_TRACK),  # 2.6 above; band 2.07
        (43.0, (42.9, 43.1), LOW_TARGET, "low", Status.ON_TRACK),  # 1.6 above: within
        (42.0, (41.0, 43.0), LOW_TARGET, "low", Status.NOT_SIGNIFICANT),
        (53.5, (53.0, 54.0), Aim("2009/10", 57.0, False), "high", Status.OFF_TRACK),  # band 2.85
        (57.5, (57.0, 58.0), Aim("2009/10", 57.0, False), "high", Status.ON_TRACK),
    ],
)
def test_status(
    value: float, ci: tuple[float, float], aim: Aim, polarity: str, expected: Status
) -> None:
    assert judge(value, ci[0], ci[1], aim, polarity).status is expected


def test_not_assessed_cases() -> None:
    assert judge(50, 45, 55, None, "high").status is Status.NOT_ASSESSED
    assert judge(None, None, None, HIGH_TARGET, "high", suppressed=True).reason.startswith(
        "the value is suppressed"
    )
    assert judge(50, 45, 55, HIGH_TARGET, "none").status is Status.NOT_ASSESSED
    assert judge(None, None, None, HIGH_TARGET, "high").status is Status.NOT_ASSESSED
