"""Reporting rounds: what is due for a period, who owes it, reminders, closing and publishing.

A round is opened for a period (in any notation, e.g. the financial year ``2009-10``) with a
deadline. For each indicator the round asks for its own latest period ending by the round's
end (``due_period``: for the round 2009-10, NI 56 (academic years) is due for 2008/09, NI 112
(calendar years) for 2009, a snapshot indicator for 2010-03-31). Due are:

- a value for every reported indicator and established measure (analysts);
- approved commentary for every indicator that a priority measures (that priority's leads);
- an approved Hear by Right self-assessment from every partner agency (its users);
- and, once something is submitted, its review (analysts).

The round closes by itself when nothing is outstanding; publishing marks it published.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, User
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cypp.periods import PeriodFormatError, PeriodType, parse_period
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed
from cypp.web.workspace.models import (
    Commentary,
    Consultation,
    HbrAssessment,
    ReminderSent,
    ReportedValue,
    ReportingRound,
    Role,
    RoundState,
    StaffProfile,
    State,
)
from cypp.web.workspace.plan_source import commentable_indicators, current_plan
from cypp.web.workspace.roles import Do, may, profile_of

ANALYSTS = "analysts"


@dataclass(frozen=True)
class Task:
    """One thing a round (or the review queue) waits for, and whose it is."""

    kind: str  # value, commentary, assessment, review commentary, review assessment, ...
    text: str
    url: str
    period: str
    owner: str  # "analysts", "lead", "partner"
    priorities: frozenset[str] = field(default_factory=frozenset)  # for "lead"
    agency: str = ""  # for "partner"

    def is_for(self, profile: StaffProfile) -> bool:
        if self.owner == ANALYSTS:
            return profile.role == Role.ANALYST
        if self.owner == "lead":
            return profile.role == Role.LEAD and bool(self.priorities & set(profile.priorities))
        return profile.role == Role.PARTNER and profile.agency == self.agency


def due_period(kind: PeriodType, round_period: str) -> str:
    """The latest period of ``kind`` that ends on or before the end of ``round_period``."""
    end = parse_period(round_period).end
    y = end.year
    match kind:
        case PeriodType.SNAPSHOT:
            return end.isoformat()
        case PeriodType.CALENDAR_YEAR:
            return str(y if end >= date(y, 12, 31) else y - 1)
        case PeriodType.FINANCIAL_YEAR:
            last = y if end >= date(y, 3, 31) else y - 1
            return f"{last - 1}-{last % 100:02d}"
        case PeriodType.ACADEMIC_YEAR:
            last = y if end >= date(y, 8, 31) else y - 1
            return f"{last - 1}/{last % 100:02d}"


def open_round(user: User, period: str, deadline: date) -> ReportingRound:
    if not may(user, Do.MANAGE_ROUNDS):
        raise NotAllowed("only a performance analyst may open a reporting round")
    label = (period or "").strip()
    try:
        parse_period(label)
    except PeriodFormatError:
        raise FieldProblem(
            "period",
            f"Period: {label!r} is not a period, but a round is for one. Enter it like "
            "'2009-10' (financial year), '2009/10' (academic year), '2009' or '2010-03-31'.",
        ) from None
    if deadline < date.today():
        raise FieldProblem(
            "deadline",
            f"Deadline: {deadline:%d %B %Y} has passed, but a round needs time to gather its "
            "figures. Enter today's date or a later one.",
        )
    if ReportingRound.objects.filter(period=label).exists():
        raise FieldProblem(
            "period",
            f"Period: {label!r} already has a reporting round, and a period has one round. "
            "Open a round for another period.",
        )
    with transaction.atomic():
        r = ReportingRound.objects.create(period=label, deadline=deadline, opened_by=user)
        record(user, "open round", "reporting round", label, None, snapshot(r))
    return r


def outstanding(r: ReportingRound) -> list[Task]:
    """Everything the round still waits for."""
    from cypp.web.workspace import hbr, values  # they record progress through this module

    plan = current_plan()
    area = plan.plan.area.ons_code
    tasks: list[Task] = []
    entered = set(ReportedValue.objects.filter(area=area).values_list("indicator", "period"))
    for e in values.all_enterable():
        due = due_period(e.period_type, r.period)
        if e.measure is not None and parse_period(due) <= parse_period(e.measure.baseline_period):
            continue  # the measure begins at its baseline
        if (e.code, due) not in entered:
            url = reverse("staff:value-enter", args=[e.code]) + f"?period={due}"
            tasks.append(Task("value", f"Enter {e.label} for {due}", url, due, ANALYSTS))
    written = {(c.indicator, c.period): c for c in Commentary.objects.all()}
    for ind in commentable_indicators(plan):
        owners = frozenset(p.id for p in plan.priorities_of(ind.code))
        if not owners:
            continue  # no priority measures it, so no lead explains it
        due = due_period(ind.period_type, r.period)
        c = written.get((ind.code, due))
        tasks += _workflow_task(
            "commentary",
            f"commentary on {ind.display} for {due}",
            c.state if c else None,
            c.return_reason if c else "",
            reverse("staff:commentary-write", args=[ind.code, due]),
            reverse("staff:commentary-review", args=[ind.code, due]),
            due,
            Task("", "", "", due, "lead", priorities=owners),
        )
    hbr_due = due_period(hbr.period_type(), r.period)
    assessed = {a.agency: a for a in HbrAssessment.objects.filter(period=hbr_due)}
    for agency, name in hbr.agencies(plan):
        a = assessed.get(agency)
        tasks += _workflow_task(
            "assessment",
            f"Hear by Right self-assessment of {name} for {hbr_due}",
            a.state if a else None,
            a.return_reason if a else "",
            reverse("staff:hbr-assess", args=[agency, hbr_due]),
            reverse("staff:hbr-review", args=[agency, hbr_due]),
            hbr_due,
            Task("", "", "", hbr_due, "partner", agency=agency),
        )
    return tasks


def _workflow_task(
    kind: str,
    what: str,
    state: str | None,
    reason: str,
    write_url: str,
    review_url: str,
    due: str,
    owner: Task,
) -> list[Task]:
    if state in (State.APPROVED, State.PUBLISHED):
        return []
    if state == State.SUBMITTED:
        return [Task(f"review {kind}", f"Review the {what}", review_url, due, ANALYSTS)]
    verb = "Revise the returned" if state == State.RETURNED else "Complete the"
    text = f"{verb} {what}" + (f" (returned: {reason})" if state == State.RETURNED else "")
    return [Task(kind, text, write_url, due, owner.owner, owner.priorities, owner.agency)]


def awaiting(user: User | AnonymousUser) -> list[Task]:
    """What waits for ``user``: their part of every open round, and an analyst's reviews."""
    profile = profile_of(user)
    if profile is None:
        return []
    found: dict[tuple[str, str], Task] = {}
    for r in ReportingRound.objects.filter(state=RoundState.OPEN).order_by("deadline"):
        for t in outstanding(r):
            if t.is_for(profile):
                found.setdefault((t.kind, t.url), t)
    if profile.role == Role.ANALYST:
        from cypp.web.workspace import hbr

        for t in _review_queue(hbr.agencies()):
            found.setdefault((t.kind, t.url), t)
    return list(found.values())


