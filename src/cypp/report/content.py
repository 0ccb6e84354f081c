"""What the board report says, before any format: one ``BoardReport`` built from the plan,
the figures (computed and published), their assessments, lineage and the workspace's
commentary and action updates.

Every format (HTML, PDF, XLSX, open data) and the web app render this same content, so a
number can never differ between them. It holds aggregates only: values already through
disclosure control (a suppressed figure has no value, only ``suppressed``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from cypp.assess.assess_plan import Assessment, Place, assess_indicator
from cypp.assess.series import BreakdownFigure, Figure, Figures
from cypp.assess.status import Status
from cypp.assess.targets import anchors, final_target
from cypp.periods import PeriodFormatError, parse_period
from cypp.plan.model import (
    Action,
    ActionStatus,
    Bullets,
    Indicator,
    Method,
    Plan,
    Polarity,
    Priority,
)

# The four piles of a scorecard. "Not significantly different from target" counts as on
# track: its interval contains the target, so the data cannot say it is off track.
MET, ON_TRACK, OFF_TRACK, NOT_ASSESSED = "met", "on track", "off track", "not assessed"
PILES = (MET, ON_TRACK, OFF_TRACK, NOT_ASSESSED)
_PILE_OF = {
    Status.MET.value: MET,
    Status.ON_TRACK.value: ON_TRACK,
    Status.NOT_SIGNIFICANT.value: ON_TRACK,
    Status.OFF_TRACK.value: OFF_TRACK,
}

GAP_NAMES = {
    "fsm_gap": "gap between pupils eligible for free school meals and the rest",
    "sen_gap": "gap between pupils with special educational needs and the rest",
    "cla_gap": "gap between children in care and the rest",
}

NO_COMMENTARY = "No commentary yet."


@dataclass(frozen=True)
class Commentary:
    """A priority lead's approved account of an indicator for a period ("turn the curve")."""

    story: str  # the story behind the curve
    partners: str = ""  # partners with a role to play
    what_works: str = ""
    action_plan: str = ""
    author: str = ""
    approved_on: date | None = None


@dataclass(frozen=True)
class ActionUpdate:
    """An action's status as its owner last reported it in the workspace."""

    status: ActionStatus
    note: str = ""
    updated_on: date | None = None


@dataclass(frozen=True)
class Workspace:
    """What the staff workspace adds to the report: approved commentary keyed by (indicator,
    period) and action updates keyed by action id. Empty when there is no workspace."""

    commentary: Mapping[tuple[str, str], Commentary] = field(default_factory=dict)
    actions: Mapping[str, ActionUpdate] = field(default_factory=dict)


@dataclass(frozen=True)
class SeriesPoint:
    """One period of an indicator's curve, with what it is compared against."""

    period: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    target: float | None  # the plan's target, or the trajectory's aim between targets
    target_is_trajectory: bool
    england: float | None
    region: float | None
    neighbours: float | None
    numerator: float | None = None  # the counts behind a computed percentage (None if hidden)
    denominator: float | None = None


@dataclass(frozen=True)
class LineageNote:
    """Where a computed figure came from, in a form fit to print."""

    definition: str
    definition_version: str
    run_started: datetime | None
    batches: tuple[tuple[str, str, str], ...]  # (return, period, content hash prefix)


@dataclass(frozen=True)
class IndicatorSection:
    """An indicator (or one of its equity gaps) as the report shows it."""

    key: str  # plan code, or "NI075:fsm_gap" for a gap
    label: str  # "NI 75", "NI 75 (FSM gap)"
    title: str
    unit: str
    polarity: str
    method: str
    indicator: Indicator  # the plan's indicator (for a gap: the indicator it is a gap of)
    assessment: Assessment | None  # None when the measure is not yet established
    series: tuple[SeriesPoint, ...] = ()
    baseline: tuple[str, float] | None = None
    final_target: tuple[str, float] | None = None
    commentary: Commentary | None = None
    lineage: LineageNote | None = None
    gap_of: str | None = None  # the breakdown of a gap, e.g. "fsm_gap"

    @property
    def established(self) -> bool:
        return self.method != Method.NOT_YET_ESTABLISHED.value

    @property
    def pile(self) -> str:
        if self.assessment is None:
            return NOT_ASSESSED
        return _PILE_OF.get(self.assessment.status, NOT_ASSESSED)

    @property
    def status(self) -> str:
        if not self.established:
            return "not yet established"
        return self.assessment.status if self.assessment else Status.NOT_ASSESSED.value


@dataclass(frozen=True)
class Scorecard:
    """How many of a group's indicators are met, on track, off track, not assessed."""

    id: str
    title: str
    counts: Mapping[str, int]
    off_track: tuple[str, ...]  # labels of the indicators off track

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ActionLine:
    id: str
    text: str
    owner: str | None
    status: str
    note: str
    milestones: tuple[tuple[date, str, bool], ...]


