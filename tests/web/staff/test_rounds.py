"""Reporting rounds: what is due and whose, the home page, reminders, closing and publishing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from cypp.periods import PeriodType
from cypp.web.workspace import commentary, hbr, rounds, values
from cypp.web.workspace.models import (
    AuditEntry,
    Commentary,
    ReportingRound,
    Role,
    RoundState,
    State,
)
from cypp.web.workspace.plan_source import commentable_indicators, current_plan
from tests.web.staff.conftest import MakeUser, all_ratings, signed_in


@pytest.mark.parametrize(
    ("kind", "round_period", "due"),
    [
        (PeriodType.ACADEMIC_YEAR, "2009-10", "2008/09"),  # 2009/10 ends 31 Aug 2010: too late
        (PeriodType.ACADEMIC_YEAR, "2009/10", "2009/10"),
        (PeriodType.CALENDAR_YEAR, "2009-10", "2009"),
        (PeriodType.FINANCIAL_YEAR, "2009-10", "2009-10"),
        (PeriodType.FINANCIAL_YEAR, "2009/10", "2009-10"),
        (PeriodType.FINANCIAL_YEAR, "2009", "2008-09"),
        (PeriodType.SNAPSHOT, "2009-10", "2010-03-31"),
        (PeriodType.CALENDAR_YEAR, "2010-03-31", "2009"),
    ],
)
def test_each_indicator_is_due_for_its_latest_period_ending_by_the_rounds_end(
    kind: PeriodType, round_period: str, due: str
) -> None:
    assert rounds.due_period(kind, round_period) == due


def test_opening_a_round_and_its_rules(client: Client, staff: dict[str, User]) -> None:
    analyst = signed_in(client, staff["analyst"])
    deadline = (date.today() + timedelta(days=20)).isoformat()
    response = analyst.post("/staff/rounds/open/", {"period": "2009-10", "deadline": deadline})
    r = ReportingRound.objects.get()
    assert response["Location"] == f"/staff/rounds/{r.pk}/"
    assert AuditEntry.objects.get(action="open round").after["period"] == "2009-10"  # type: ignore[index]
    again = analyst.post("/staff/rounds/open/", {"period": "2009-10", "deadline": deadline})
    assert again.context["form"].errors["period"] == [
        "Period: '2009-10' already has a reporting round, and a period has one round. Open a "
        "round for another period."
    ]
    bad = analyst.post("/staff/rounds/open/", {"period": "Q3", "deadline": deadline})
    assert bad.context["form"].errors["period"] == [
        "Period: 'Q3' is not a period, but a round is for one. Enter it like '2009-10' "
        "(financial year), '2009/10' (academic year), '2009' or '2010-03-31'."
    ]
    past = analyst.post("/staff/rounds/open/", {"period": "2010-11", "deadline": "2011-05-31"})
    assert past.context["form"].errors["deadline"] == [
        "Deadline: 31 May 2011 has passed, but a round needs time to gather its figures. "
        "Enter today's date or a later one."
    ]


def texts(tasks: list[rounds.Task]) -> list[str]:
    return sorted(t.text for t in tasks)


def test_each_person_sees_what_awaits_them(
    staff: dict[str, User], sample: dict[str, object]
) -> None:
    # sample: NI 50 commentary for 2008/09 submitted, Children's Centres' 2009-10 assessment
    # submitted, a draft consultation record, the round 2009-10 open
    assert texts(rounds.awaiting(staff["lead"])) == [
        "Complete the commentary on NI 112 for 2009",
        "Complete the commentary on NI 115 for 2008/09",
    ]
    assert texts(rounds.awaiting(staff["partner"])) == []  # submitted, now the analyst's
    assert texts(rounds.awaiting(staff["partner (other)"])) == [
        "Complete the Hear by Right self-assessment of Extended Services for 2009-10"
    ]
    assert texts(rounds.awaiting(staff["analyst"])) == [
        "Approve the consultation record 'Youth forum on wellbeing'",
        "Enter NI 112 for 2009",
        "Enter NI 19 for 2009-10",
        "Enter NI 56 for 2008/09",
        "Review the Hear by Right self-assessment of Children's Centres for 2009-10",
        "Review the commentary on NI 50 for 2008/09",
    ]
    assert rounds.awaiting(staff["viewer"]) == []
    assert rounds.awaiting(staff["administrator"]) == []

    page = signed_in(Client(), staff["lead"]).get("/staff/").content.decode()
    assert "Complete the commentary on NI 115 for 2008/09" in page
    assert 'href="/staff/commentary/NI115/2008/09/write/"' in page

    # returned work comes back with its reason
    c = commentary.find("NI050", "2008/09")
    assert c is not None
    commentary.return_(staff["analyst"], c, "Name the schools.")
    assert (
        "Revise the returned commentary on NI 50 for 2008/09 (returned: Name the schools.)"
        in texts(rounds.awaiting(staff["lead"]))
    )


def test_reminders_go_by_email_before_the_deadline(
    staff: dict[str, User], sample: dict[str, object]
) -> None:
    r = ReportingRound.objects.get()
    too_early = r.deadline - timedelta(days=8)
    assert rounds.remind(too_early) == []
    sent = rounds.remind(r.deadline - timedelta(days=3))
    # lena (lead 2) and paul (partner 2) owe something but have no address; pat owes nothing
    # anna: three values and two reviews (the draft consultation is not part of a round)
    assert sorted((s.username, s.tasks) for s in sent) == [("anna", 5), ("leo", 2)]
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "leo@example.org"]
    leo = next(m for m in mail.outbox if m.to == ["leo@example.org"])
    assert leo.subject == f"Reporting round 2009-10: 2 item(s) due by {r.deadline:%d %B %Y}"
    assert (
        "- Complete the commentary on NI 115 for 2008/09: http://localhost:8000/staff/commentary/NI115/2008/09/write/"
        in leo.body
    )
    # at most once a day
    assert rounds.remind(r.deadline - timedelta(days=3)) == []
    assert len(rounds.remind(r.deadline - timedelta(days=2))) == 2
    assert rounds.remind(r.deadline + timedelta(days=1)) == []  # past the deadline


def test_the_round_closes_when_everything_is_in_and_approved_then_is_published(
    make_user: MakeUser,
) -> None:
    plan = current_plan()
    analyst = make_user("anna", Role.ANALYST)
    lead = make_user("leo", Role.LEAD, tuple(p.id for p in plan.priorities))
    r = rounds.open_round(analyst, "2009-10", date.today() + timedelta(days=5))

    for e in values.all_enterable():
        values.enter_value(analyst, e.code, rounds.due_period(e.period_type, "2009-10"), 10.0)
    for ind in commentable_indicators(plan):
        if plan.priorities_of(ind.code):
            due = rounds.due_period(ind.period_type, "2009-10")
            c = commentary.write(lead, ind.code, due, commentary.Text("Story."), submit=True)
            commentary.approve(analyst, c)
    agencies = hbr.agencies()
    for agency, _ in agencies:
        user = make_user(f"u-{agency}", Role.PARTNER, agency=agency)
        a = hbr.save(user, agency, "2009-10", all_ratings(), submit=True)
        r.refresh_from_db()
        assert r.state == RoundState.OPEN  # until the very last approval
        hbr.approve(analyst, a)
    r.refresh_from_db()
    assert r.state == RoundState.CLOSED and r.closed_at is not None
    closing = AuditEntry.objects.get(action="close round")
    assert (closing.username, closing.before["state"], closing.after["state"]) == (
        "anna",
        "open",
        "closed",
    )  # type: ignore[index]

    published = rounds.mark_published("2009-10", by=analyst)
    assert published.rounds == ("2009-10",)
    # indicators a priority measures: emotional health 3, raising attainment 7, children in
    # care 3 more (NI 101 is shared), attendance 4 more (NI 112 and NI 102 shared), HBR 1;
    # FSS is not established
    assert published.commentary == Commentary.objects.count() == 18
    r.refresh_from_db()
    assert r.state == RoundState.PUBLISHED
    assert set(Commentary.objects.values_list("state", flat=True)) == {State.PUBLISHED}
    # idempotent
    assert rounds.mark_published("2009-10") == rounds.Published((), 0)


def test_publishing_an_earlier_period_leaves_later_commentary_approved(make_user: MakeUser) -> None:
    analyst = make_user("anna", Role.ANALYST)
    lead = make_user("leo", Role.LEAD, ("emotional-health",))
    for period in ("2008/09", "2009/10"):
        c = commentary.write(lead, "NI050", period, commentary.Text("Story."), submit=True)
        commentary.approve(analyst, c)
    assert rounds.mark_published("2009-10").commentary == 1  # 2009/10 ends after March 2010
    assert dict(Commentary.objects.values_list("period", "state")) == {
        "2008/09": State.PUBLISHED,
        "2009/10": State.APPROVED,
    }
    assert rounds.mark_published(None).commentary == 1  # "latest": everything approved


def test_an_analyst_sees_submissions_without_a_round(make_user: MakeUser) -> None:
    analyst = make_user("anna", Role.ANALYST)
    lead = make_user("leo", Role.LEAD, ("emotional-health",))
    partner = make_user("pat", Role.PARTNER, agency="family-information-service")
    commentary.write(lead, "NI115", "2009/10", commentary.Text("Story."), submit=True)
    hbr.save(partner, "family-information-service", "2010-11", all_ratings(), submit=True)
    assert texts(rounds.awaiting(analyst)) == [
        "Review the Hear by Right self-assessment of Family Information Service for 2010-11",
        "Review the commentary on NI 115 for 2009/10",
    ]
    assert rounds.awaiting(lead) == []  # no round is open


def test_publishing_marks_the_rounds_it_covers(make_user: MakeUser) -> None:
    analyst = make_user("anna", Role.ANALYST)
    soon = date.today() + timedelta(days=5)
    closed = rounds.open_round(analyst, "2009-10", soon)
    still_open = rounds.open_round(analyst, "2010-11", soon)
    exact = rounds.open_round(analyst, "2011/12", soon)
    ReportingRound.objects.filter(pk=closed.pk).update(state=RoundState.CLOSED)
    # as at 2010/11 (to 31 August 2011): the closed 2009-10 round is covered; the open
    # 2010-11 round is not (its work is unfinished), nor the later 2011/12
    assert rounds.mark_published("2010/11").rounds == ("2009-10",)
    # the round of the published period itself is marked whatever its state
    assert rounds.mark_published("2011/12").rounds == ("2011/12",)
    states = dict(ReportingRound.objects.values_list("period", "state"))
    assert states == {"2009-10": "published", "2010-11": "open", "2011/12": "published"}
    assert still_open.pk and exact.pk
