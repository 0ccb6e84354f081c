"""What the report and the publish step read from the workspace.

- ``report_workspace()``: approved (and published) commentary keyed (indicator code, period)
  and each action's latest status update keyed by action id, as ``cypp.report`` wants them.
- ``reported_figures()``: analyst-entered values, established measures' baselines and values,
  and the HBR figure computed from approved self-assessments, keyed indicator code → area
  ONS code → period → ``Figure`` (the shape of ``cypp.assess.series.Figures``).
- ``established_indicators()`` / ``established_targets()``: the measures analysts established,
  as plan ``Indicator`` and ``IndicatorTargets`` (baseline) records, for adding to the plan.
- ``approved_consultations()``: "you said, we did" records approved for the public.

Imports of ``cypp.report`` and ``cypp.assess`` happen inside the functions: they pull in the
statistics stack, which the web server need not load to serve a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from cypp.periods import PeriodType
from cypp.plan.model import (
    ActionStatus,
    Baseline,
    Indicator,
    IndicatorTargets,
    Method,
    Polarity,
    Source,
    Unit,
)
from cypp.web.workspace import hbr
from cypp.web.workspace.models import (
    ActionStatusUpdate,
    Commentary,
    Consultation,
    EstablishedMeasure,
    ReportedValue,
    State,
)
from cypp.web.workspace.plan_source import current_plan, find_indicator

if TYPE_CHECKING:
    from cypp.assess.series import Figures
    from cypp.report.content import Workspace


def report_workspace(*, published_only: bool = False) -> Workspace:
    """Commentary that is approved or published (only published with ``published_only``,
    which the public site wants) and the latest update of every action."""
    from cypp.report.content import ActionUpdate, Workspace
    from cypp.report.content import Commentary as ReportCommentary

    states = [State.PUBLISHED] if published_only else [State.APPROVED, State.PUBLISHED]
    commentary = {
        (c.indicator, c.period): ReportCommentary(
            story=c.story,
            partners=c.partners,
            what_works=c.what_works,
            action_plan=c.action_plan,
            # a public byline: the author's name when the account has one, never the username
            author=(c.author.get_full_name() or "Priority lead") if c.author else "",
            approved_on=c.approved_at.date() if c.approved_at else None,
        )
        for c in Commentary.objects.filter(state__in=states).select_related("author")
    }
    actions: dict[str, ActionUpdate] = {}
    for u in ActionStatusUpdate.objects.order_by("action_id", "-at", "-id"):
        if u.action_id not in actions:
            actions[u.action_id] = ActionUpdate(ActionStatus(u.status), u.note, u.at.date())
    return Workspace(commentary=commentary, actions=actions)


def reported_figures() -> Figures:
    """Every figure the workspace holds, keyed code → area → period."""
    from cypp.assess.series import Figure

    found: Figures = {}
    area = current_plan().plan.area.ons_code

    def put(code: str, f: Figure) -> None:
        found.setdefault(code, {}).setdefault(f.area, {})[f.period] = f

    for m in EstablishedMeasure.objects.all():
        put(m.code, Figure(area, m.baseline_period, m.baseline_value))
    for v in ReportedValue.objects.all():
        put(v.indicator, Figure(v.area, v.period, v.value, v.ci_low, v.ci_high))
    for h in hbr.figures():
        put(
            hbr.HBR_CODE,
            Figure(area, h.period, h.value, numerator=h.attained, denominator=h.agencies),
        )
    return found


def established_indicators() -> list[Indicator]:
    """Each established measure as a plan indicator (method ``reported``, source ``workspace``)."""
    plan = current_plan()
    found = []
    for m in EstablishedMeasure.objects.all():
        parent = find_indicator(plan, m.parent)
        found.append(
            Indicator(
                code=m.code,
                display=m.code,
                title=m.title,
                short_title=m.title[:200],
                polarity=Polarity(m.polarity),
                unit=Unit(m.unit),
                period_type=PeriodType(m.period_type),
                source=Source.WORKSPACE,
                method=Method.REPORTED,
                definition_text=f"{m.definition} Source: {m.source_note}.",
                outcome=parent.outcome if parent else plan.outcomes[0].id,
                notes=f"Established in the workspace for {m.parent}.",
            )
        )
    return found


def established_targets() -> list[IndicatorTargets]:
    """The baseline of each established measure (targets are set in the plan, not here)."""
    return [
        IndicatorTargets(
            indicator=m.code,
            baselines=(Baseline(period=m.baseline_period, value=m.baseline_value),),
        )
        for m in EstablishedMeasure.objects.all()
    ]


@dataclass(frozen=True)
class VoiceRecord:
    title: str
    you_said: str
    we_did: str
    consulted_on: date
    number_consulted: int
    age_group: str
    priorities: tuple[str, ...]


def approved_consultations() -> list[VoiceRecord]:
    """Approved "you said, we did" records, newest first: counts, never names."""
    return [
        VoiceRecord(
            c.title,
            c.you_said,
            c.we_did,
            c.consulted_on,
            c.number_consulted,
            c.age_group,
            tuple(c.priorities),
        )
        for c in Consultation.objects.filter(state=State.APPROVED).order_by("-consulted_on", "-id")
    ]