@dataclass(frozen=True)
class Measure:
    text: str  # the plan's wording of the measure
    group: str | None  # "laa" / "local"
    keys: tuple[str, ...]


@dataclass(frozen=True)
class PrioritySection:
    priority: Priority
    narrative: tuple[str | Bullets, ...]
    measures: tuple[Measure, ...]
    indicators: tuple[IndicatorSection, ...]
    actions: tuple[ActionLine, ...]
    scorecard: Scorecard


@dataclass(frozen=True)
class BoardReport:
    plan: Plan
    place: Place
    period: str | None  # the report's as-at period, None for "latest available"
    as_at: date
    generated: datetime
    sources: tuple[str, ...]
    outcome_cards: tuple[Scorecard, ...]
    priority_cards: tuple[Scorecard, ...]
    priorities: tuple[PrioritySection, ...]
    equity: tuple[IndicatorSection, ...]
    indicators: tuple[IndicatorSection, ...]  # every plan indicator, in plan order
    suppression_threshold: int
    breakdowns: tuple[BreakdownFigure, ...] = ()  # the area's groups, suppressed ones withheld
    tolerance_percent: float = 5.0  # the status band: within this % of the aim is on track

    @property
    def illustrative(self) -> bool:
        return self.plan.plan.illustrative

    def section(self, key: str) -> IndicatorSection:
        for s in (*self.indicators, *self.equity):
            if s.key == key:
                return s
        raise KeyError(key)


def as_at_period(periods: list[str], as_at: str | None) -> str | None:
    """The latest of ``periods`` that has ended by the end of ``as_at`` (any notation), or the
    latest of all when ``as_at`` is None: each indicator's most recent figure at that time."""
    dated = []
    for label in periods:
        try:
            dated.append((parse_period(label), label))
        except PeriodFormatError:
            continue
    if as_at is not None:
        end = parse_period(as_at).end
        dated = [(p, label) for p, label in dated if p.end <= end]
    return max(dated)[1] if dated else None


def _year_of(label: str) -> float:
    try:
        return parse_period(label).year_index
    except PeriodFormatError:
        return float("inf")


def build_report(
    plan: Plan,
    figures: Figures,
    place: Place,
    *,
    period: str | None = None,
    lineage: Mapping[str, LineageNote] | None = None,
    workspace: Workspace | None = None,
    sources: tuple[str, ...] = (),
    tolerance_percent: float = 5.0,
    suppression_threshold: int = 5,
    generated: datetime | None = None,
    breakdowns: tuple[BreakdownFigure, ...] = (),
) -> BoardReport:
    """Assemble the report's content for ``place`` as at ``period``."""
    if period is not None:
        parse_period(period)  # a clear error for a period in no known notation
    workspace = workspace or Workspace()
    lineage = lineage or {}
    build = _Builder(plan, figures, place, period, lineage, workspace, tolerance_percent)
    sections = tuple(build.section(ind) for ind in plan.indicators)
    by_code = {s.key: s for s in sections}
    equity = tuple(
        build.gap(ind, key)
        for ind in plan.indicators
        if ind.method is Method.COMPUTED
        for key in sorted(k for k in figures if k.startswith(ind.code + ":"))
    )
    priorities = tuple(_priority_section(p, by_code, equity, workspace) for p in plan.priorities)
    outcome_cards = tuple(
        _scorecard(o.id, o.title, [s for s in sections if s.indicator.outcome == o.id])
        for o in plan.outcomes
    )
    generated = generated or datetime.now().replace(microsecond=0)
    as_at = parse_period(period).end if period else generated.date()
    return BoardReport(
        plan=plan,
        place=place,
        period=period,
        as_at=as_at,
        generated=generated,
        sources=sources,
        outcome_cards=outcome_cards,
        priority_cards=tuple(p.scorecard for p in priorities),
        priorities=priorities,
        equity=equity,
        indicators=sections,
        suppression_threshold=suppression_threshold,
        breakdowns=breakdowns,
        tolerance_percent=tolerance_percent,
    )


