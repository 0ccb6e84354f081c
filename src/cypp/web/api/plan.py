"""The plan, its outcomes and key priorities, from the current publication's ``plan`` JSON
(written by ``cypp.web.publish._plan_json``) and its indicators."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.urls import reverse

from cypp.web.api import read, schemas
from cypp.web.api.errors import not_found
from cypp.web.api.workspace import approved_consultations
from cypp.web.published.models import Publication, PublishedIndicator

Json = Mapping[str, Any]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(values: Any) -> list[str]:
    return [str(v) for v in values or []]


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def scorecard(card: Json | None) -> schemas.Scorecard:
    counts = (card or {}).get("counts") or {}

    def n(pile: str) -> int:
        return int(counts.get(pile, 0))

    met, on, off, na = n("met"), n("on track"), n("off track"), n("not assessed")
    return schemas.Scorecard(
        met=met,
        on_track=on,
        off_track=off,
        not_assessed=na,
        total=met + on + off + na,
        off_track_labels=_texts((card or {}).get("off_track")),
    )


def _html(name: str, *args: str) -> dict[str, str]:
    from django.urls import NoReverseMatch

    try:
        return {"html": reverse(f"public:{name}", args=args)}
    except NoReverseMatch:
        return {}


def _outcome_summary(o: Json) -> schemas.OutcomeSummary:
    oid = _text(o.get("id"))
    return schemas.OutcomeSummary(
        id=oid,
        title=_text(o.get("title")),
        scorecard=scorecard(o.get("scorecard")),
        links={"self": reverse("api:outcome", args=[oid]), **_html("outcome", oid)},
    )


def _priority_summary(p: Json) -> schemas.PrioritySummary:
    pid = _text(p.get("id"))
    return schemas.PrioritySummary(
        id=pid,
        title=_text(p.get("title")),
        outcomes=_texts(p.get("outcomes")),
        scorecard=scorecard(p.get("scorecard")),
        links={"self": reverse("api:priority", args=[pid]), **_html("priority", pid)},
    )


def plan(p: Publication) -> schemas.Plan:
    data: Json = p.plan or {}
    vision = data.get("vision") or {}
    span = data.get("span") or {}
    return schemas.Plan(
        id=_text(data.get("id") or p.plan_id),
        title=_text(data.get("title") or p.plan_title),
        area_code=p.area_code,
        area_name=p.area_name,
        starts=_date(span.get("start")),
        ends=_date(span.get("end")),
        illustrative=p.illustrative,
        source=_text(data.get("source")),
        vision=schemas.Vision(
            statement=_text(vision.get("statement")), told_by=_text(vision.get("told_by"))
        ),
        approach_intro=_text(data.get("approach_intro")),
        approach=_texts(data.get("approach")),
        outcomes=[_outcome_summary(o) for o in data.get("outcomes") or []],
        priorities=[_priority_summary(x) for x in data.get("priorities") or []],
        programmes=[
            schemas.Programme(
                id=_text(g.get("id")),
                text=_text(g.get("text")),
                priorities=_texts(g.get("priorities")),
            )
            for g in data.get("programmes") or []
        ],
        partners=[
            schemas.Partner(id=_text(x.get("id")), name=_text(x.get("name")))
            for x in data.get("partners") or []
        ],
        publication=read.publication_summary(p),
        links={"self": reverse("api:plan"), **_html("home")},
    )


def _find(p: Publication, section: str, id_: str, what: str) -> Json:
    for item in (p.plan or {}).get(section) or []:
        if _text(item.get("id")) == id_:
            found: Json = item
            return found
    raise not_found(f"No {what} {id_!r} in the published plan; GET /api/plan lists them.")


def _indicators(p: Publication, keep: Any) -> list[PublishedIndicator]:
    return [i for i in read.indicators(p) if keep(i)]


def outcome(p: Publication, id_: str) -> schemas.Outcome:
    o = _find(p, "outcomes", id_, "outcome")
    inds = _indicators(p, lambda i: i.outcome_id == id_ and not i.gap_of)
    return schemas.Outcome(
        **_outcome_summary(o).model_dump(),
        intro=_text(o.get("intro")),
        workstreams=[
            schemas.Workstream(
                text=_text(w.get("text")),
                depth=int(w.get("depth") or 0),
                laa_priority=bool(w.get("laa_priority")),
                indicators=_texts(w.get("indicators")),
            )
            for w in o.get("workstreams") or []
        ],
        indicators=read.summaries(inds),
        priorities=_texts(o.get("priorities")),
        publication=read.publication_summary(p),
    )


def priority(p: Publication, id_: str) -> schemas.Priority:
    x = _find(p, "priorities", id_, "key priority")
    keys = _texts(x.get("indicators"))
    by_key = {i.key: i for i in read.indicators(p)}
    return schemas.Priority(
        **_priority_summary(x).model_dump(),
        wordings=_texts(x.get("wordings")),
        laa_focus=bool(x.get("laa_focus")),
        narrative=[_paragraph(n) for n in x.get("narrative") or []],
        measures_intro=_text(x.get("measures_intro")),
        measures=[
            schemas.Measure(
                text=_text(m.get("text")),
                group=m.get("group") or None,
                indicators=_texts(m.get("keys")),
            )
            for m in x.get("measures") or []
        ],
        actions=[_action(a) for a in x.get("actions") or []],
        indicators=read.summaries(by_key[k] for k in keys if k in by_key),
        consultations=approved_consultations(id_),
        publication=read.publication_summary(p),
    )


def _paragraph(n: Json) -> schemas.Paragraph:
    if "bullets" in n:
        return schemas.Paragraph(intro=_text(n.get("intro")), bullets=_texts(n.get("bullets")))
    return schemas.Paragraph(text=_text(n.get("text")))


def _action(a: Json) -> schemas.Action:
    return schemas.Action(
        id=_text(a.get("id")),
        text=_text(a.get("text")),
        owner=_text(a.get("owner")),
        status=_text(a.get("status")),
        note=_text(a.get("note")),
        milestones=[
            schemas.Milestone(
                due=_date(m.get("due")),
                text=_text(m.get("text")),
                done=bool(m.get("done")),
            )
            for m in a.get("milestones") or []
        ],
    )
