"""Ids and codes are unique: two items with one id make every reference to it ambiguous."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cypp.plan.draft import Draft, Placed
from cypp.plan.model import Workstream
from cypp.problems import Problem

RULE = "duplicate-id"


def check(draft: Draft, _context: object) -> Iterator[Problem]:
    for kind, items in _namespaces(draft).items():
        first: dict[str, tuple[Placed[Any], tuple[str | int, ...]]] = {}
        for placed, sub, key in items:
            if key in first:
                earlier, earlier_sub = first[key]
                line = earlier.source.line_of((*earlier.path, *earlier_sub))
                yield placed.problem(
                    sub,
                    RULE,
                    f"{kind} {key!r} is defined again",
                    f"a unique {kind} (first defined at {earlier.source.file}:{line})",
                    f"rename one of the two {kind}s or remove the repeat",
                )
            else:
                first[key] = (placed, sub)


Entry = tuple[Placed[Any], tuple[str | int, ...], str]


def _namespaces(draft: Draft) -> dict[str, list[Entry]]:
    spaces: dict[str, list[Entry]] = {
        "outcome id": [(p, ("id",), p.item.id) for p in draft.outcomes],
        "priority id": [(p, ("id",), p.item.id) for p in draft.priorities],
        "programme id": [(p, ("id",), p.item.id) for p in draft.programmes],
        "partner id": [(p, ("id",), p.item.id) for p in draft.partners],
        "indicator code": [(p, ("code",), p.item.code) for p in draft.indicators],
        "targets entry for indicator": [
            (p, ("indicator",), p.item.indicator) for p in draft.targets
        ],
        "workstream id": [],
        "action id": [],
    }
    for p in draft.outcomes:
        _workstreams(p, p.item.workstreams, ("workstreams",), spaces["workstream id"])
    for pr in draft.priorities:
        spaces["action id"] += [
            (pr, ("actions", i, "id"), a.id) for i, a in enumerate(pr.item.actions)
        ]
    return spaces


def _workstreams(
    placed: Placed[Any], items: tuple[Workstream, ...], at: tuple[str | int, ...], into: list[Entry]
) -> None:
    for i, w in enumerate(items):
        into.append((placed, (*at, i, "id"), w.id))
        _workstreams(placed, w.workstreams, (*at, i, "workstreams"), into)
