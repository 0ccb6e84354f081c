"""Education definitions beyond their fixtures: gaps as published values, parameter checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.engine.values import build_values
from cypp.errors import EngineError
from cypp.indicators.definition import Kind, all_definitions
from tests.conftest import FIXTURES
from tests.indicators.harness import load_fixture, run, warehouse


def gap_values(name: str, tmp_path: Path) -> list[tuple[str, str, float | None]]:
    """The plan values of a gap definition run on its fixture: (breakdown, group, value)."""
    fixture = load_fixture(FIXTURES / "indicators" / f"{name}.yaml")
    definition = all_definitions()[fixture["definition"]]
    with warehouse(tmp_path / "w.duckdb", fixture["tables"]) as store:
        aggregates = run(store, fixture["definition"])
    assert definition.gap is not None
    code = fixture["definition"]
    values = build_values(
        aggregates,
        kinds={code: Kind.PROPORTION},
        units={code: "percentage points"},
        polarities={code: "low"},
        versions={code: "v"},
        gaps={code: definition.gap},
        threshold=0,
    )
    return [(v.breakdown, v.group, v.value) for v in values if v.period == "2009/10"]


def test_sen_gap_is_non_sen_minus_sen(tmp_path: Path) -> None:
    # non-SEN 2/2 = 100%, SEN (School Action, Action Plus, statement, SEN support) 2/4 = 50%
    assert gap_values("ni105_sen_gap_ks4", tmp_path) == [("all", "all", pytest.approx(50.0))]


def test_fsm_gap_at_ks2_is_non_fsm_minus_fsm(tmp_path: Path) -> None:
    # non-FSM 2/3, FSM 1/2: 66.67 - 50 points; the pupil with no census record is in neither
    assert gap_values("ni102_fsm_gap_ks2", tmp_path) == [
        ("all", "all", pytest.approx(100 * (2 / 3 - 1 / 2)))
    ]


def test_a_mapping_to_a_grade_that_does_not_exist_is_refused() -> None:
    definition = all_definitions()["ks3_ks4_progress_english"]
    with pytest.raises(EngineError, match=r"'4' to 'K'.*not a GCSE grade"):
        definition.frame({"two_levels_above": {"4": "K"}})


def test_a_threshold_that_is_not_a_rule_is_refused() -> None:
    definition = all_definitions()["secondary_persistent_absence"]
    with pytest.raises(EngineError, match=r"'2010/11': 'many'.*is not a rule"):
        definition.frame({"threshold": {"2010/11": "many"}})
    with pytest.raises(EngineError, match="has no rules"):
        definition.frame({"threshold": {}})


def test_the_first_threshold_also_applies_to_earlier_years(tmp_path: Path) -> None:
    # without a 64-session rule, 2009/10 falls under the first rule given (46 sessions): both
    # T1 (63) and T2 (64) are persistent absentees; the later years are as in the fixture
    fixture = load_fixture(
        FIXTURES / "indicators" / "ni087_secondary_persistent_absence_thresholds.yaml"
    )
    rules = {"2010/11": "46", "2015/16": "10%"}
    with warehouse(tmp_path / "w.duckdb", fixture["tables"]) as store:
        got = run(store, "secondary_persistent_absence", {"threshold": rules})
    counts = {a.period: (a.numerator, a.denominator) for a in got if a.breakdown == "all"}
    assert counts == {"2009/10": (2, 2), "2010/11": (1, 2), "2015/16": (2, 3)}
