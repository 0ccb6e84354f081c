"""Young people's voice: "you said, we did" records, draft → approved (then shown publicly).

Who was consulted is a count and an age group only; there is no field for a name. A lead
records consultations on their own priorities, an analyst on any, and an analyst approves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed, WorkspaceError
from cypp.web.workspace.models import AgeGroup, Consultation, State
from cypp.web.workspace.plan_source import current_plan
from cypp.web.workspace.roles import Do, may


@dataclass(frozen=True)
class Record:
    title: str
    you_said: str
    we_did: str
    consulted_on: date
    number_consulted: int
    age_group: str
    priorities: tuple[str, ...]


def check(r: Record) -> None:
    known = [p.id for p in current_plan().priorities]
    if not r.priorities:
        raise FieldProblem(
            "priorities",
            "Priorities: none was chosen, but each consultation is linked to the priorities it "
            "informs. Choose at least one priority.",
        )
    for p in r.priorities:
        if p not in known:
            raise FieldProblem(
                "priorities",
                f"Priorities: {p!r} is not a priority of the plan. Choose from the list.",
            )
    if r.consulted_on > date.today():
        raise FieldProblem(
            "consulted_on",
            f"Date of consultation: {r.consulted_on:%d %B %Y} is in the future, but a record is "
            "of a consultation that took place. Enter the date it took place.",
        )
    if r.number_consulted < 1:
        raise FieldProblem(
            "number_consulted",
            f"Number of young people: {r.number_consulted!r} is less than 1, but a consultation "
            "heard at least one young person. Enter how many took part.",
        )
    if r.age_group not in AgeGroup.values:
        raise FieldProblem(
            "age_group", f"Age group: {r.age_group!r} is not one of the choices. Choose one."
        )


def save(user: User, r: Record, existing: Consultation | None = None) -> Consultation:
    if not may(user, Do.RECORD_VOICE, r.priorities):
        raise NotAllowed("a lead may record consultations only on the priorities they lead")
    if existing is not None and not may_edit(user, existing):
        raise NotAllowed("only an analyst or a lead of all its priorities may change this record")
    check(r)
    with transaction.atomic():
        c = existing or Consultation(created_by=user)
        if existing is not None:
            c = Consultation.objects.select_for_update().get(pk=existing.pk)
            if c.state != State.DRAFT:
                raise WorkspaceError(f"the record {c.title!r} is approved; it is not changed again")
        before = snapshot(c) if existing is not None else None
        c.title, c.you_said, c.we_did = r.title.strip(), r.you_said.strip(), r.we_did.strip()
        c.consulted_on, c.number_consulted = r.consulted_on, r.number_consulted
        c.age_group, c.priorities = r.age_group, list(r.priorities)
        c.save()
        verb = "change consultation" if existing is not None else "record consultation"
        record(user, verb, "consultation", c.pk, before, snapshot(c))
    return c


def may_edit(user: User, c: Consultation) -> bool:
    return c.state == State.DRAFT and may(user, Do.RECORD_VOICE, c.priorities)


def approve(user: User, c: Consultation) -> Consultation:
    if not may(user, Do.REVIEW):
        raise NotAllowed("only a performance analyst may approve a consultation record")
    with transaction.atomic():
        c = Consultation.objects.select_for_update().get(pk=c.pk)
        if c.state != State.DRAFT:
            raise WorkspaceError(f"the record {c.title!r} is already approved")
        before = snapshot(c)
        c.state, c.approved_by, c.approved_at = State.APPROVED, user, timezone.now()
        c.save()
        record(user, "approve consultation", "consultation", c.pk, before, snapshot(c))
    return c
