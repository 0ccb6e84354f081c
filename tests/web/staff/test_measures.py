"""Establishing a Family Support measure, its baseline, its values, and what publish reads."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cypp.plan.model import Method, Source, Unit
from cypp.web.workspace import inputs
from cypp.web.workspace.models import AuditEntry, EstablishedMeasure
from tests.web.staff.conftest import signed_in

URL = "/staff/measures/establish/"
GOOD = {
    "parent": "FSS",
    "code": "FSS-CC-REACH",
    "title": "Families with under-fives reached by Children's Centres",
    "source_note": "Children's Centres",
    "definition": "Families with a child under five registered with a centre who used it in "
    "the year / families with a child under five in the centres' reach areas.",
    "unit": "%",
    "polarity": "high",
    "period_type": "financial year",
    "baseline_period": "2008-09",
    "baseline_value": "61.5",
}


@pytest.fixture
def analyst(client: Client, staff: dict[str, User]) -> Client:
    return signed_in(client, staff["analyst"])


def test_an_analyst_establishes_a_measure_and_tracks_it(analyst: Client) -> None:
    response = analyst.post(URL, GOOD)
    assert response.status_code == 302 and response["Location"] == "/staff/measures/"
    m = EstablishedMeasure.objects.get(code="FSS-CC-REACH")
    assert (m.parent, m.unit, m.period_type, m.baseline_period, m.baseline_value) == (
        "FSS",
        "%",
        "financial year",
        "2008-09",
        61.5,
    )
    entry = AuditEntry.objects.get(action="establish measure")
    assert entry.before is None and entry.after is not None
    assert entry.after["baseline_value"] == 61.5 and entry.after["code"] == "FSS-CC-REACH"

    # then values each period, like a reported indicator
    assert (
        analyst.post(
            "/staff/values/FSS-CC-REACH/enter/", {"period": "2009-10", "value": "66.0"}
        ).status_code
        == 302
    )
    # but not for the baseline period, which the baseline already fills
    refused = analyst.post("/staff/values/FSS-CC-REACH/enter/", {"period": "2008-09", "value": "1"})
    assert refused.context["form"].errors["period"] == [
        "Period: '2008-09' is the baseline period of FSS-CC-REACH, and its baseline 61.5 was "
        "recorded when the measure was established. Enter a period after the baseline."
    ]

    figures = inputs.reported_figures()["FSS-CC-REACH"]["E10000018"]
    assert {p: f.value for p, f in figures.items()} == {"2008-09": 61.5, "2009-10": 66.0}
    [ind] = inputs.established_indicators()
    assert (ind.code, ind.unit, ind.method, ind.source, ind.outcome) == (
        "FSS-CC-REACH",
        Unit.PERCENT,
        Method.REPORTED,
        Source.WORKSPACE,
        "economic-well-being",  # FSS's outcome in the seed plan
    )
    [targets] = inputs.established_targets()
    assert [(b.period, b.value) for b in targets.baselines] == [("2008-09", 61.5)]
    assert "FSS-CC-REACH" in analyst.get("/staff/measures/").content.decode()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {"code": "fss reach"},
            "code",
            "Code: 'fss reach' is not capitals, digits and hyphens starting with a capital, which "
            "codes must be. Enter a code such as 'FSS-CC-REACH'.",
        ),
        (
            {"code": "NI075"},
            "code",
            "Code: 'NI075' is already used by the plan, but codes must be unique. Enter another "
            "code.",
        ),
        (
            {"baseline_period": "2008/09"},
            "baseline_period",
            "Period: '2008/09' is an academic year, but FSS-CC-REACH is counted by financial "
            "year. Enter a financial year like '2009-10'.",
        ),
        (
            {"baseline_value": "161.5"},
            "baseline_value",
            "Baseline value: '161.5' is more than 100, but a percentage (%) is from 0 to 100. "
            "Enter a number from 0 to 100, such as 45.2.",
        ),
        (
            {"title": ""},
            "title",
            "Title: nothing was entered, but it is required. Enter what the measure counts.",
        ),
    ],
)
def test_each_rule_of_a_definition(
    analyst: Client, change: dict[str, str], field: str, message: str
) -> None:
    response = analyst.post(URL, GOOD | change)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not EstablishedMeasure.objects.exists()


def test_only_a_plan_measure_left_to_establish_can_be_chosen(analyst: Client) -> None:
    response = analyst.post(URL, GOOD | {"parent": "NI075"})
    assert response.context["form"].errors["parent"] == [
        "Plan measure it establishes: 'NI075' is not a measure the plan leaves not yet "
        "established. Choose one from the list."
    ]
    page = analyst.get(URL).content.decode()
    assert '<option value="FSS">' in page and "NI075" not in page


def test_a_code_cannot_be_used_twice(analyst: Client) -> None:
    analyst.post(URL, GOOD)
    again = analyst.post(URL, GOOD)
    assert again.context["form"].errors["code"] == [
        "Code: 'FSS-CC-REACH' is already used by an established measure, but codes must be "
        "unique. Enter another code."
    ]
