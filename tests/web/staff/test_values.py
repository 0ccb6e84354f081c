"""Analysts enter reported values: real forms posted, every rule's message, the audit trail."""

from __future__ import annotations

from datetime import date
from html import escape

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cypp.web.workspace.models import AuditEntry, ReportedValue
from tests.web.staff.conftest import signed_in
from tests.web.staff.html_checks import problems

AREA = "E10000018"
NI056 = "/staff/values/NI056/enter/"  # % by academic year
NI112 = "/staff/values/NI112/enter/"  # rate per 1,000 by calendar year


@pytest.fixture
def analyst(client: Client, staff: dict[str, User]) -> Client:
    return signed_in(client, staff["analyst"])


def errors_of(response: object, field: str) -> list[str]:
    form = response.context["form"]  # type: ignore[attr-defined]
    return list(form.errors.get(field, []))


def test_a_value_is_saved_and_audited(analyst: Client, staff: dict[str, User]) -> None:
    response = analyst.post(
        NI056,
        {"period": "2008/09", "value": "18.4", "ci_low": "17.9", "ci_high": "18.9", "note": "NCMP"},
    )
    assert response.status_code == 302 and response["Location"] == "/staff/values/"
    row = ReportedValue.objects.get(indicator="NI056", period="2008/09")
    assert (row.area, row.value, row.ci_low, row.ci_high, row.note) == (
        AREA,
        18.4,
        17.9,
        18.9,
        "NCMP",
    )
    entry = AuditEntry.objects.get(action="enter value")
    assert entry.username == "anna" and entry.obj_id == "NI056 E10000018 2008/09"
    assert entry.before is None
    assert entry.after is not None and entry.after["value"] == 18.4


def test_a_second_value_replaces_the_first_and_the_audit_keeps_both(analyst: Client) -> None:
    analyst.post(NI056, {"period": "2008/09", "value": "18.4"})
    analyst.post(NI056, {"period": "2008/09", "value": "18.1", "note": "revised by NCMP"})
    assert ReportedValue.objects.get(indicator="NI056").value == 18.1
    change = AuditEntry.objects.get(action="change value")
    assert change.before is not None and change.after is not None
    assert (change.before["value"], change.after["value"]) == (18.4, 18.1)
    assert change.after["note"] == "revised by NCMP"


@pytest.mark.parametrize(
    ("url", "data", "field", "message"),
    [
        (
            NI056,
            {"period": "2009-10", "value": "20"},
            "period",
            "Period: '2009-10' is a financial year, but NI 56 is counted by academic year. "
            "Enter an academic year like '2009/10'.",
        ),
        (
            NI056,
            {"period": "last year", "value": "20"},
            "period",
            "Period: 'last year' is not a period, but NI 56 is counted by academic year. "
            "Enter an academic year like '2009/10'.",
        ),
        (
            NI056,
            {"period": "2009/11", "value": "20"},
            "period",
            "Period: '2009/11' is not a real academic year (period '2009/11' does not span "
            "consecutive years; expected '2009/10'). Enter an academic year like '2009/10'.",
        ),
        (
            NI056,
            {"period": "", "value": "20"},
            "period",
            "Period: nothing was entered, but NI 56 needs the period its figure covers. "
            "Enter an academic year like '2009/10'.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "104.5"},
            "value",
            "Value: '104.5' is more than 100, but a percentage (%) is from 0 to 100. "
            "Enter a number from 0 to 100, such as 45.2.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "18%"},
            "value",
            "Value: '18%' is not a number. Enter digits with an optional decimal point and no "
            "unit or % sign, such as 45.2.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "nan"},
            "value",
            "Value: 'nan' is not a number. Enter digits with an optional decimal point and no "
            "unit or % sign, such as 45.2.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": ""},
            "value",
            "Value: nothing was entered. Enter a number, such as 45.2.",
        ),
        (
            NI112,
            {"period": "2009", "value": "-3"},
            "value",
            "Value: '-3' is less than 0, but a rate per 1,000 is from 0 to 1,000. "
            "Enter a number from 0 to 1000, such as 38.4.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "20", "ci_low": "19"},
            "ci_high",
            "Confidence interval upper limit: nothing was entered, but an interval needs both "
            "limits. Enter the upper limit too, or leave both empty.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "20", "ci_low": "21", "ci_high": "22"},
            "ci_low",
            "Confidence interval lower limit: 21 is more than the value 20, but the interval "
            "must contain the value. Enter a lower limit of 20 or less.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "20", "ci_low": "18", "ci_high": "19.5"},
            "ci_high",
            "Confidence interval upper limit: 19.5 is less than the value 20, but the interval "
            "must contain the value. Enter an upper limit of 20 or more.",
        ),
        (
            NI056,
            {"period": "2008/09", "value": "20", "ci_low": "-1", "ci_high": "22"},
            "ci_low",
            "Confidence interval lower limit: '-1' is less than 0, but a percentage (%) is from "
            "0 to 100. Enter a number from 0 to 100, such as 45.2.",
        ),
    ],
)
def test_each_rule_names_the_field_the_value_the_rule_and_the_fix(
    analyst: Client, url: str, data: dict[str, str], field: str, message: str
) -> None:
    response = analyst.post(url, data)
    assert response.status_code == 200
    assert errors_of(response, field) == [message]
    html = response.content.decode()
    # in the error summary, linked to the field, and beside the field
    assert f'<a href="#id_{field}">{escape(message)}</a>' in html
    assert f'id="id_{field}-error"' in html
    assert "govuk-form-group--error" in html
    assert problems(html) == []  # labels, headings, and the summary's link leads to the field
    assert (
        not ReportedValue.objects.exists()
        and not AuditEntry.objects.filter(action="enter value").exists()
    )


def test_a_period_that_has_not_begun_is_refused(analyst: Client) -> None:
    future = date.today().year + 2
    label = f"{future}/{(future + 1) % 100:02d}"
    response = analyst.post(NI056, {"period": label, "value": "20"})
    assert errors_of(response, "period") == [
        f"Period: {label!r} starts on 01 September {future}, in the future, but a figure can "
        "only be entered for a period that has begun. Enter a past or current academic year."
    ]


def test_a_count_must_be_whole(analyst: Client, staff: dict[str, User]) -> None:
    from cypp.periods import PeriodType
    from cypp.plan.model import Polarity, Unit
    from cypp.web.workspace import measures

    measures.establish(
        staff["analyst"],
        measures.Definition(
            "FSS",
            "FSS-FIS-CALLS",
            "Calls to the FIS",
            "Family Information Service",
            "Calls answered in the year.",
            Unit.COUNT,
            Polarity.NONE,
            PeriodType.FINANCIAL_YEAR,
            "2008-09",
            1200,
        ),
    )
    response = analyst.post(
        "/staff/values/FSS-FIS-CALLS/enter/", {"period": "2009-10", "value": "12.5"}
    )
    assert errors_of(response, "value") == [
        "Value: '12.5' is not a whole number, but a count is a whole number, 0 or more. "
        "Enter a whole number, such as 120."
    ]


def test_values_of_computed_indicators_cannot_be_entered(analyst: Client) -> None:
    assert analyst.get("/staff/values/NI075/enter/").status_code == 404
    assert analyst.get("/staff/values/HBR/enter/").status_code == 404  # computed from HBR


def test_the_list_shows_entered_values(analyst: Client) -> None:
    analyst.post(NI112, {"period": "2009", "value": "31.2", "ci_low": "28.5", "ci_high": "34.1"})
    html = analyst.get("/staff/values/").content.decode()
    assert "31.2" in html and "28.5 to 34.1" in html
