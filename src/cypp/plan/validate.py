"""Validate a plan folder and build the ``Plan``: every problem reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cypp.errors import PlanError
from cypp.plan.load import build_draft
from cypp.plan.model import Plan
from cypp.plan.rules import RULES, RuleContext
from cypp.problems import Problem


@dataclass(frozen=True)
class Validation:
    """The outcome of validating a plan: the plan (when valid) and every problem found."""

    plan: Plan | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_plan(folder: Path, context: RuleContext | None = None) -> Validation:
    """Structural checks per item, then every rule; the plan is built only when all pass."""
    draft, problems = build_draft(folder)
    context = context or RuleContext()
    for rule in RULES.values():
        problems.extend(rule(draft, context))
    problems.sort(key=lambda p: (p.file, p.line or 0, p.rule))
    if problems or draft.header is None:
        return Validation(None, tuple(problems))
    plan = Plan(
        plan=draft.header.item,
        outcomes=tuple(p.item for p in draft.outcomes),
        priorities=tuple(p.item for p in draft.priorities),
        programmes=tuple(p.item for p in draft.programmes),
        partners=tuple(p.item for p in draft.partners),
        indicators=tuple(p.item for p in draft.indicators),
        targets=tuple(p.item for p in draft.targets),
    )
    return Validation(plan, ())


def load_plan(folder: Path, context: RuleContext | None = None) -> Plan:
    """The validated plan in ``folder``, or ``PlanError`` carrying every problem."""
    result = validate_plan(folder, context)
    if result.plan is None:
        n = len(result.problems)
        raise PlanError(f"{folder}: the plan has {n} problem{'s' * (n != 1)}", result.problems)
    return result.plan


def summary(plan: Plan) -> dict[str, int]:
    """Counts of the plan's parts, as `cypp plan validate` prints them."""
    return {
        "outcomes": len(plan.outcomes),
        "workstreams": len(plan.all_workstreams()),
        "priorities": len(plan.priorities),
        "programmes": len(plan.programmes),
        "indicators": len(plan.indicators),
    }
