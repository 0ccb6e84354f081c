"""Hear by Right: partner agencies' self-assessments and the plan's HBR figure from them.

Each agency rates itself, with evidence, against the seven standards as emerging,
established or advanced, once per period (the HBR indicator's period type: financial year).
An agency submits; an analyst approves or returns it (with a reason).

The HBR figure for a period (the rule, also in docs/workspace.md):

    HBR = 100 × agencies whose *approved* self-assessment for the period rates all seven
          standards "established" or "advanced"
        ÷ all partner agencies of the Children's Trust (the plan's partners and those added
          in the workspace), whether or not they assessed themselves.

An agency that has not assessed, or whose assessment is not yet approved, has not attained
the standards. There is no figure for a period in which no assessment has been approved (a
0% would claim a judgement nobody made). It is a count of all agencies, not a sample, so it
has no confidence interval.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cypp.periods import PeriodType
from cypp.plan.model import Plan
from cypp.web.workspace import rounds
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed, WorkspaceError
from cypp.web.workspace.models import (
    HbrAssessment,
    HbrRating,
    Level,
    PartnerAgency,
    Standard,
    State,
)
from cypp.web.workspace.plan_source import current_plan, find_indicator
from cypp.web.workspace.roles import Do, may
from cypp.web.workspace.validation import check_period

HBR_CODE = "HBR"
ATTAINED = (Level.ESTABLISHED.value, Level.ADVANCED.value)
EDITABLE = (State.DRAFT, State.RETURNED)


@dataclass(frozen=True)
class Rating:
    level: str  # a Level value, or "" (not yet rated, drafts only)
    evidence: str


@dataclass(frozen=True)
class HbrFigure:
    period: str
    attained: int  # agencies at established or better in all seven standards
    agencies: int  # all partner agencies
    assessed: int  # agencies with an approved assessment

    @property
    def value(self) -> float:
        return 100.0 * self.attained / self.agencies


def agencies(plan: Plan | None = None) -> list[tuple[str, str]]:
    """Every partner agency as (id, name): the plan's partners, then those added here."""
    plan = plan or current_plan()
    found = [(p.id, p.name) for p in plan.partners]
    known = {i for i, _ in found}
    found += [
        (a.partner_id, a.name) for a in PartnerAgency.objects.all() if a.partner_id not in known
    ]
    return found


def agency_name(agency: str) -> str | None:
    return dict(agencies()).get(agency)


def period_type() -> PeriodType:
    ind = find_indicator(current_plan(), HBR_CODE)
    return ind.period_type if ind else PeriodType.FINANCIAL_YEAR


def find(agency: str, period: str) -> HbrAssessment | None:
    return HbrAssessment.objects.filter(agency=agency, period=period).first()


def ratings_of(a: HbrAssessment | None) -> dict[str, Rating]:
    stored = {r.standard: r for r in a.ratings.all()} if a else {}
    return {
        s.value: Rating(stored[s.value].level, stored[s.value].evidence)
        if s.value in stored
        else Rating("", "")
        for s in Standard
    }


def check_complete(ratings: dict[str, Rating]) -> None:
    """For submitting: every standard rated, with evidence. The first gap as a ``FieldProblem``."""
    for s in Standard:
        r = ratings.get(s.value, Rating("", ""))
        if r.level not in Level.values:
            raise FieldProblem(
                f"{s.value}-level",
                f"{s.label} level: {r.level!r} is not emerging, established or advanced, but a "
                f"submitted self-assessment rates every standard. Choose a level for {s.label}.",
            )
        if not r.evidence.strip():
            raise FieldProblem(
                f"{s.value}-evidence",
                f"{s.label} evidence: nothing was entered, but every rating needs its evidence, "
                f"including what young people say. Enter the evidence for {s.label}.",
            )