@dataclass
class _Builder:
    plan: Plan
    figures: Figures
    place: Place
    period: str | None
    lineage: Mapping[str, LineageNote]
    workspace: Workspace
    tolerance: float

    def section(self, ind: Indicator) -> IndicatorSection:
        if ind.method is Method.NOT_YET_ESTABLISHED:
            return IndicatorSection(
                key=ind.code,
                label=ind.display,
                title=ind.title,
                unit=ind.unit.value,
                polarity=ind.polarity.value,
                method=ind.method.value,
                indicator=ind,
                assessment=None,
            )
        return self._assessed(
            ind.code, ind.display, ind.title, ind, ind.polarity.value, ind.unit.value, None
        )

    def gap(self, ind: Indicator, key: str) -> IndicatorSection:
        breakdown = key.split(":", 1)[1]
        label = f"{ind.display} ({breakdown.removesuffix('_gap').upper()} gap)"
        title = f"{ind.short_title}: {GAP_NAMES.get(breakdown, breakdown)}"
        # a gap is better when smaller, whatever the polarity of the indicator itself
        return self._assessed(
            key, label, title, ind, Polarity.LOW.value, "percentage points", breakdown
        )

    def _assessed(
        self,
        key: str,
        label: str,
        title: str,
        ind: Indicator,
        polarity: str,
        unit: str,
        gap_of: str | None,
    ) -> IndicatorSection:
        own = self.figures.get(key, {}).get(self.place.ons_code, {})
        spec = self.plan.targets_for(key)
        chosen = as_at_period(list(own), self.period)
        plan_ind = ind if gap_of is None else None

        def at(p: str | None) -> Assessment:
            return assess_indicator(
                key,
                plan_ind,
                polarity,
                unit,
                self.plan,
                self.figures,
                self.place,
                p,
                self.tolerance,
            )

        assessment = at(chosen)
        shown = sorted(
            {p for p in own if chosen is None or _year_of(p) <= _year_of(chosen)}
            | {p.label for p, _, explicit in anchors(spec) if explicit},
            key=_year_of,
        )
        # a target period after the report's period shows its aim only: the figure and the
        # benchmarks of a later year were not known at the time the report speaks for
        later = {p for p in shown if chosen is not None and _year_of(p) > _year_of(chosen)}
        series = tuple(_aim_only(at(p)) if p in later else _point(at(p), own.get(p)) for p in shown)
        base = spec.baselines[0] if spec.baselines else None
        final = final_target(spec)
        commentary = self.workspace.commentary.get((key, chosen)) if chosen is not None else None
        return IndicatorSection(
            key=key,
            label=label,
            title=title,
            unit=unit,
            polarity=polarity,
            method=ind.method.value,
            indicator=ind,
            assessment=assessment,
            series=series,
            baseline=(base.period, base.value) if base else None,
            final_target=(final.period, final.value) if final else None,
            commentary=commentary,
            lineage=self.lineage.get(ind.code) if ind.method is Method.COMPUTED else None,
            gap_of=gap_of,
        )


def _point(a: Assessment, figure: Figure | None) -> SeriesPoint:
    return SeriesPoint(
        period=a.period or "",
        value=a.value,
        ci_low=a.ci_low,
        ci_high=a.ci_high,
        suppressed=bool(figure and figure.suppressed),
        target=a.target,
        target_is_trajectory=a.target_is_trajectory,
        england=a.england,
        region=a.region,
        neighbours=a.neighbours_mean,
        numerator=figure.numerator if figure else None,
        denominator=figure.denominator if figure else None,
    )


def _aim_only(a: Assessment) -> SeriesPoint:
    return SeriesPoint(
        period=a.period or "",
        value=None,
        ci_low=None,
        ci_high=None,
        suppressed=False,
        target=a.target,
        target_is_trajectory=a.target_is_trajectory,
        england=None,
        region=None,
        neighbours=None,
    )


def _scorecard(id_: str, title: str, sections: list[IndicatorSection]) -> Scorecard:
    counts = {pile: 0 for pile in PILES}
    for s in sections:
        counts[s.pile] += 1
    off = tuple(s.label for s in sections if s.pile == OFF_TRACK)
    return Scorecard(id_, title, counts, off)


def _priority_section(
    p: Priority,
    by_code: Mapping[str, IndicatorSection],
    equity: tuple[IndicatorSection, ...],
    workspace: Workspace,
) -> PrioritySection:
    codes: list[str] = []
    for m in p.measures:
        codes += [c for c in m.indicators if c not in codes]
    sections = tuple(by_code[c] for c in codes if c in by_code)
    return PrioritySection(
        priority=p,
        narrative=p.narrative,
        measures=tuple(
            Measure(m.text, m.group.value if m.group else None, m.indicators) for m in p.measures
        ),
        indicators=sections,
        actions=tuple(_action(a, workspace.actions.get(a.id)) for a in p.actions),
        scorecard=_scorecard(p.id, p.title, list(sections)),
    )


def _action(a: Action, update: ActionUpdate | None) -> ActionLine:
    return ActionLine(
        id=a.id,
        text=a.text,
        owner=a.owner,
        status=(update.status if update else a.status).value,
        note=update.note if update else "",
        milestones=tuple((m.due, m.text, m.done) for m in a.milestones),
    )
