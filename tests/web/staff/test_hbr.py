"""Hear by Right: partner agencies assess themselves; analysts review; the HBR figure by the
documented rule, on a hand-worked case."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cypp.web.workspace import hbr, inputs
from cypp.web.workspace.hbr import Rating
from cypp.web.workspace.models import (
    AuditEntry,
    HbrAssessment,
    PartnerAgency,
    Role,
    Standard,
    State,
)
from tests.web.staff.conftest import AGENCY, MakeUser, all_ratings, signed_in
from tests.web.staff.html_checks import problems

ASSESS = f"/staff/hear-by-right/{AGENCY}/2009-10/assess/"
REVIEW = f"/staff/hear-by-right/{AGENCY}/2009-10/review/"


def form_data(level: str = "established") -> dict[str, str]:
    data = {}
    for s in Standard:
        data[f"{s.value}-level"] = level
        data[f"{s.value}-evidence"] = f"Young people on the panel for {s.label}."
    return data


def test_a_partner_completes_and_an_analyst_approves(
    client: Client, staff: dict[str, User]
) -> None:
    partner = signed_in(Client(), staff["partner"])
    draft = form_data() | {"strategy-level": "", "strategy-evidence": "", "action": "save"}
    assert partner.post(ASSESS, draft).status_code == 302
    a = HbrAssessment.objects.get()
    assert (a.state, hbr.ratings_of(a)["strategy"]) == (State.DRAFT, Rating("", ""))

    # a submission must rate every standard, with evidence
    missing = partner.post(ASSESS, draft | {"action": "submit"})
    assert missing.context["form"].errors["strategy-level"] == [
        "Strategy level: '' is not emerging, established or advanced, but a submitted "
        "self-assessment rates every standard. Choose a level for Strategy."
    ]
    no_evidence = partner.post(
        ASSESS, form_data() | {"style-of-leadership-evidence": " ", "action": "submit"}
    )
    assert no_evidence.context["form"].errors["style-of-leadership-evidence"] == [
        "Style of leadership evidence: nothing was entered, but every rating needs its "
        "evidence, including what young people say. Enter the evidence for Style of leadership."
    ]
    html = no_evidence.content.decode()
    assert 'href="#id_style-of-leadership-evidence"' in html
    assert problems(html) == []

    assert partner.post(ASSESS, form_data("advanced") | {"action": "submit"}).status_code == 302
    assert HbrAssessment.objects.get().state == State.SUBMITTED

    analyst = signed_in(client, staff["analyst"])
    assert (
        analyst.post(
            REVIEW, {"decision": "return", "reason": "Add the youth panel's view."}
        ).status_code
        == 302
    )
    a = HbrAssessment.objects.get()
    assert (a.state, a.return_reason) == (State.RETURNED, "Add the youth panel's view.")
    assert partner.post(ASSESS, form_data("advanced") | {"action": "submit"}).status_code == 302
    assert analyst.post(REVIEW, {"decision": "approve"}).status_code == 302
    assert HbrAssessment.objects.get().state == State.APPROVED
    # approved: settled
    assert "cannot be changed now" in partner.get(ASSESS).content.decode()

    verbs = list(
        AuditEntry.objects.filter(obj_type="hear by right")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert verbs == [
        "save self-assessment draft",
        "submit self-assessment",
        "return self-assessment",
        "submit self-assessment",
        "approve self-assessment",
    ]
    first_submit = AuditEntry.objects.filter(action="submit self-assessment").order_by("id").first()
    assert (
        first_submit is not None
        and first_submit.before is not None
        and first_submit.after is not None
    )
    assert first_submit.before["ratings"]["strategy"] == {"level": "", "evidence": ""}
    assert first_submit.after["ratings"]["strategy"]["level"] == "advanced"


def test_a_partner_sees_and_assesses_only_their_own_agency(
    client: Client, staff: dict[str, User]
) -> None:
    other = signed_in(client, staff["partner (other)"])
    assert other.post(ASSESS, form_data() | {"action": "submit"}).status_code == 403
    assert other.get(f"/staff/hear-by-right/{AGENCY}/2009-10/").status_code == 403
    assert not HbrAssessment.objects.exists()


def test_the_period_is_a_financial_year(client: Client, staff: dict[str, User]) -> None:
    partner = signed_in(client, staff["partner"])
    assert partner.get(f"/staff/hear-by-right/{AGENCY}/2009/10/assess/").status_code == 404
    start = partner.get("/staff/hear-by-right/", {"period": "2009/10"})
    assert start.context["start_error"] == (
        "Period: '2009/10' is an academic year, but Hear by Right is counted by financial "
        "year. Enter a financial year like '2009-10'."
    )
    assert partner.get("/staff/hear-by-right/", {"period": "2009-10"})["Location"] == ASSESS


@pytest.mark.django_db
def test_the_hbr_figure_by_hand(make_user: MakeUser) -> None:
    """The seed plan's six partners. Approved: Children's Centres (established or better in
    all seven), Extended Services (emerging in Systems), the Family Information Service
    (advanced in all seven). Submitted only: the Education Welfare Service. Not assessed: the
    other two. HBR = 2 / 6 = 33.3%; a period without approvals has no figure."""
    analyst = make_user("anna", Role.ANALYST)
    mixed = all_ratings("established") | {"shared-values": Rating("advanced", "Charter signed.")}
    one_short = all_ratings("advanced") | {"systems": Rating("emerging", "Feedback forms only.")}
    cases = [
        ("childrens-centres", mixed, True),
        ("extended-services", one_short, True),
        ("family-information-service", all_ratings("advanced"), True),
        ("education-welfare-service", all_ratings("advanced"), False),
    ]
    for agency, ratings, approve in cases:
        user = make_user(f"user-{agency}", Role.PARTNER, agency=agency)
        a = hbr.save(user, agency, "2009-10", ratings, submit=True)
        if approve:
            hbr.approve(analyst, a)
    hbr.save(
        make_user("early", Role.PARTNER, agency="behaviour-attendance-team"),
        "behaviour-attendance-team",
        "2010-11",
        all_ratings(),
        submit=True,
    )

    [figure] = hbr.figures()
    assert (figure.period, figure.attained, figure.assessed, figure.agencies) == (
        "2009-10",
        2,
        3,
        6,
    )
    assert figure.value == pytest.approx(100 * 2 / 6)
    f = inputs.reported_figures()["HBR"]["E10000018"]["2009-10"]
    assert (f.value, f.numerator, f.denominator, f.ci_low) == (pytest.approx(33.333333), 2, 6, None)
    assert "2010-11" not in inputs.reported_figures()["HBR"]["E10000018"]

    # an agency added in the workspace counts in "all partner agencies"
    PartnerAgency.objects.create(partner_id="youth-service", name="Youth Service")
    assert hbr.figures()[0].agencies == 7
