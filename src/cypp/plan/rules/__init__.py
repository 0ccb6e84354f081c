"""Validation rules for a plan, one per module; each reports every problem it finds.

A rule is a function ``check(draft, context) -> Iterable[Problem]``. They run after
structural validation, over every item that parsed, so one run reports everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cypp.plan.draft import Draft
from cypp.plan.rules import (
    definitions,
    linked,
    references,
    target_periods,
    unique_ids,
    unit_polarity,
)
from cypp.plan.rules.context import RuleContext
from cypp.problems import Problem

Rule = Callable[[Draft, RuleContext], Iterable[Problem]]

RULES: dict[str, Rule] = {
    "unique-ids": unique_ids.check,
    "references": references.check,
    "definitions": definitions.check,
    "target-periods": target_periods.check,
    "unit-polarity": unit_polarity.check,
    "linked": linked.check,
}

__all__ = ["RULES", "Rule", "RuleContext"]
