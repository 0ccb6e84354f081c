"""The read-only API on the sample publication (``tests/web/sample.py``): what each endpoint
answers, suppression, errors as JSON, read-only methods, history."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client

from cypp.web.publish import PublishResult
from cypp.web.workspace.models import Consultation, State
from tests.web.sample import COMMENTARY, publish_sample

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, status: int = 200) -> Any:
    response = client.get(path)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"  # open data: any site may fetch it
    return response.json()


def test_index_lists_every_endpoint_before_anything_is_published(client: Client) -> None:
    body = get(client, "/api/")
    assert body["publication"] is None
    paths = [e["path"] for e in body["endpoints"]]
    assert paths == [
        "/api/",
        "/api/openapi.json",
        "/api/plan",
        "/api/outcomes/{id}",
        "/api/priorities/{id}",
        "/api/indicators",
        "/api/indicators/{key}",
        "/api/indicators/{key}/series.csv",
        "/api/publications",
    ]
    assert get(client, "/api/publications") == {"publications": []}


@pytest.mark.parametrize("path", ["/api/plan", "/api/indicators", "/api/indicators/NI075"])
def test_nothing_published_is_a_json_404(client: Client, path: str) -> None:
    body = get(client, path, 404)
    assert body["error"] == "nothing_published"
    assert "cypp publish" in body["detail"]


def test_plan(client: Client, published: PublishResult) -> None:
    body = get(client, "/api/plan")
    assert body["id"] == "demo"
    assert body["vision"] == {
        "statement": "Voice, choice, safety and fulfilment",
        "told_by": "Children and young people in Leicestershire have told us that they want:",
    }
    assert body["area_code"] == "E10000018"
    assert [o["id"] for o in body["outcomes"]] == [
        "be-healthy",
        "stay-safe",
        "enjoy-and-achieve",
        "positive-contribution",
        "economic-well-being",
    ]
    assert [p["id"] for p in body["priorities"]][:2] == ["emotional-health", "raising-attainment"]
    assert body["outcomes"][2]["links"]["self"] == "/api/outcomes/enjoy-and-achieve"
    assert body["publication"]["id"] == published.publication_id
    assert body["publication"]["current"] is True
    assert body["illustrative"] is True


def test_indicator_list_with_latest_values(client: Client, published: PublishResult) -> None:
    body = get(client, "/api/indicators")
    by_key = {i["key"]: i for i in body["indicators"]}
    assert len(by_key) == 26  # the demo plan's 25 indicators and the NI 75 FSM gap
    ni075 = by_key["NI075"]
    assert (ni075["value"], ni075["suppressed"], ni075["period"]) == (57.2, False, "2010/11")
    assert (ni075["status"], ni075["pile"]) == ("met", "met")
    assert ni075["links"]["self"] == "/api/indicators/NI075"
    assert ni075["links"]["csv"] == "/api/indicators/NI075/series.csv"
    assert by_key["NI075:fsm_gap"]["value"] == 27.5
    assert by_key["NI075:fsm_gap"]["slug"] == "ni075-fsm-gap"


def test_a_suppressed_latest_value_is_null_and_says_so(client: Client, published: Any) -> None:
    ni087 = {i["key"]: i for i in get(client, "/api/indicators")["indicators"]}["NI087"]
    assert (ni087["value"], ni087["suppressed"], ni087["period"]) == (None, True, "2010/11")
    detail = get(client, "/api/indicators/NI087")
    assert detail["assessment"]["value"] is None
    assert detail["assessment"]["suppressed"] is True
    assert [(p["period"], p["value"], p["suppressed"]) for p in detail["series"]] == [
        ("2008/09", None, False),
        ("2009/10", 5.0, False),
        ("2010/11", None, True),
    ]


def test_indicator_detail(client: Client, published: PublishResult) -> None:
    body = get(client, "/api/indicators/NI075")
    assert body["label"] == "NI 75"
    assert [(p["period"], p["value"]) for p in body["series"]] == [
        ("2008/09", 53.0),
        ("2009/10", 54.9),
        ("2010/11", 57.2),
    ]
    last = body["series"][-1]
    assert (last["ci_low"], last["ci_high"], last["england"], last["neighbours"]) == (
        55.9,
        58.5,
        58.2,
        56.0,
    )
    groups = {b["group"]: b for b in body["breakdowns"]}
    assert groups["Female"]["value"] == 60.1
    looked_after = groups["Looked after"]
    assert (looked_after["value"], looked_after["numerator"], looked_after["suppressed"]) == (
        None,
        None,
        True,
    )
    assert body["commentary"]["story"] == COMMENTARY
    assert body["commentary"]["what_works"] == "Peer tutoring."
    assert body["commentary"]["period"] == "2010/11"
    assert body["assessment"]["status"] == "met"
    assert body["targets"]["final_target"] == 56.0
    assert body["lineage"] == {
        "definition": "ni075",
        "definition_version": "1",
        "run_started": "2011-09-01T09:30:00",
        "batches": [{"return": "attainment", "period": "2010/11", "content_hash": "0123456789ab"}],
    }
    assert get(client, "/api/indicators/NI087")["lineage"] is None
    assert get(client, "/api/indicators/FSS")["assessment"] is None  # not yet established
    assert body["publication"]["id"] == published.publication_id


@pytest.mark.parametrize("key", ["NI075:fsm_gap", "ni075:FSM_GAP", "ni075-fsm-gap"])
def test_an_indicator_by_key_any_case_or_slug(client: Client, published: Any, key: str) -> None:
    body = get(client, f"/api/indicators/{key}")
    assert body["key"] == "NI075:fsm_gap"
    assert body["gap_of"] == "fsm_gap"
    assert body["commentary"] is None


def test_series_csv_marks_suppressed_values_c(client: Client, published: PublishResult) -> None:
    response = client.get("/api/indicators/NI087/series.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["period"], r["value"], r["target"]) for r in rows] == [
        ("2008/09", "", "5.5"),
        ("2009/10", "5.0", "5.0"),
        ("2010/11", "c", "4.5"),
    ]


def test_outcome(client: Client, published: PublishResult) -> None:
    body = get(client, "/api/outcomes/enjoy-and-achieve")
    assert body["title"] == "Enjoy and achieve"
    keys = [i["key"] for i in body["indicators"]]
    assert "NI075" in keys
    assert "NI075:fsm_gap" not in keys  # gaps are under the indicator, not the outcome
    assert "raising-attainment" in body["priorities"]
    counts = body["scorecard"]
    assert (
        counts["total"]
        == counts["met"] + counts["on_track"] + counts["off_track"] + counts["not_assessed"]
    )


def test_priority_with_approved_consultations_only(client: Client, published: Any) -> None:
    common = {
        "you_said": "More help before exams.",
        "we_did": "Revision clubs in every secondary school.",
        "number_consulted": 40,
        "age_group": "11 to 15",
        "priorities": ["raising-attainment"],
    }
    Consultation.objects.create(
        title="Exams", consulted_on="2010-11-01", state=State.APPROVED, **common
    )
    Consultation.objects.create(
        title="Draft only", consulted_on="2010-12-01", state=State.DRAFT, **common
    )
    body = get(client, "/api/priorities/raising-attainment")
    assert [c["title"] for c in body["consultations"]] == ["Exams"]
    assert [m["indicators"] for m in body["measures"]][:2] == [["NI075"], ["NI097"]]
    assert body["measures"][0]["group"] == "laa"
    assert [a["id"] for a in body["actions"]] == ["key-stage-4-improvement-programme"]
    assert [i["key"] for i in body["indicators"]] == [
        "NI075",
        "NI097",
        "NI098",
        "NI101",
        "NI102KS2",
        "NI102KS4",
        "NI105",
    ]
    assert get(client, "/api/priorities/emotional-health")["consultations"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/outcomes/no-such-outcome",
        "/api/priorities/no-such-priority",
        "/api/indicators/NI999",
        "/api/indicators/NI999/series.csv",
        "/api/no/such/endpoint",
        "/api/plan/",
    ],
)
def test_unknown_things_are_json_404s(client: Client, published: Any, path: str) -> None:
    body = get(client, path, 404)
    assert body["error"] == "not_found"
    assert body["detail"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_is_allowed(client: Client, published: Any, method: str) -> None:
    response = getattr(client, method)("/api/indicators/NI075")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"] == "method_not_allowed"


def test_a_post_is_405_even_with_csrf_checks_on(published: Any) -> None:
    response = Client(enforce_csrf_checks=True).post("/api/plan", {"a": "b"})
    assert response.status_code == 405


def test_history_and_only_the_current_publication(client: Client, published: Any) -> None:
    again = publish_sample()
    assert again.created is False  # the same content: nothing new
    newer = publish_sample(commentary="A newer account of NI 75.")
    body = get(client, "/api/publications")
    rows = [(p["id"], p["current"]) for p in body["publications"]]
    assert rows == [(newer.publication_id, True), (published.publication_id, False)]
    assert get(client, "/api/indicators/NI075")["commentary"]["story"] == (
        "A newer account of NI 75."
    )
    assert get(client, "/api/")["publication"]["id"] == newer.publication_id
