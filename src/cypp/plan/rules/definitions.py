"""Every indicator says how its figures come to exist, consistently with its method."""

from __future__ import annotations

from collections.abc import Iterator

from cypp.plan.draft import Draft
from cypp.plan.model import Method, Source
from cypp.plan.rules.context import RuleContext
from cypp.problems import Problem

RULE = "indicator-definition"


def check(draft: Draft, context: RuleContext) -> Iterator[Problem]:
    for p in draft.indicators:
        ind = p.item
        code = ind.code
        if ind.method is Method.COMPUTED:
            if ind.definition is None:
                yield p.problem(
                    ("method",),
                    RULE,
                    f"{code} is computed but names no definition",
                    "'definition: <name of a computed definition>'",
                    "add the definition's name, or make the method 'reported'",
                )
            elif (
                context.known_definitions is not None
                and ind.definition not in context.known_definitions
            ):
                yield p.problem(
                    ("definition",),
                    RULE,
                    f"{code} names definition {ind.definition!r}, which the engine does not have",
                    f"one of {', '.join(sorted(context.known_definitions))}",
                    "correct the name, or make the method 'reported'",
                )
        elif ind.definition is not None:
            yield p.problem(
                ("definition",),
                RULE,
                f"{code} is {ind.method.value} but names definition {ind.definition!r}",
                "a definition only on computed indicators",
                "remove 'definition' or make the method 'computed'",
            )
        if ind.method is Method.NOT_YET_ESTABLISHED:
            if ind.plan_says is None:
                yield p.problem(
                    ("method",),
                    RULE,
                    f"{code} is not yet established but does not say what the plan says of it",
                    "'plan_says: <the plan's words>'",
                    "quote the plan in 'plan_says'",
                )
            if ind.source is not Source.NONE:
                yield p.problem(
                    ("source",),
                    RULE,
                    f"{code} is not yet established but has source {ind.source.value!r}",
                    "source 'none' until the measure is established",
                    "set 'source: none'",
                )
        elif ind.definition_text is None:
            yield p.problem(
                ("code",),
                RULE,
                f"{code} has no definition text",
                "'definition_text' stating cohort, numerator and denominator",
                "describe how the indicator is defined",
            )
