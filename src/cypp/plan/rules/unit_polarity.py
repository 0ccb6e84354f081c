"""A unit must fit its polarity: a gap in percentage points is better when it narrows."""

from __future__ import annotations

from collections.abc import Iterator

from cypp.plan.draft import Draft
from cypp.plan.model import Polarity, Unit
from cypp.problems import Problem

RULE = "unit-polarity"

# Units whose direction of "better" is fixed by what they are.
ALLOWED: dict[Unit, frozenset[Polarity]] = {
    Unit.PERCENTAGE_POINTS: frozenset({Polarity.LOW, Polarity.NONE}),  # gaps narrow
}


def check(draft: Draft, _context: object) -> Iterator[Problem]:
    for p in draft.indicators:
        allowed = ALLOWED.get(p.item.unit)
        if allowed is not None and p.item.polarity not in allowed:
            yield p.problem(
                ("polarity",),
                RULE,
                f"{p.item.code} is in {p.item.unit.value} with polarity {p.item.polarity.value!r}",
                f"polarity {' or '.join(sorted(a.value for a in allowed))} for {p.item.unit.value}",
                "a gap is better when smaller: set 'polarity: low' or measure it in another unit",
            )
