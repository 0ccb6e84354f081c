"""Commentary through every state with real forms: draft, submitted, returned, resubmitted,
approved, published; its history; who may write; what the report reads."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cypp.web.workspace import inputs, rounds
from cypp.web.workspace.models import AuditEntry, Commentary, CommentaryEvent, State
from tests.web.staff.conftest import signed_in

WRITE = "/staff/commentary/NI050/2008/09/write/"
REVIEW = "/staff/commentary/NI050/2008/09/review/"
TEXT = {
    "story": "Fewer pupils report worries since the school nurses' drop-ins began.",
    "partners": "School nursing, CAMHS",
    "what_works": "Drop-ins in every secondary school.",
    "action_plan": "Extend drop-ins to primary schools.",
}


def moves() -> list[tuple[str, str, str, str]]:
    return [
        (e.from_state, e.to_state, e.username, e.reason)
        for e in CommentaryEvent.objects.order_by("at", "id")
    ]


def test_the_whole_workflow(client: Client, staff: dict[str, User]) -> None:
    lead = signed_in(Client(), staff["lead"])
    analyst = signed_in(client, staff["analyst"])

    # a draft, then submitted
    assert lead.post(WRITE, TEXT | {"action": "save"}).status_code == 302
    assert Commentary.objects.get().state == State.DRAFT
    assert lead.post(WRITE, TEXT | {"action": "submit"}).status_code == 302
    assert Commentary.objects.get().state == State.SUBMITTED
    # submitted commentary is settled until reviewed
    locked = lead.get(WRITE).content.decode()
    assert "This commentary is submitted and cannot be changed now." in locked
    assert lead.post(WRITE, TEXT | {"story": "changed"}).status_code == 200
    assert Commentary.objects.get().story == TEXT["story"]

    # returning needs a reason
    no_reason = analyst.post(REVIEW, {"decision": "return"})
    assert no_reason.context["form"].errors["reason"] == [
        "Reason for returning: nothing was entered, but a returned item must say what to "
        "change. Enter the reason, or choose approve."
    ]
    assert (
        analyst.post(REVIEW, {"decision": "return", "reason": "Say which schools."}).status_code
        == 302
    )
    c = Commentary.objects.get()
    assert (c.state, c.return_reason) == (State.RETURNED, "Say which schools.")
    assert "Returned by the analyst: Say which schools." in lead.get(WRITE).content.decode()

    # revised and resubmitted, then approved
    revised = TEXT | {"story": TEXT["story"] + " All 54 secondary schools.", "action": "submit"}
    assert lead.post(WRITE, revised).status_code == 302
    assert analyst.post(REVIEW, {"decision": "approve"}).status_code == 302
    c = Commentary.objects.get()
    assert (c.state, c.approved_by) == (State.APPROVED, staff["analyst"])
    # a review of commentary no longer submitted is refused
    again = analyst.post(REVIEW, {"decision": "approve"})
    assert "Only submitted commentary is reviewed; this is approved." in again.content.decode()

    # the report reads approved commentary; the public site waits for publication
    assert inputs.report_workspace().commentary[("NI050", "2008/09")].story.endswith("schools.")
    assert inputs.report_workspace(published_only=True).commentary == {}
    published = rounds.mark_published("2009-10")
    assert published.commentary == 1
    assert Commentary.objects.get().state == State.PUBLISHED
    assert ("NI050", "2008/09") in inputs.report_workspace(published_only=True).commentary

    assert moves() == [
        ("", "draft", "leo", ""),
        ("draft", "submitted", "leo", ""),
        ("submitted", "returned", "anna", "Say which schools."),
        ("returned", "submitted", "leo", ""),
        ("submitted", "approved", "anna", ""),
        ("approved", "published", "", ""),
    ]
    history = client.get("/staff/commentary/NI050/2008/09/").content.decode()
    assert history.count('<tr class="govuk-table__row">') == 1 + 6  # header row + six moves

    verbs = list(
        AuditEntry.objects.filter(obj_type="commentary")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert verbs == [
        "save commentary draft",
        "submit commentary",
        "return commentary",
        "submit commentary",
        "approve commentary",
        "publish commentary",
    ]
    returned = AuditEntry.objects.get(action="return commentary")
    assert returned.before is not None and returned.after is not None
    assert (returned.before["state"], returned.after["state"]) == ("submitted", "returned")
    resubmitted = AuditEntry.objects.filter(action="submit commentary").order_by("id").last()
    assert (
        resubmitted is not None and resubmitted.before is not None and resubmitted.after is not None
    )
    assert resubmitted.before["story"] == TEXT["story"]
    assert resubmitted.after["story"].endswith("All 54 secondary schools.")


def test_the_story_is_required(client: Client, staff: dict[str, User]) -> None:
    lead = signed_in(client, staff["lead"])
    response = lead.post(WRITE, TEXT | {"story": "", "action": "submit"})
    assert response.context["form"].errors["story"] == [
        "Story behind the curve: nothing was entered, but it is required. Enter what the "
        "figures show and why."
    ]
    assert not Commentary.objects.exists()


def test_only_a_lead_of_the_indicators_priorities_may_write(
    client: Client, staff: dict[str, User]
) -> None:
    other = signed_in(client, staff["lead (other)"])  # leads raising-attainment, not NI 50's
    assert other.post(WRITE, TEXT | {"action": "submit"}).status_code == 403
    analyst = signed_in(Client(), staff["analyst"])
    assert analyst.post(WRITE, TEXT | {"action": "submit"}).status_code == 403
    assert not Commentary.objects.exists()
    # NI 112 is measured by two priorities: either's lead may write it
    assert (
        signed_in(Client(), staff["lead"]).get("/staff/commentary/NI112/2009/write/").status_code
        == 200
    )


def test_a_period_in_the_wrong_notation_is_not_found(
    client: Client, staff: dict[str, User]
) -> None:
    lead = signed_in(client, staff["lead"])
    assert lead.get("/staff/commentary/NI050/2008-09/write/").status_code == 404
    assert lead.get("/staff/commentary/FSS/2008-09/").status_code == 404  # not established


@pytest.mark.parametrize(
    ("period", "error"),
    [
        ("2008/09", None),
        (
            "2008-09",
            "Period: '2008-09' is a financial year, but NI 50 is counted by academic year. Enter an academic year like '2009/10'.",
        ),
    ],
)
def test_a_lead_starts_commentary_from_the_list(
    client: Client, staff: dict[str, User], period: str, error: str | None
) -> None:
    lead = signed_in(client, staff["lead"])
    response = lead.get("/staff/commentary/", {"indicator": "NI050", "period": period})
    if error is None:
        assert response["Location"] == WRITE
    else:
        assert response.status_code == 200 and response.context["start_error"] == error
