"""docs/indicators.md is generated from the definitions and must not be stale."""

from __future__ import annotations

from cypp.indicators.definition import all_definitions
from cypp.indicators.docs import render
from cypp.plan import load_plan
from tests.conftest import ROOT, SEED_PLAN


def test_docs_are_fresh() -> None:
    assert (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8") == render(), (
        "docs/indicators.md is stale: run `cypp definitions --markdown > docs/indicators.md`"
    )


def test_every_definition_states_its_cohort_and_rules() -> None:
    for name, d in all_definitions().items():
        doc = d.doc.lower()
        for word in ("cohort", "numerator", "denominator"):
            assert word in doc, f"{name}'s docstring does not state its {word}"


def test_plan_definitions_exist() -> None:
    from cypp.plan.model import Method

    plan = load_plan(SEED_PLAN)
    known = set(all_definitions())
    missing = [
        i.definition
        for i in plan.indicators
        if i.method is Method.COMPUTED and i.definition not in known
    ]
    assert missing == [], f"the plan names definitions cypp does not have: {missing}"
