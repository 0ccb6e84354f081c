"""Owners' updates on the plan's actions: status with a note, and milestones marked done.

The plan may give an action milestones; owners add their own. A plan milestone is stored in
the workspace (``from_plan``) once it is marked done, matched on its date and text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from cypp.plan.model import Action, ActionStatus
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed, WorkspaceError
from cypp.web.workspace.models import ActionMilestone, ActionStatusUpdate
from cypp.web.workspace.plan_source import current_plan, find_action
from cypp.web.workspace.roles import Do, may


@dataclass(frozen=True)
class MilestoneLine:
    key: str  # "plan-0" for the plan's first milestone, "ws-12" for a workspace row
    due: date
    text: str
    done: bool
    from_plan: bool


def latest(action_id: str) -> ActionStatusUpdate | None:
    return ActionStatusUpdate.objects.filter(action_id=action_id).order_by("-at", "-id").first()


def history(action_id: str) -> list[ActionStatusUpdate]:
    return list(ActionStatusUpdate.objects.filter(action_id=action_id).order_by("-at", "-id"))


def milestones(action: Action) -> list[MilestoneLine]:
    rows = list(ActionMilestone.objects.filter(action_id=action.id))
    stored = {(r.due, r.text): r for r in rows}
    lines = []
    for i, m in enumerate(action.milestones):
        row = stored.pop((m.due, m.text), None)
        lines.append(MilestoneLine(f"plan-{i}", m.due, m.text, row.done if row else m.done, True))
    lines += [MilestoneLine(f"ws-{r.pk}", r.due, r.text, r.done, False) for r in stored.values()]
    return sorted(lines, key=lambda m: (m.due, m.text))


def _owned(user: User, action_id: str) -> tuple[str, Action]:
    found = find_action(current_plan(), action_id)
    if found is None:
        raise WorkspaceError(f"{action_id!r} is not an action of the plan")
    priority, action = found
    if not may(user, Do.UPDATE_ACTION, priority.id):
        raise NotAllowed(f"only a lead of priority {priority.id!r} may update its actions")
    return priority.id, action


def update_status(
    user: User, action_id: str, status: ActionStatus, note: str
) -> ActionStatusUpdate:
    priority_id, action = _owned(user, action_id)
    if status is ActionStatus.AT_RISK and not note.strip():
        raise FieldProblem(
            "note",
            "Note: nothing was entered, but an action at risk needs a note saying why. "
            "Enter what puts it at risk and what is being done.",
        )
    with transaction.atomic():
        before = latest(action_id)
        row = ActionStatusUpdate.objects.create(
            action_id=action_id,
            priority_id=priority_id,
            status=status.value,
            note=note.strip(),
            by=user,
            at=timezone.now(),
        )
        was = snapshot(before) if before else {"status": action.status.value, "note": ""}
        record(user, "update action", "action", action_id, was, snapshot(row))
    return row


def add_milestone(user: User, action_id: str, due: date, text: str) -> ActionMilestone:
    _, action = _owned(user, action_id)
    text = text.strip()
    if not text:
        raise FieldProblem(
            "text", "Milestone: nothing was entered. Enter what will be done by the date."
        )
    if any(m.due == due and m.text == text for m in milestones(action)):
        raise FieldProblem(
            "text",
            f"Milestone: {text!r} due {due:%d %B %Y} is already a milestone of this action, but "
            "each must be different. Change the text or the date.",
        )
    with transaction.atomic():
        row = ActionMilestone.objects.create(action_id=action_id, due=due, text=text, added_by=user)
        record(user, "add milestone", "milestone", f"{action_id} {due} {text}", None, snapshot(row))
    return row


def mark_done(user: User, action_id: str, key: str) -> ActionMilestone:
    _, action = _owned(user, action_id)
    line = next((m for m in milestones(action) if m.key == key), None)
    if line is None:
        raise WorkspaceError(f"action {action_id!r} has no milestone {key!r}")
    if line.done:
        raise WorkspaceError(f"the milestone {line.text!r} is already done")
    with transaction.atomic():
        row, _ = ActionMilestone.objects.get_or_create(
            action_id=action_id,
            due=line.due,
            text=line.text,
            defaults={"from_plan": line.from_plan, "added_by": user},
        )
        before = snapshot(row)
        row.done, row.done_at = True, timezone.now()
        row.save()
        record(
            user,
            "mark milestone done",
            "milestone",
            f"{action_id} {line.due} {line.text}",
            before,
            snapshot(row),
        )
    return row
