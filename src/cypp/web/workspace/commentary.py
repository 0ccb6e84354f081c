"""Commentary's workflow: draft → submitted → approved or returned (with a reason) →
published when its period is published. Every move is a ``CommentaryEvent`` and an audit entry.

Only a lead of one of the indicator's priorities writes it; only an analyst approves or returns
it. Approved and published commentary is settled: it is not edited again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cypp.web.workspace import rounds
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed, WorkspaceError
from cypp.web.workspace.models import Commentary, CommentaryEvent, State
from cypp.web.workspace.plan_source import commentable_indicators, current_plan
from cypp.web.workspace.roles import Do, may
from cypp.web.workspace.validation import check_period

EDITABLE = (State.DRAFT, State.RETURNED)


@dataclass(frozen=True)
class Text:
    story: str
    partners: str = ""
    what_works: str = ""
    action_plan: str = ""


def find(code: str, period: str) -> Commentary | None:
    return Commentary.objects.filter(indicator=code, period=period).first()


def check_subject(code: str, period: str) -> str:
    """The period label, if ``code`` takes commentary and ``period`` is one of its periods."""
    ind = next((i for i in commentable_indicators(current_plan()) if i.code == code), None)
    if ind is None:
        raise WorkspaceError(
            f"{code!r} is not an indicator of the plan with figures, so it takes no commentary"
        )
    return check_period("period", period, ind.period_type, ind.display)


def write(user: User, code: str, period: str, text: Text, *, submit: bool) -> Commentary:
    """Save a draft (``submit`` False) or submit it for approval."""
    if not may(user, Do.WRITE_COMMENTARY, code):
        raise NotAllowed(f"only a lead of one of {code}'s priorities may write its commentary")
    label = check_subject(code, period)
    if not text.story.strip():
        raise FieldProblem(
            "story",
            "Story behind the curve: nothing was entered, but commentary must say what the "
            "figures show and why. Enter the story behind the curve.",
        )
    with transaction.atomic():
        c = Commentary.objects.select_for_update().filter(indicator=code, period=label).first()
        if c is not None and c.state not in EDITABLE:
            raise WorkspaceError(
                f"the commentary on {code} for {label} is {c.state}; it can be changed only "
                "while a draft or after it is returned"
            )
        before = snapshot(c) if c else None
        old_state = c.state if c else ""
        if c is None:
            c = Commentary(indicator=code, period=label)
        c.story, c.partners = text.story.strip(), text.partners.strip()
        c.what_works, c.action_plan = text.what_works.strip(), text.action_plan.strip()
        c.author = user
        c.state = State.SUBMITTED if submit else State.DRAFT
        c.save()
        if c.state != old_state:
            _event(c, old_state, user)
        action = "submit commentary" if submit else "save commentary draft"
        record(user, action, "commentary", f"{code} {label}", before, snapshot(c))
    return c


def approve(user: User, c: Commentary) -> Commentary:
    return _review(user, c, State.APPROVED, "")


def return_(user: User, c: Commentary, reason: str) -> Commentary:
    if not reason.strip():
        raise FieldProblem(
            "reason",
            "Reason: nothing was entered, but returned commentary must say what to change. "
            "Enter the reason for returning it.",
        )
    return _review(user, c, State.RETURNED, reason.strip())


def _review(user: User, c: Commentary, to: State, reason: str) -> Commentary:
    if not may(user, Do.REVIEW):
        raise NotAllowed("only a performance analyst may approve or return commentary")
    with transaction.atomic():
        c = Commentary.objects.select_for_update().get(pk=c.pk)
        if c.state != State.SUBMITTED:
            raise WorkspaceError(
                f"the commentary on {c.indicator} for {c.period} is {c.state}; only submitted "
                "commentary can be approved or returned"
            )
        before, old = snapshot(c), c.state
        c.state = to
        if to is State.APPROVED:
            c.approved_by, c.approved_at, c.return_reason = user, timezone.now(), ""
        else:
            c.return_reason = reason
        c.save()
        _event(c, old, user, reason)
        verb = "approve commentary" if to is State.APPROVED else "return commentary"
        record(user, verb, "commentary", f"{c.indicator} {c.period}", before, snapshot(c))
        if to is State.APPROVED:
            rounds.close_complete_rounds(user)
    return c


def publish(c: Commentary, user: User | None) -> None:
    """Approved → published (called by ``rounds.mark_published``, inside its transaction)."""
    before, old = snapshot(c), c.state
    c.state = State.PUBLISHED
    c.save()
    _event(c, old, user)
    record(
        user, "publish commentary", "commentary", f"{c.indicator} {c.period}", before, snapshot(c)
    )


def _event(c: Commentary, old: str, user: User | None, reason: str = "") -> None:
    CommentaryEvent.objects.create(
        commentary=c,
        from_state=old,
        to_state=c.state,
        user=user,
        username=user.get_username() if user is not None else "",
        at=timezone.now(),
        reason=reason,
    )
