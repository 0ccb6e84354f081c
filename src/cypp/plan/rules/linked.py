"""Every indicator serves the plan: a priority measures it or a workstream names it."""

from __future__ import annotations

from collections.abc import Iterator

from cypp.plan.draft import Draft
from cypp.plan.model import Workstream
from cypp.problems import Problem

RULE = "unlinked-indicator"


def check(draft: Draft, _context: object) -> Iterator[Problem]:
    used: set[str] = set()
    for pr in draft.priorities:
        for m in pr.item.measures:
            used.update(m.indicators)

    def walk(items: tuple[Workstream, ...]) -> None:
        for w in items:
            used.update(w.indicators)
            walk(w.workstreams)

    for o in draft.outcomes:
        walk(o.item.workstreams)
    for p in draft.indicators:
        if p.item.code not in used:
            yield p.problem(
                ("code",),
                RULE,
                f"{p.item.code} is not measured by any priority or named by any workstream",
                "each indicator linked to the plan",
                "list it under a priority's measures or a workstream's indicators, or remove it",
            )
