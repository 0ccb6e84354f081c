"""The validated plan as JSON in a documented, stable shape (see docs/plan-export.md).

Top-level keys: ``plan``, ``outcomes``, ``priorities``, ``programmes``, ``partners``,
``indicators``, ``targets``. Every item has ``id`` (or ``code``) and ``title`` (or ``text``
where the plan writes a sentence); indicators also carry the ids of the priorities and
outcomes they serve, so consumers need not walk the tree.
"""

from __future__ import annotations

from typing import Any

from cypp.plan.model import Plan, Workstream

EXPORT_VERSION = 1


def _workstream(w: Workstream) -> dict[str, Any]:
    return {
        "id": w.id,
        "title": w.text,
        "flags": [f.value for f in w.flags],
        "indicators": list(w.indicators),
        "workstreams": [_workstream(c) for c in w.workstreams],
    }


def export_plan(plan: Plan) -> dict[str, Any]:
    """A JSON-ready dict of the whole plan."""
    header = plan.plan.model_dump(mode="json", exclude_none=True)
    return {
        "export_version": EXPORT_VERSION,
        "plan": header,
        "outcomes": [
            {
                "id": o.id,
                "title": o.title,
                "intro": o.intro,
                "workstreams": [_workstream(w) for w in o.workstreams],
            }
            for o in plan.outcomes
        ],
        "priorities": [
            {
                "id": p.id,
                "title": p.title,
                "wordings": list(p.wordings),
                "laa_focus": p.laa_focus,
                "outcomes": list(p.outcomes),
                "narrative": [
                    n if isinstance(n, str) else n.model_dump(mode="json", exclude_none=True)
                    for n in p.narrative
                ],
                "actions": [a.model_dump(mode="json", exclude_none=True) for a in p.actions],
                "measures_intro": p.measures_intro,
                "measures": [m.model_dump(mode="json") for m in p.measures],
                "indicators": sorted({c for m in p.measures for c in m.indicators}),
            }
            for p in plan.priorities
        ],
        "programmes": [
            {"id": g.id, "title": g.text, "priorities": list(g.priorities)} for g in plan.programmes
        ],
        "partners": [
            {"id": a.id, "title": a.name, "mentioned_as": a.mentioned_as} for a in plan.partners
        ],
        "indicators": [
            {
                **i.model_dump(mode="json", exclude_none=True),
                "priorities": [p.id for p in plan.priorities_of(i.code)],
                "outcomes": [o.id for o in plan.outcomes_of(i.code)],
            }
            for i in plan.indicators
        ],
        "targets": [
            t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in plan.targets
        ],
    }
