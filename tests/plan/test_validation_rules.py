"""Each validation rule, on a broken fixture: the reported file, line, rule and message."""

from __future__ import annotations

import pytest

from cypp.plan import validate_plan
from cypp.plan.rules import RULES
from tests.conftest import FIXTURES

BROKEN = FIXTURES / "plans" / "broken"

# fixture folder -> (file, line, rule, words the message must contain)
CASES = {
    "unknown-key": (
        "indicators.yaml",
        7,
        "unknown-key",
        ["unknown key 'polarty'", "did you mean 'polarity'?"],
    ),
    "duplicate-id": (
        "outcomes.yaml",
        9,
        "duplicate-id",
        ["outcome id 'be-healthy' is defined again", "outcomes.yaml:2"],
    ),
    "dangling-reference": (
        "outcomes.yaml",
        8,
        "dangling-reference",
        ["indicator 'NI05' is not defined", "did you mean 'NI050'?"],
    ),
    "no-definition": (
        "indicators.yaml",
        10,
        "indicator-definition",
        ["NI050 is computed but names no definition"],
    ),
    "target-outside-span": (
        "targets.yaml",
        4,
        "target",
        ["target period 2012/13 is outside the plan", "2008-04-01 to 2011-03-31"],
    ),
    "target-period-notation": (
        "targets.yaml",
        6,
        "target",
        ["'2009/10' is an academic year", "calendar years"],
    ),
    "unit-polarity": (
        "indicators.yaml",
        6,
        "unit-polarity",
        ["NI050 is in percentage points with polarity 'high'", "polarity low or none"],
    ),
    "unlinked-indicator": (
        "indicators.yaml",
        25,
        "unlinked-indicator",
        ["NI999 is not measured by any priority"],
    ),
    "yaml-syntax": ("outcomes.yaml", 5, "yaml-syntax", ["invalid YAML"]),
    "duplicate-key": ("outcomes.yaml", 4, "duplicate-key", ["key 'title' appears twice"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_fixture_reports_its_problem(name: str) -> None:
    file, line, rule, words = CASES[name]
    result = validate_plan(BROKEN / name)
    assert result.plan is None
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    problem = result.problems[0]
    assert problem.file.endswith(f"broken/{name}/{file}")
    assert (problem.line, problem.rule) == (line, rule)
    message = str(problem)
    assert message.startswith(f"{problem.file}:{line}:")
    for w in words:
        assert w in message
    assert "expected" in message and "fix:" in message


def test_every_rule_has_a_broken_fixture() -> None:
    import importlib

    tested = {c[2] for c in CASES.values()}
    for name in RULES:
        module = importlib.import_module(f"cypp.plan.rules.{name.replace('-', '_')}")
        assert module.RULE in tested, f"rule {name} ({module.RULE}) has no broken fixture"


def test_every_problem_is_reported_at_once() -> None:
    result = validate_plan(BROKEN / "many-problems")
    assert [(p.file.rsplit("/", 1)[1], p.line, p.rule) for p in result.problems] == [
        ("indicators.yaml", 7, "unknown-key"),
        ("outcomes.yaml", 8, "dangling-reference"),
        ("targets.yaml", 6, "target"),
    ]


def test_the_minimal_fixture_is_valid() -> None:
    result = validate_plan(FIXTURES / "plans" / "minimal")
    assert result.ok and result.plan is not None
    assert result.plan.targets_for("NI112").targets[0].from_period == "1998"


def test_a_missing_folder_is_one_clear_problem(tmp_path: object) -> None:
    result = validate_plan(FIXTURES / "plans" / "no-such-plan")
    assert [p.rule for p in result.problems] == ["plan-folder"]
