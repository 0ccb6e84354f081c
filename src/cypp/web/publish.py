"""``cypp publish``: copy the board report's content into the workspace for the public site.

What is published is exactly the ``BoardReport`` that ``cypp report`` prints — built from the
plan, the warehouse's aggregates, the workspace's approved commentary, action updates and
reported figures — so the web and the report never disagree. It holds aggregates only: values
already through disclosure control, never a child's record.

Publishing is idempotent: a payload equal to the current publication's (by its hash) changes
nothing. Otherwise the new publication becomes current and the old one is kept as history.
Everything (the publication, its indicators, the period marked published, the audit entry)
is written in one transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User as DjangoUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from cypp.plan.model import Plan
from cypp.plan.validate import load_plan
from cypp.report.assemble import report_for
from cypp.report.content import BoardReport, IndicatorSection, PrioritySection, Scorecard
from cypp.settings import Settings
from cypp.web.public.svg import inline_svg
from cypp.web.published.models import Publication, PublishedIndicator

ALREADY_PUBLISHED = "already published"
PUBLISHED = "published"


@dataclass(frozen=True)
class PublishResult:
    """What a publish did: ``created`` is False when the content was already current."""

    publication_id: int
    created: bool
    content_hash: str
    indicators: int
    superseded: int | None  # the id of the publication it replaced as current
    area_code: str
    period: str | None

    @property
    def message(self) -> str:
        return PUBLISHED if self.created else ALREADY_PUBLISHED


@dataclass(frozen=True)
class Chart:
    spec: dict[str, Any]
    svg: str
    description: str
    rows: list[dict[str, Any]]


ChartRenderer = Callable[[IndicatorSection, str], Chart | None]
# who publishes: a signed-in staff member, or a name such as "cli:alice" from the command line
Publisher = DjangoUser | str | None


def publish(
    plan_path: Path,
    settings: Settings,
    *,
    area: str | None = None,
    period: str | None = None,
    user: Publisher = "",
    force: bool = False,
) -> PublishResult:
    """Build the board report for ``area`` as at ``period`` with the workspace's approved
    content merged in, and store it as the current publication."""
    # The workspace is the staff side of the web app: approved commentary, action updates,
    # the analysts' reported values and the measures they established. Imported here so that
    # this module loads without it.
    report = workspace_report(plan_path, settings, area=area, period=period)
    return publish_report(report, user=user, force=force)


def workspace_report(
    plan_path: Path, settings: Settings, *, area: str | None = None, period: str | None = None
) -> BoardReport:
    """The board report with the workspace's approved content merged in: the plan with the
    measures analysts established, their reported values, approved commentary and action
    updates. ``cypp publish`` and ``cypp report`` both build it here."""
    # The workspace is the staff side of the web app. Imported here so that this module loads
    # without it.
    from cypp.web.workspace.inputs import report_workspace, reported_figures

    plan = plan_with_established(load_plan(plan_path))
    return report_for(
        plan,
        settings,
        area=area,
        period=period,
        workspace=report_workspace(),
        extra_figures=reported_figures(),
    )


def plan_with_established(plan: Plan) -> Plan:
    """``plan`` with the measures analysts established in the workspace (for a measure the
    plan left ``not_yet_established``): each joins the catalogue with its baseline, and the
    priorities' measures that name its parent name it too."""
    from cypp.web.workspace.inputs import established_indicators, established_targets
    from cypp.web.workspace.models import EstablishedMeasure

    known = {x.code for x in plan.indicators}
    added = [i for i in established_indicators() if i.code not in known]
    if not added:
        return plan
    parents = dict(EstablishedMeasure.objects.values_list("code", "parent"))
    parent_of = {i.code: parents.get(i.code, "") for i in added}
    priorities = tuple(
        p.model_copy(
            update={
                "measures": tuple(
                    m.model_copy(
                        update={
                            "indicators": m.indicators
                            + tuple(c for c, parent in parent_of.items() if parent in m.indicators)
                        }
                    )
                    for m in p.measures
                )
            }
        )
        for p in plan.priorities
    )
    codes = {i.code for i in added}
    return plan.model_copy(
        update={
            "indicators": plan.indicators + tuple(added),
            "targets": plan.targets
            + tuple(t for t in established_targets() if t.indicator in codes),
            "priorities": priorities,
        }
    )


