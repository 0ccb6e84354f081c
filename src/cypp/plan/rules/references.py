"""Every reference points at something that exists: no dangling indicator, outcome or priority."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from cypp.plan.draft import Draft, Placed
from cypp.plan.model import Workstream
from cypp.problems import Problem

RULE = "dangling-reference"


def check(draft: Draft, _context: object) -> Iterator[Problem]:
    codes = draft.raw_ids.get("indicators", set())
    outcomes = draft.raw_ids.get("outcomes", set())
    priorities = draft.raw_ids.get("priorities", set())
    for o in draft.outcomes:
        yield from _workstream_refs(o, o.item.workstreams, ("workstreams",), codes)
    for pr in draft.priorities:
        for i, m in enumerate(pr.item.measures):
            for j, code in enumerate(m.indicators):
                yield from _ref(pr, ("measures", i, "indicators", j), "indicator", code, codes)
        for i, oid in enumerate(pr.item.outcomes):
            yield from _ref(pr, ("outcomes", i), "outcome", oid, outcomes)
    for g in draft.programmes:
        for i, pid in enumerate(g.item.priorities):
            yield from _ref(g, ("priorities", i), "priority", pid, priorities)
    for ind in draft.indicators:
        yield from _ref(ind, ("outcome",), "outcome", ind.item.outcome, outcomes)
    for p in draft.targets:
        yield from _ref(p, ("indicator",), "indicator", p.item.indicator, codes)
        baselines = {b.period for b in p.item.baselines}
        for i, t in enumerate(p.item.targets):
            if t.from_period is not None and t.from_period not in baselines:
                yield p.problem(
                    ("targets", i, "from"),
                    RULE,
                    f"target for {t.period} is a change from {t.from_period!r}, which has no baseline",
                    f"a baseline period of {p.item.indicator} ({', '.join(sorted(baselines)) or 'none'})",
                    f"add a baseline for {t.from_period} or change 'from'",
                )


def _workstream_refs(
    placed: Placed[Any], items: tuple[Workstream, ...], at: tuple[str | int, ...], codes: set[str]
) -> Iterator[Problem]:
    for i, w in enumerate(items):
        for j, code in enumerate(w.indicators):
            yield from _ref(placed, (*at, i, "indicators", j), "indicator", code, codes)
        yield from _workstream_refs(placed, w.workstreams, (*at, i, "workstreams"), codes)


def _ref(
    placed: Placed[Any], sub: tuple[str | int, ...], kind: str, value: str, known: set[str]
) -> Iterator[Problem]:
    if value in known:
        return
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    yield placed.problem(
        sub,
        RULE,
        f"{kind} {value!r} is not defined in the plan",
        f"an existing {kind}",
        f"define {kind} {value!r} or correct the reference{hint}",
    )
