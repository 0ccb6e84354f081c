"""The plan the workspace works to: the folder of setting ``plan``, validated, loaded once.

Roles, forms and what awaits each person all read the plan (its priorities, indicators,
actions and partners); it is loaded again only when one of its files changes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from cypp.plan.model import Action, Indicator, Method, Plan, Priority, Source
from cypp.plan.validate import load_plan
from cypp.settings import load_settings


def current_plan() -> Plan:
    folder = Path(load_settings().plan).resolve()
    stamps = tuple(sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.y*ml")))
    return _load(str(folder), stamps)


@functools.lru_cache(maxsize=4)
def _load(folder: str, stamps: tuple[tuple[str, int], ...]) -> Plan:
    return load_plan(Path(folder))


def enterable_indicators(plan: Plan) -> list[Indicator]:
    """Reported indicators whose values an analyst types in (HBR is computed in the workspace)."""
    return [
        i
        for i in plan.indicators
        if i.method is Method.REPORTED and i.source is not Source.WORKSPACE
    ]


def establishable_indicators(plan: Plan) -> list[Indicator]:
    return [i for i in plan.indicators if i.method is Method.NOT_YET_ESTABLISHED]


def commentable_indicators(plan: Plan) -> list[Indicator]:
    """Indicators with figures, which a priority lead explains: all but the unestablished."""
    return [i for i in plan.indicators if i.method is not Method.NOT_YET_ESTABLISHED]


def find_indicator(plan: Plan, code: str) -> Indicator | None:
    return next((i for i in plan.indicators if i.code == code), None)


def priority_ids_of(plan: Plan, code: str) -> set[str]:
    """The priorities whose measures name indicator ``code``."""
    return {p.id for p in plan.priorities_of(code)}


def actions(plan: Plan) -> Iterator[tuple[Priority, Action]]:
    for p in plan.priorities:
        for a in p.actions:
            yield p, a


def find_action(plan: Plan, action_id: str) -> tuple[Priority, Action] | None:
    return next(((p, a) for p, a in actions(plan) if a.id == action_id), None)


def find_priority(plan: Plan, priority_id: str) -> Priority | None:
    return next((p for p in plan.priorities if p.id == priority_id), None)
