"""Disclosure control: small counts withheld, and never recoverable by subtraction."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cypp.engine.aggregates import Aggregate
from cypp.engine.disclosure import suppress
from cypp.engine.values import build_values
from cypp.indicators.definition import Kind


def agg(breakdown: str, group: str, num: float, den: float) -> Aggregate:
    return Aggregate("NI075", "E10000018", "2009/10", breakdown, group, num, den)


def test_primary_small_numerators_and_denominators() -> None:
    items = [
        agg("all", "all", 40, 100),
        agg("fsm", "FSM", 3, 20),
        agg("fsm", "non-FSM", 37, 80),
        agg("gender", "F", 0, 50),
        agg("gender", "M", 40, 50),
    ]
    decided = suppress(items, threshold=5)
    assert decided[items[1]].reason == "primary"  # 3 is from 1 to 5
    assert not decided[items[3]].suppressed  # 0 stays 0


def test_secondary_hides_a_partner_so_the_total_cannot_reveal_it() -> None:
    items = [agg("all", "all", 40, 100), agg("fsm", "FSM", 3, 20), agg("fsm", "non-FSM", 37, 80)]
    decided = suppress(items, threshold=5)
    assert decided[items[2]].reason == "secondary"
    assert not decided[items[0]].suppressed


def test_secondary_picks_the_smallest_other_group() -> None:
    items = [
        agg("all", "all", 60, 300),
        agg("ethnicity", "Asian", 2, 30),
        agg("ethnicity", "White", 50, 250),
        agg("ethnicity", "Black", 8, 20),
    ]
    decided = suppress(items, threshold=5)
    assert [decided[a].suppressed for a in items] == [False, True, False, True]


def test_suppressed_values_carry_no_figures_and_gaps_follow() -> None:
    items = [agg("all", "all", 40, 100), agg("fsm", "FSM", 3, 20), agg("fsm", "non-FSM", 37, 80)]
    values = build_values(
        items,
        kinds={"NI075": Kind.PROPORTION},
        units={"NI075": "%"},
        polarities={"NI075": "high"},
        versions={"NI075": "v1"},
        gaps={},
        threshold=5,
    )
    fsm = next(v for v in values if v.group == "FSM")
    assert fsm.public()["value"] is None and fsm.public()["numerator"] is None
    gap = next(v for v in values if v.breakdown == "fsm_gap")
    assert gap.suppressed and gap.public()["value"] is None
    whole = next(v for v in values if v.breakdown == "all")
    assert whole.public()["value"] == 40.0


@settings(max_examples=200)
@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), min_size=2, max_size=6),
    st.integers(1, 10),
)
def test_no_suppressed_group_is_recoverable(groups: list[tuple[int, int]], threshold: int) -> None:
    """Whole minus the shown groups never isolates exactly one hidden group's counts."""
    parts = [agg("b", f"g{i}", min(n, d), d) for i, (n, d) in enumerate(groups)]
    whole = agg("all", "all", sum(p.numerator for p in parts), sum(p.denominator for p in parts))
    decided = suppress([whole, *parts], threshold)
    hidden = [p for p in parts if decided[p].suppressed]
    assert decided[whole].suppressed or len(hidden) != 1
    for p in parts:  # primary rule holds
        if 0 < p.numerator <= threshold or 0 < p.denominator <= threshold:
            assert decided[p].suppressed


def test_equity_gap_of_a_lower_is_better_indicator_reads_as_disadvantage() -> None:
    # absence: FSM 30/100 persistent absentees, non-FSM 10/100 → gap FSM minus non-FSM = +20
    items = [
        Aggregate("NI087", "E1", "2009/10", "all", "all", 40, 200),
        Aggregate("NI087", "E1", "2009/10", "fsm", "FSM", 30, 100),
        Aggregate("NI087", "E1", "2009/10", "fsm", "non-FSM", 10, 100),
    ]
    values = build_values(
        items,
        kinds={"NI087": Kind.PROPORTION},
        units={"NI087": "%"},
        polarities={"NI087": "low"},
        versions={"NI087": "v"},
        gaps={},
        threshold=5,
    )
    gap = next(v for v in values if v.breakdown == "fsm_gap")
    assert gap.group == "FSM minus non-FSM" and gap.value == 20.0
    assert gap.ci_low is not None and gap.ci_high is not None and gap.ci_low < 20 < gap.ci_high