def publish_report(
    report: BoardReport,
    *,
    user: Publisher = "",
    render: ChartRenderer | None = None,
    force: bool = False,
) -> PublishResult:
    """Store ``report`` as the current publication of its plan and area, unless it already is
    (``force`` stores it anyway, e.g. to redraw the charts after a change in how they look)."""
    render = render or render_chart
    sections = [*report.indicators, *report.equity]
    header = _publication_row(report)
    # The hash covers the content, not the charts: they are drawn from it. Drawing takes a
    # while (tenths of a second each), so an unchanged report is found before any is drawn.
    content_hash = _hash(header, [_indicator_row(report, s, None) for s in sections])
    same = _current(header).filter(content_hash=content_hash).first()
    if same is not None and not force:
        return _unchanged(same, content_hash, user)
    rows = [_indicator_row(report, s, render(s, report.place.name)) for s in sections]
    with transaction.atomic():
        current = _current(header).select_for_update().first()
        if current is not None and current.content_hash == content_hash and not force:
            return _unchanged(current, content_hash, user)  # published meanwhile
        _current(header).update(is_current=False)
        publication = Publication.objects.create(
            **header, content_hash=content_hash, is_current=True, published_by=_name(user)
        )
        PublishedIndicator.objects.bulk_create(
            PublishedIndicator(publication=publication, order=i, **row)
            for i, row in enumerate(rows)
        )
        _record_in_workspace(publication, current, user, len(rows))
    return PublishResult(
        publication.pk,
        True,
        content_hash,
        len(rows),
        current.pk if current is not None else None,
        publication.area_code,
        publication.period or None,
    )


def _current(header: dict[str, Any]) -> QuerySet[Publication]:
    return Publication.objects.filter(
        is_current=True, plan_id=header["plan_id"], area_code=header["area_code"]
    ).order_by("-published_at")


def _unchanged(current: Publication, content_hash: str, user: Publisher) -> PublishResult:
    """Nothing new to store; the period is still marked published in the workspace (a round
    opened since the last publish is closed by it, and marking twice marks nothing)."""
    from cypp.web.workspace.rounds import mark_published

    with transaction.atomic():
        mark_published(current.period or None, by=user if isinstance(user, DjangoUser) else None)
    return PublishResult(
        current.pk,
        False,
        content_hash,
        current.indicators.count(),
        None,
        current.area_code,
        current.period or None,
    )


def _name(user: Publisher) -> str:
    if isinstance(user, DjangoUser):
        return user.get_username()
    return user or ""


def _record_in_workspace(
    publication: Publication, before: Publication | None, user: Publisher, count: int
) -> None:
    """Mark the period published in the workspace's reporting rounds and audit the publish,
    inside the publishing transaction so that either all of it happens or none."""
    from cypp.web.workspace.audit import record
    from cypp.web.workspace.rounds import mark_published

    mark_published(publication.period or None, by=user if isinstance(user, DjangoUser) else None)
    record(
        user if isinstance(user, DjangoUser) else None,
        "publish",
        "publication",
        publication.pk,
        _audit_view(before) if before is not None else None,
        _audit_view(publication) | {"indicators": count},
    )


def _audit_view(p: Publication) -> dict[str, Any]:
    return {
        "publication": p.pk,
        "plan": p.plan_id,
        "area": p.area_code,
        "period": p.period,
        "content_hash": p.content_hash,
        "published_by": p.published_by,
    }


# --- the payload -----------------------------------------------------------------------


def render_chart(section: IndicatorSection, area: str) -> Chart | None:
    """The turn-the-curve chart of a section: Vega-Lite spec, inline-safe SVG, its text
    description and its data table. None for a measure with nothing to draw."""
    from cypp.report import charts

    if not section.established or not section.series:
        return None
    spec = charts.turn_the_curve(section, area=area)
    return Chart(
        spec=spec,
        svg=inline_svg(charts.to_svg(spec), label=f"Chart of {section.label}: {section.title}"),
        description=charts.description(section, area=area),
        rows=[_plain(r) for r in charts.data_rows(section)],
    )


def slug_of(key: str) -> str:
    """URL name of an indicator key: ``NI075`` → ``ni075``, ``NI075:fsm_gap`` → ``ni075-fsm-gap``."""
    return slugify(key.replace(":", "-").replace("_", "-"))


def _publication_row(report: BoardReport) -> dict[str, Any]:
    plan = report.plan
    return {
        "plan_id": plan.plan.id,
        "plan_title": plan.plan.title,
        "area_code": report.place.ons_code,
        "area_name": report.place.name,
        "period": report.period or "",
        "as_at": report.as_at,
        "illustrative": report.illustrative,
        "suppression_threshold": report.suppression_threshold,
        "sources": list(report.sources),
        "plan": _plain(_plan_json(report)),
        "scorecards": {
            "outcomes": [_card(c) for c in report.outcome_cards],
            "priorities": [_card(c) for c in report.priority_cards],
        },
    }


