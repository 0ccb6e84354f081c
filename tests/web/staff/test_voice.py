"""Young people's voice: records with counts, never names; leads on their priorities; approval."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cypp.web.workspace import inputs
from cypp.web.workspace.models import AuditEntry, Consultation, State
from tests.web.staff.conftest import LEAD_PRIORITY, OTHER_PRIORITY, signed_in

GOOD = {
    "title": "Youth forum on wellbeing",
    "you_said": "We want quiet spaces at school.",
    "we_did": "Two schools opened quiet rooms.",
    "consulted_on": "2009-11-20",
    "number_consulted": "24",
    "age_group": "11 to 15",
    "priorities": [LEAD_PRIORITY],
}


def test_a_lead_records_and_an_analyst_approves(client: Client, staff: dict[str, User]) -> None:
    lead = signed_in(Client(), staff["lead"])
    response = lead.post("/staff/voice/new/", GOOD)
    c = Consultation.objects.get()
    assert response["Location"] == f"/staff/voice/{c.pk}/"
    assert (c.state, c.number_consulted, c.priorities, c.consulted_on) == (
        State.DRAFT,
        24,
        [LEAD_PRIORITY],
        date(2009, 11, 20),
    )
    assert inputs.approved_consultations() == []
    # the lead may still change it
    assert (
        lead.post(f"/staff/voice/{c.pk}/edit/", GOOD | {"number_consulted": "26"}).status_code
        == 302
    )
    analyst = signed_in(client, staff["analyst"])
    assert "Approve for the public site" in analyst.get(f"/staff/voice/{c.pk}/").content.decode()
    assert analyst.post(f"/staff/voice/{c.pk}/approve/").status_code == 302
    [shown] = inputs.approved_consultations()
    assert (shown.title, shown.number_consulted, shown.priorities) == (
        "Youth forum on wellbeing",
        26,
        (LEAD_PRIORITY,),
    )
    # approved: settled
    assert lead.get(f"/staff/voice/{c.pk}/edit/").status_code == 403
    verbs = list(
        AuditEntry.objects.filter(obj_type="consultation")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert verbs == ["record consultation", "change consultation", "approve consultation"]
    change = AuditEntry.objects.get(action="change consultation")
    assert change.before is not None and change.after is not None
    assert (change.before["number_consulted"], change.after["number_consulted"]) == (24, 26)


def test_a_lead_links_records_only_to_their_own_priorities(
    client: Client, staff: dict[str, User]
) -> None:
    lead = signed_in(client, staff["lead"])
    response = lead.post("/staff/voice/new/", GOOD | {"priorities": [OTHER_PRIORITY]})
    assert response.context["form"].errors["priorities"] == [
        f"Priorities: {OTHER_PRIORITY!r} is not a priority you may link a record to (a lead "
        "links their own priorities only). Choose from the list."
    ]
    assert not Consultation.objects.exists()
    # an analyst may link any
    analyst = signed_in(Client(), staff["analyst"])
    assert (
        analyst.post("/staff/voice/new/", GOOD | {"priorities": [OTHER_PRIORITY]}).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"number_consulted": "0"},
            "number_consulted",
            "Number of young people: less than 1, but a consultation heard at least one young "
            "person. Enter how many took part.",
        ),
        (
            {"number_consulted": "many"},
            "number_consulted",
            "Number of young people: this is not a whole number. Enter a number such as 25.",
        ),
        (
            {"priorities": []},
            "priorities",
            "Priorities: nothing was entered, but it is required. Choose at least one priority.",
        ),
        (
            {"consulted_on": ""},
            "consulted_on",
            "Date of consultation: nothing was entered. Enter it like 2009-11-20.",
        ),
        (
            {"you_said": ""},
            "you_said",
            "You said: nothing was entered, but it is required. Enter what young people said.",
        ),
    ],
)
def test_each_rule_of_a_record(
    client: Client, staff: dict[str, User], change: dict[str, object], field: str, message: str
) -> None:
    response = signed_in(client, staff["lead"]).post("/staff/voice/new/", GOOD | change)
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    link = f"#id_{field}_0" if field == "priorities" else f"#id_{field}"
    assert f'href="{link}"' in html and f'id="{link[1:]}"' in html


def test_a_consultation_in_the_future_is_refused(client: Client, staff: dict[str, User]) -> None:
    later = date.today() + timedelta(days=10)
    response = signed_in(client, staff["lead"]).post(
        "/staff/voice/new/", GOOD | {"consulted_on": later.isoformat()}
    )
    assert response.context["form"].errors["consulted_on"] == [
        f"Date of consultation: {later:%d %B %Y} is in the future, but a record is of a "
        "consultation that took place. Enter the date it took place."
    ]


def test_records_have_no_field_for_names() -> None:
    fields = {f.name for f in Consultation._meta.get_fields()}
    assert not {f for f in fields if "name" in f}
