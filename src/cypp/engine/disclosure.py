"""Disclosure control for everything that leaves the warehouse.

Primary suppression: a value whose numerator or denominator is a count from 1 to the
threshold (setting ``suppression_threshold``, default 5) is withheld and shown as ``c``;
0 stays 0, since "none" discloses nothing about a person.

Secondary (complementary) suppression: within one breakdown of one indicator, area and
period, the groups add up to the whole cohort. If exactly one group were withheld, it could
be recovered by subtracting the others from the total, so the next smallest group is withheld
too, repeatedly, until no breakdown has exactly one withheld group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from cypp.engine.aggregates import Aggregate


@dataclass(frozen=True, slots=True)
class Decision:
    suppressed: bool
    reason: str | None  # "primary" | "secondary" | None


def is_small(count: float | None, threshold: int) -> bool:
    return count is not None and 0 < count <= threshold


def primary(a: Aggregate, threshold: int) -> bool:
    """Whether an aggregate's own counts are small enough to identify someone."""
    counts = [a.denominator] if a.numerator_is_sum else [a.numerator, a.denominator]
    return any(is_small(c, threshold) for c in counts)


def suppress(aggregates: Iterable[Aggregate], threshold: int) -> dict[Aggregate, Decision]:
    """The suppression decision for every aggregate (primary, then secondary).

    Breakdowns do not affect one another (a whole cohort withheld because of one breakdown is
    not a group of any other), and one more withheld group settles a breakdown, so each is
    settled in a single pass."""
    items = list(aggregates)
    decision = {a: _PRIMARY if primary(a, threshold) else _SHOWN for a in items}
    families: dict[tuple[str, str, str, str], list[Aggregate]] = defaultdict(list)
    wholes: dict[tuple[str, str, str], Aggregate] = {}
    for a in items:
        if a.breakdown == "all":
            wholes[(a.indicator, a.area, a.period)] = a
        else:
            families[(a.indicator, a.area, a.period, a.breakdown)].append(a)
    for (indicator, area, period, _), members in families.items():
        hidden = [a for a in members if decision[a].suppressed]
        if len(hidden) != 1:
            continue
        shown = [a for a in members if not decision[a].suppressed and a.denominator > 0]
        if shown:
            partner = min(shown, key=lambda a: (a.denominator, a.numerator, a.group))
            decision[partner] = _SECONDARY
        else:  # the hidden group is the whole cohort: the total must not show it either
            whole = wholes.get((indicator, area, period))
            if whole is not None and not decision[whole].suppressed:
                decision[whole] = _SECONDARY
    return decision


_SHOWN = Decision(False, None)
_PRIMARY = Decision(True, "primary")
_SECONDARY = Decision(True, "secondary")