def save(
    user: User, agency: str, period: str, ratings: dict[str, Rating], *, submit: bool
) -> HbrAssessment:
    if not may(user, Do.ASSESS_HBR, agency):
        raise NotAllowed(f"only a user of {agency!r} may complete its self-assessment")
    if agency_name(agency) is None:
        raise WorkspaceError(f"{agency!r} is not a partner agency of the Children's Trust")
    label = check_period("period", period, period_type(), "Hear by Right")
    for key, r in ratings.items():
        if key not in Standard.values or (r.level and r.level not in Level.values):
            raise WorkspaceError(f"{key!r} rated {r.level!r} is not a standard and level")
    if submit:
        check_complete(ratings)
    with transaction.atomic():
        a = HbrAssessment.objects.select_for_update().filter(agency=agency, period=label).first()
        if a is not None and a.state not in EDITABLE:
            raise WorkspaceError(
                f"the self-assessment of {agency} for {label} is {a.state}; it can be changed "
                "only while a draft or after it is returned"
            )
        before = _snapshot(a) if a else None
        if a is None:
            a = HbrAssessment(agency=agency, period=label)
        a.state = State.SUBMITTED if submit else State.DRAFT
        a.updated_by = user
        a.save()
        for key, r in ratings.items():
            HbrRating.objects.update_or_create(
                assessment=a,
                standard=key,
                defaults={"level": r.level, "evidence": r.evidence.strip()},
            )
        verb = "submit self-assessment" if submit else "save self-assessment draft"
        record(user, verb, "hear by right", f"{agency} {label}", before, _snapshot(a))
    return a


def approve(user: User, a: HbrAssessment) -> HbrAssessment:
    return _review(user, a, State.APPROVED, "")


def return_(user: User, a: HbrAssessment, reason: str) -> HbrAssessment:
    if not reason.strip():
        raise FieldProblem(
            "reason",
            "Reason: nothing was entered, but a returned self-assessment must say what to "
            "change. Enter the reason for returning it.",
        )
    return _review(user, a, State.RETURNED, reason.strip())


def _review(user: User, a: HbrAssessment, to: State, reason: str) -> HbrAssessment:
    if not may(user, Do.REVIEW):
        raise NotAllowed("only a performance analyst may approve or return a self-assessment")
    with transaction.atomic():
        a = HbrAssessment.objects.select_for_update().get(pk=a.pk)
        if a.state != State.SUBMITTED:
            raise WorkspaceError(
                f"the self-assessment of {a.agency} for {a.period} is {a.state}; only a "
                "submitted one can be approved or returned"
            )
        before = _snapshot(a)
        a.state, a.return_reason = to, reason
        a.reviewed_by, a.reviewed_at = user, timezone.now()
        a.save()
        verb = "approve self-assessment" if to is State.APPROVED else "return self-assessment"
        record(user, verb, "hear by right", f"{a.agency} {a.period}", before, _snapshot(a))
        if to is State.APPROVED:
            rounds.close_complete_rounds(user)
    return a


def attained(a: HbrAssessment) -> bool:
    """Established or advanced in all seven standards."""
    levels = {r.standard: r.level for r in a.ratings.all()}
    return all(levels.get(s.value) in ATTAINED for s in Standard)


def figures() -> list[HbrFigure]:
    """The HBR figure of every period with at least one approved self-assessment."""
    known = [i for i, _ in agencies()]
    total = len(known)
    by_period: dict[str, list[HbrAssessment]] = {}
    approved = HbrAssessment.objects.filter(
        state=State.APPROVED, agency__in=known
    ).prefetch_related("ratings")
    for a in approved:
        by_period.setdefault(a.period, []).append(a)
    return [
        HbrFigure(period, sum(attained(a) for a in found), total, len(found))
        for period, found in sorted(by_period.items())
        if total
    ]


def _snapshot(a: HbrAssessment) -> dict[str, object]:
    data: dict[str, object] = snapshot(a)
    data["ratings"] = {
        r.standard: {"level": r.level, "evidence": r.evidence} for r in a.ratings.all()
    }
    return data