def _plan_json(report: BoardReport) -> dict[str, Any]:
    """The plan's words and structure as the public site shows them."""
    plan = report.plan
    h = plan.plan
    cards = {c.id: _card(c) for c in report.outcome_cards}
    return {
        "id": h.id,
        "title": h.title,
        "source": h.source or "",
        "illustrative": h.illustrative,
        "area": {"name": h.area.name, "ons_code": h.area.ons_code},
        "span": {"start": h.span.start, "end": h.span.end},
        "vision": {"statement": h.vision.statement, "told_by": h.vision.told_by},
        "approach_intro": h.approach_intro or "",
        "approach": list(h.approach),
        "key_priorities_intro": list(h.key_priorities_intro),
        "ecm_intro": h.ecm_intro or "",
        "outcomes": [
            {
                "id": o.id,
                "title": o.title,
                "intro": o.intro,
                "workstreams": [
                    {
                        "text": w.text,
                        "depth": depth,
                        "laa_priority": bool(w.flags),
                        "indicators": list(w.indicators),
                    }
                    for outcome, w, depth in plan.all_workstreams()
                    if outcome.id == o.id
                ],
                "priorities": [p.id for p in plan.priorities if o.id in p.outcomes],
                "scorecard": cards.get(o.id),
            }
            for o in plan.outcomes
        ],
        "priorities": [_priority_json(p) for p in report.priorities],
        "programmes": [
            {"id": g.id, "text": g.text, "priorities": list(g.priorities)} for g in plan.programmes
        ],
        "partners": [{"id": p.id, "name": p.name} for p in plan.partners],
        "equity": [s.key for s in report.equity],
    }


def _priority_json(p: PrioritySection) -> dict[str, Any]:
    return {
        "id": p.priority.id,
        "title": p.priority.title,
        "wordings": list(p.priority.wordings),
        "laa_focus": p.priority.laa_focus,
        "outcomes": list(p.priority.outcomes),
        "narrative": [
            {"text": n}
            if isinstance(n, str)
            else {"intro": n.intro or "", "bullets": list(n.bullets)}
            for n in p.narrative
        ],
        "measures_intro": p.priority.measures_intro or "",
        "measures": [{"text": m.text, "group": m.group, "keys": list(m.keys)} for m in p.measures],
        "indicators": [s.key for s in p.indicators],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner": a.owner or "",
                "status": a.status,
                "note": a.note,
                "milestones": [{"due": d, "text": t, "done": done} for d, t, done in a.milestones],
            }
            for a in p.actions
        ],
        "scorecard": _card(p.scorecard),
    }


def _card(c: Scorecard) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "counts": dict(c.counts),
        "off_track": list(c.off_track),
        "total": c.total,
    }


def _indicator_row(report: BoardReport, s: IndicatorSection, chart: Chart | None) -> dict[str, Any]:
    ind = s.indicator
    a = s.assessment
    period = a.period if a is not None and a.period else ""
    breakdowns = [
        asdict(b)
        for b in report.breakdowns
        if s.gap_of is None and b.indicator == s.key and b.period == period
    ]
    row: dict[str, Any] = {
        "key": s.key,
        "slug": slug_of(s.key),
        "label": s.label,
        "title": s.title,
        "short_title": ind.short_title if s.gap_of is None else s.title,
        "unit": s.unit,
        "polarity": s.polarity,
        "method": s.method,
        "outcome_id": ind.outcome,
        "priority_ids": [p.id for p in report.plan.priorities_of(ind.code)],
        "gap_of": s.gap_of or "",
        "definition_text": ind.definition_text or "",
        "plan_says": ind.plan_says or "",
        "period": period,
        "status": s.status,
        "pile": s.pile,
        "direction": a.direction if a is not None else "",
        "assessment": a.as_json() if a is not None else {},
        "series": [asdict(p) for p in s.series],
        "breakdowns": breakdowns,
        "chart_spec": chart.spec if chart else {},
        "chart_svg": chart.svg if chart else "",
        "chart_description": chart.description if chart else "",
        "data_rows": chart.rows if chart else [],
        "targets": {
            "baseline": list(s.baseline) if s.baseline else None,
            "final_target": list(s.final_target) if s.final_target else None,
        },
        "commentary": asdict(s.commentary) if s.commentary is not None else {},
        "lineage": _lineage(s),
    }
    # JSON fields get JSON values: dates as ISO text, no NaN
    for name in ("assessment", "series", "breakdowns", "data_rows", "targets", "commentary"):
        row[name] = _plain(row[name])
    return row


def _lineage(s: IndicatorSection) -> dict[str, Any]:
    if s.lineage is None:
        return {}
    n = s.lineage
    return {
        "definition": n.definition,
        "definition_version": n.definition_version,
        "run_started": n.run_started.isoformat() if n.run_started else None,
        "batches": [{"return": r, "period": p, "content_hash": h} for r, p, h in n.batches],
    }


def _plain(value: Any) -> Any:
    """``value`` as JSON would hold it: dates as ISO text, tuples as lists, NaN as None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


CHART_FIELDS = ("chart_spec", "chart_svg", "chart_description", "data_rows")


def _hash(header: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    """SHA-256 of the content in canonical JSON. The charts are left out: they are drawn from
    the content, so a new way of drawing alone makes no new publication (``force`` does)."""
    payload = {
        "publication": header,
        "indicators": [{k: v for k, v in r.items() if k not in CHART_FIELDS} for r in rows],
    }
    text = json.dumps(_plain(payload), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()