def _review_queue(agencies: list[tuple[str, str]]) -> list[Task]:
    """Everything submitted and waiting for an analyst, in or out of a round."""
    plan = current_plan()
    shown = {i.code: i.display for i in plan.indicators}
    names = dict(agencies)
    tasks = []
    for c in Commentary.objects.filter(state=State.SUBMITTED):
        url = reverse("staff:commentary-review", args=[c.indicator, c.period])
        what = f"commentary on {shown.get(c.indicator, c.indicator)} for {c.period}"
        tasks.append(Task("review commentary", f"Review the {what}", url, c.period, ANALYSTS))
    for a in HbrAssessment.objects.filter(state=State.SUBMITTED):
        url = reverse("staff:hbr-review", args=[a.agency, a.period])
        what = f"Hear by Right self-assessment of {names.get(a.agency, a.agency)} for {a.period}"
        tasks.append(Task("review assessment", f"Review the {what}", url, a.period, ANALYSTS))
    for v in Consultation.objects.filter(state=State.DRAFT):
        url = reverse("staff:voice-detail", args=[v.pk])
        text = f"Approve the consultation record {v.title!r}"
        tasks.append(Task("review consultation", text, url, "", ANALYSTS))
    return tasks


def close_complete_rounds(user: User | None) -> list[ReportingRound]:
    """Close every open round with nothing outstanding (called after each approval or entry)."""
    closed = []
    for r in ReportingRound.objects.filter(state=RoundState.OPEN):
        if not outstanding(r):
            before = snapshot(r)
            r.state, r.closed_at = RoundState.CLOSED, timezone.now()
            r.save()
            record(user, "close round", "reporting round", r.period, before, snapshot(r))
            closed.append(r)
    return closed


