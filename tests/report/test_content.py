"""The report's content, worked out by hand from the small fixture in ``helpers``."""

from __future__ import annotations

import pytest

from cypp.periods import PeriodFormatError
from cypp.report.content import NOT_ASSESSED, as_at_period, build_report
from tests.report.helpers import demo_plan, figures, place, small_report


def test_as_at_period_takes_the_latest_ended_by_the_end_of_the_period() -> None:
    periods = ["2009-03-31", "2010-03-31", "2011-03-31", "2011-08-31x"]
    # 2010/11 ends 31 August 2011: the snapshot of 31 March 2011 is the latest by then
    assert as_at_period(periods, "2010/11") == "2011-03-31"
    # the financial year 2009-10 ends 31 March 2010
    assert as_at_period(periods, "2009-10") == "2010-03-31"
    assert as_at_period(periods, None) == "2011-03-31"
    assert as_at_period(periods, "2007/08") is None


def test_indicator_met_with_series_targets_and_benchmarks() -> None:
    r = small_report()
    s = r.section("NI075")
    a = s.assessment
    assert a is not None
    assert (a.period, a.value, a.target, a.status) == ("2010/11", 57.2, 56.0, "met")
    assert a.england == 58.2 and a.neighbours_mean == 56.0  # (54 + 58) / 2
    assert [p.period for p in s.series] == ["2008/09", "2009/10", "2010/11"]
    # 2009/10 is on the trajectory from 50 (2008/09) to 56 (2010/11): 53
    mid = s.series[1]
    assert mid.target_is_trajectory and mid.target == pytest.approx(53.0, abs=0.1)
    assert s.commentary is not None and s.commentary.story.startswith("Results rose")
    assert s.pile == "met"


def test_suppressed_point_has_no_value_and_is_not_assessed_when_latest() -> None:
    r = small_report()
    s = r.section("NI101")
    first = s.series[0]
    assert first.period == "2010-03-31" and first.suppressed and first.value is None
    assert s.assessment is not None and s.assessment.period == "2011-03-31"
    assert s.assessment.value == 17.6


def test_scorecards_count_every_indicator_of_the_outcome() -> None:
    r = small_report()
    plan = demo_plan()
    card = next(c for c in r.outcome_cards if c.id == "enjoy-and-achieve")
    in_outcome = [i for i in plan.indicators if i.outcome == "enjoy-and-achieve"]
    assert card.total == len(in_outcome)
    # NI 75: 57.2 >= 56 and NI 101: 17.6 >= 15 (higher is better) are met; nothing else in
    # the outcome has a figure, so the rest are not assessed
    assert dict(card.counts) == {
        "met": 2,
        "on track": 0,
        "off track": 0,
        NOT_ASSESSED: card.total - 2,
    }
    assert card.off_track == ()


def test_not_yet_established_measure_is_held_as_such() -> None:
    r = small_report()
    fss = r.section("FSS")
    assert not fss.established and fss.assessment is None
    assert fss.status == "not yet established"
    assert fss.indicator.plan_says


def test_equity_gap_is_judged_lower_is_better() -> None:
    r = small_report()
    gap = r.section("NI075:fsm_gap")
    assert gap.gap_of == "fsm_gap" and gap.polarity == "low" and gap.unit == "percentage points"
    assert gap.label == "NI 75 (FSM gap)"
    assert gap.assessment is not None and gap.assessment.value == 27.5
    # 30.1 (26.0–34.2) to 27.5 (23.4–31.6): the intervals overlap, no significant change
    assert gap.assessment.direction == "no significant change"


def test_priority_sections_follow_the_plan() -> None:
    r = small_report()
    plan = demo_plan()
    assert [p.priority.id for p in r.priorities] == [p.id for p in plan.priorities]
    raising = next(p for p in r.priorities if any(s.key == "NI075" for s in p.indicators))
    assert raising.scorecard.counts["met"] >= 1
    assert all(a.status for a in raising.actions)


def test_a_period_in_no_notation_is_refused() -> None:
    with pytest.raises(PeriodFormatError, match="not in a known notation"):
        build_report(demo_plan(), figures(), place(), period="Q3 2010")


def test_a_later_target_period_shows_its_aim_but_no_figure() -> None:
    # as at 2008/09, NI 75's 2010/11 target (56) is shown, but not 2010/11's actual 57.2
    r = build_report(demo_plan(), figures(), place(), period="2008/09")
    s = r.section("NI075")
    assert [p.period for p in s.series] == ["2008/09", "2010/11"]
    later = s.series[-1]
    assert later.target == 56.0 and later.value is None and later.england is None
    assert s.assessment is not None and s.assessment.value == 53.0
