"""Owners update their actions' status and milestones; others may not; the report reads it."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.test import Client

from cypp.plan.model import ActionStatus
from cypp.web.workspace import inputs
from cypp.web.workspace.models import ActionMilestone, ActionStatusUpdate, AuditEntry
from tests.web.staff.conftest import signed_in

ACTION = "/staff/actions/emotional-health-strategy/"


def test_an_owner_updates_the_status_with_a_note(client: Client, staff: dict[str, User]) -> None:
    lead = signed_in(client, staff["lead"])
    response = lead.post(
        ACTION + "update/", {"status": "in progress", "note": "Draft strategy out."}
    )
    assert response.status_code == 302 and response["Location"] == ACTION
    lead.post(ACTION + "update/", {"status": "complete", "note": "Adopted by the Trust Board."})
    assert list(ActionStatusUpdate.objects.order_by("id").values_list("status", flat=True)) == [
        "in progress",
        "complete",
    ]
    update = inputs.report_workspace().actions["emotional-health-strategy"]
    assert (update.status, update.note) == (ActionStatus.COMPLETE, "Adopted by the Trust Board.")
    first, second = AuditEntry.objects.filter(action="update action").order_by("id")
    assert first.before == {"status": "not started", "note": ""}  # the plan's own status
    assert second.before is not None and second.after is not None
    assert (second.before["status"], second.after["status"]) == ("in progress", "complete")
    page = lead.get(ACTION).content.decode()
    assert "Adopted by the Trust Board." in page and "Draft strategy out." in page


def test_at_risk_needs_a_note(client: Client, staff: dict[str, User]) -> None:
    lead = signed_in(client, staff["lead"])
    response = lead.post(ACTION + "update/", {"status": "at risk", "note": ""})
    assert response.status_code == 200
    assert response.context["status_form"].errors["note"] == [
        "Note: nothing was entered, but an action at risk needs a note saying why. "
        "Enter what puts it at risk and what is being done."
    ]
    assert not ActionStatusUpdate.objects.exists()


def test_milestones_are_added_and_marked_done(client: Client, staff: dict[str, User]) -> None:
    lead = signed_in(client, staff["lead"])
    added = lead.post(
        ACTION + "milestones/", {"due": "2009-03-31", "text": "Strategy to the Board"}
    )
    assert added.status_code == 302
    m = ActionMilestone.objects.get()
    assert (m.due, m.text, m.done, m.from_plan) == (
        date(2009, 3, 31),
        "Strategy to the Board",
        False,
        False,
    )
    twice = lead.post(
        ACTION + "milestones/", {"due": "2009-03-31", "text": "Strategy to the Board"}
    )
    assert twice.context["milestone_form"].errors["text"] == [
        "Milestone: 'Strategy to the Board' due 31 March 2009 is already a milestone of this "
        "action, but each must be different. Change the text or the date."
    ]
    bad_date = lead.post(ACTION + "milestones/", {"due": "31st March", "text": "x"})
    assert bad_date.context["milestone_form"].errors["due"] == [
        "Due date: this is not a date. Enter it like 2010-03-31."
    ]
    assert lead.post(ACTION + "milestones/done/", {"milestone": f"ws-{m.pk}"}).status_code == 302
    m.refresh_from_db()
    assert m.done and m.done_at is not None
    entry = AuditEntry.objects.get(action="mark milestone done")
    assert entry.before is not None and entry.after is not None
    assert (entry.before["done"], entry.after["done"]) == (False, True)
    # marking it again is refused with a message, not an error page
    again = lead.post(ACTION + "milestones/done/", {"milestone": f"ws-{m.pk}"}, follow=True)
    assert "is already done" in again.content.decode()


def test_only_a_lead_of_the_actions_priority_may_update_it(
    client: Client, staff: dict[str, User]
) -> None:
    for who in ("lead (other)", "analyst", "administrator", "viewer", "partner"):
        other = signed_in(Client(), staff[who])
        assert other.post(ACTION + "update/", {"status": "complete"}).status_code == 403, who
    assert not ActionStatusUpdate.objects.exists()
    # the viewer sees the page but no form
    page = signed_in(client, staff["viewer"]).get(ACTION).content.decode()
    assert "Update the status" not in page and "Add a milestone" not in page