@dataclass(frozen=True)
class Reminder:
    username: str
    email: str
    period: str
    tasks: int


def remind(today: date | None = None, days_before: int = 7) -> list[Reminder]:
    """Email everyone who owes something to an open round whose deadline is within
    ``days_before`` days (and not past); at most one email per person, round and day."""
    today = today or timezone.localdate()
    sent: list[Reminder] = []
    site = getattr(settings, "CYPP_SITE_URL", "http://localhost:8000").rstrip("/")
    for r in ReportingRound.objects.filter(state=RoundState.OPEN):
        days = (r.deadline - today).days
        if not 0 <= days <= days_before:
            continue
        tasks = outstanding(r)
        users = get_user_model().objects.filter(is_active=True).exclude(email="")
        for user in users.order_by("username"):
            profile = profile_of(user)
            mine = [t for t in tasks if profile is not None and t.is_for(profile)]
            if not mine or ReminderSent.objects.filter(round=r, user=user, on=today).exists():
                continue
            lines = "\n".join(f"- {t.text}: {site}{t.url}" for t in mine)
            send_mail(
                subject=f"Reporting round {r.period}: {len(mine)} item(s) due by {r.deadline:%d %B %Y}",
                message=(
                    f"Hello {user.get_username()},\n\nThe reporting round for {r.period} closes on "
                    f"{r.deadline:%A %d %B %Y}. These are waiting for you:\n\n{lines}\n\n"
                    f"Sign in at {site}{reverse('staff:home')} to see them.\n"
                ),
                from_email=None,
                recipient_list=[user.email],
            )
            ReminderSent.objects.create(round=r, user=user, on=today)
            sent.append(Reminder(user.get_username(), user.email, r.period, len(mine)))
    return sent


@dataclass(frozen=True)
class Published:
    rounds: tuple[str, ...]  # periods of the rounds marked published
    commentary: int  # pieces of commentary moved from approved to published


def mark_published(period: str | None, by: User | None = None) -> Published:
    """The publish step calls this once it has published ``period`` (None or "" for
    "latest").

    Approved commentary on periods ending by the end of ``period`` (all of it for "latest")
    becomes published. So do the round for ``period`` itself, whatever its state, and every
    closed round whose period ends by then (in any notation: publishing as at 2010/11 covers
    the closed round 2010-11; for "latest", every closed round). Idempotent: a second call
    finds nothing left to mark."""
    from cypp.web.workspace import commentary

    label = (period or "").strip()
    end = parse_period(label).end if label else None
    with transaction.atomic():
        count = 0
        for c in Commentary.objects.select_for_update().filter(state=State.APPROVED):
            if end is None or _ends_by(c.period, end):
                commentary.publish(c, by)
                count += 1
        chosen = [
            r
            for r in ReportingRound.objects.exclude(state=RoundState.PUBLISHED).order_by("id")
            if r.period == label
            or (r.state == RoundState.CLOSED and (end is None or _ends_by(r.period, end)))
        ]
        marked = []
        for r in chosen:
            before = snapshot(r)
            r.state, r.published_at = RoundState.PUBLISHED, timezone.now()
            r.save()
            record(by, "publish round", "reporting round", r.period, before, snapshot(r))
            marked.append(r.period)
    return Published(tuple(marked), count)


def _ends_by(label: str, end: date) -> bool:
    try:
        return parse_period(label).end <= end
    except PeriodFormatError:
        return False
