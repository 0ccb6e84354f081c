"""The public pages: every page renders with the basics of valid, accessible HTML, shows the
published values (``c`` for a suppressed one, with why), and nothing unapproved."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime

import pytest
from django.test import Client
from django.utils import timezone

from cypp.web.publish import PublishResult
from cypp.web.published.models import PublishedIndicator
from cypp.web.workspace.inputs import report_workspace
from cypp.web.workspace.models import Commentary, Consultation, State
from tests.web.public.conftest import make_report, publish
from tests.web.public.html_check import Page

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/outcomes/be-healthy/",
    "/priorities/emotional-health/",
    "/indicators/",
    "/indicators/ni050/",
    "/indicators/ni075/",
    "/indicators/ni112/",
    "/indicators/fss/",
    "/indicators/ni075-fsm-gap/",
    "/how-are-we-doing/",
    "/you-said-we-did/",
    "/search/?q=health",
    "/about/",
]
C_WORDS = "fewer than 6 children, hidden to protect their privacy"


def get(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_every_page_has_the_basics(client: Client, published: PublishResult, url: str) -> None:
    html = get(client, url)
    page = Page(html)
    assert re.match(r'<!DOCTYPE html>\s*<html lang="en-GB"', html)
    h1s = page.text_of("h1")
    assert len(h1s) == 1, h1s
    (title,) = page.text_of("title")
    assert h1s[0].rstrip("?") in title and title.endswith("Children and Young People's Plan")
    skip = page.all("a")[0]
    assert skip.attrs["href"] == "#main-content" and "Skip to main content" in skip.text
    (main,) = page.all("main")
    assert main.attrs["id"] == "main-content"
    assert len(page.all("header")) == 1 and len(page.all("footer")) == 1
    assert page.all("nav")
    footer = page.text_of("footer")[0]
    assert "Data sources" in footer and "Pupil survey (TellUs-style)" in footer
    assert "Open Government Licence v3.0" in footer
    # the Content Security Policy allows no inline style or script
    assert not re.search(r"\sstyle=", html) and "<style" not in html
    assert all(s.attrs.get("src") for s in page.all("script"))
    assert all(s.attrs.get("type") == "module" for s in page.all("script"))
    # a status is never colour alone: every tag has words
    assert all(t.text.strip() for t in page.elements if "govuk-tag" in t.attrs.get("class", ""))
    # every table scrolls inside a focusable, labelled region, never the page
    for table in page.all("table"):
        assert "cypp-table-wrapper" in table.attrs["_classes"]
    for region in (e for e in page.elements if "cypp-table-wrapper" in e.attrs.get("class", "")):
        assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0"
        assert region.attrs["aria-label"]


def test_home_shows_the_vision_outcomes_and_priorities(
    client: Client, published: PublishResult
) -> None:
    page = Page(get(client, "/"))
    text = " ".join(page.text_of("main"))
    assert "Voice, choice, safety and fulfilment" in text
    h3 = page.text_of("h3")
    for title in ("Be healthy", "Enjoy and achieve", "Achieve economic well-being"):
        assert title in h3
    assert "Improve emotional health and well-being of children and young people" in h3
    # emotional health: NI 50 met, NI 112 off track
    card = next(e for e in page.all("div") if "cypp-card" in e.attrs.get("class", ""))
    assert re.sub(r"\s+", " ", card.text).count("1 Target met") == 1
    assert "1 Off track" in re.sub(r"\s+", " ", card.text)


def test_an_indicator_page_shows_the_published_figures(
    client: Client, published: PublishResult
) -> None:
    html = get(client, "/indicators/ni050/")
    text = re.sub(r"\s+", " ", " ".join(Page(html).text_of("main")))
    assert "70.0% in 2009/10" in text
    assert "95% confidence interval 66.0% to 74.0%" in text
    assert "Target met" in text and "65.0%" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    stored = PublishedIndicator.objects.get(key="NI050")
    assert stored.chart_description in text
    rows = Page(html).text_of("tr")
    assert "2008/09 64.5 61.5 67.5 –" in rows
    assert "Girls 72.0% 66.0% to 78.0%" in rows
    assert "No commentary yet." in text
    assert "Surveyed pupils reporting good relationships" in text


def test_a_suppressed_figure_is_c_with_its_explanation(
    client: Client, published: PublishResult
) -> None:
    html = get(client, "/indicators/ni075/")
    abbr = f'<abbr class="cypp-c" title="Suppressed: {C_WORDS}">c</abbr>'
    assert html.count(abbr) >= 2  # the latest figure and the table's 2009/10 row
    assert f"c</abbr>: {C_WORDS}." in html
    text = re.sub(r"\s+", " ", " ".join(Page(html).text_of("main")))
    assert "England 54.0%" in text
    # a suppressed group of a breakdown too
    assert abbr in get(client, "/indicators/ni050/")


def test_statuses_are_in_words(client: Client, published: PublishResult) -> None:
    page = Page(get(client, "/indicators/"))
    tags = {
        re.sub(r"\s+", " ", e.text).strip(): e.attrs["class"]
        for e in page.elements
        if "govuk-tag" in e.attrs.get("class", "")
    }
    assert tags["Target met"].endswith("govuk-tag--green")
    assert tags["Off track"].endswith("govuk-tag--red")
    assert tags["Not assessed"].endswith("govuk-tag--grey")
    assert tags["Not yet established"].endswith("govuk-tag--purple")


def test_a_measure_not_yet_established_says_what_the_plan_says(
    client: Client, published: PublishResult
) -> None:
    text = " ".join(Page(get(client, "/indicators/fss/")).text_of("main"))
    assert "Not yet established" in text
    assert "Measures will be established through the Family Support Strategy" in text


def test_downloads_equal_the_published_figures(client: Client, published: PublishResult) -> None:
    for key, slug in (("NI050", "ni050"), ("NI075", "ni075")):
        stored = PublishedIndicator.objects.get(key=key)
        response = client.get(f"/indicators/{slug}.csv")
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.content.decode())))
        assert [r["period"] for r in rows] == [p["period"] for p in stored.series]
        for row, point in zip(rows, stored.series, strict=True):
            expected = (
                "c"
                if point["suppressed"]
                else ("" if point["value"] is None else str(point["value"]))
            )
            assert row["value"] == expected
            assert row["area_code"] == "E10000018"
        body = json.loads(client.get(f"/indicators/{slug}.json").content)
        assert body["series"] == stored.series and body["indicator"] == key
    ni075 = list(csv.DictReader(io.StringIO(client.get("/indicators/ni075.csv").content.decode())))
    assert [(r["period"], r["value"], r["suppressed"]) for r in ni075] == [
        ("2008/09", "50.0", "false"),
        ("2009/10", "c", "true"),
    ]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("emotional health", "NI 50: Emotional health of children"),
        ("conception", "NI 112: Under 18 conception rate"),
        (
            "GCSE english",
            "NI 75: Achievement of 5 or more A*-C grades at GCSE or equivalent "
            "including English and Maths",
        ),
        ("family support strategy", "Family Support: Family Support Strategy measures"),
        ("enjoy", "Enjoy and achieve"),
    ],
)
def test_search_finds_by_words_of_the_title(
    client: Client, published: PublishResult, query: str, first: str
) -> None:
    page = Page(get(client, f"/search/?q={query}"))
    results = [e for e in page.elements if "cypp-results__item" in e.attrs.get("class", "")]
    assert results, query
    titles = [a.text.strip() for a in page.all("a") if "cypp-results__item" in a.attrs["_classes"]]
    assert titles[0] == first


def test_search_with_no_match_says_so(client: Client, published: PublishResult) -> None:
    text = " ".join(Page(get(client, "/search/?q=zebra+crossing")).text_of("main"))
    assert "0 results for ‘zebra crossing’" in text


def test_the_young_peoples_page_is_plain(client: Client, published: PublishResult) -> None:
    page = Page(get(client, "/how-are-we-doing/"))
    text = re.sub(r"\s+", " ", " ".join(page.text_of("main")))
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]
    lengths = [len(s.split()) for s in sentences]
    assert sum(lengths) / len(lengths) <= 20, sentences
    assert max(lengths) <= 30, max(zip(lengths, sentences, strict=True))
    assert not re.search(r"\bNI ?\d|\bLAA\b|Key Stage|KS[234]\b|percentage points", text)
    # emotional health: NI 50 met, NI 112 off track, in everyday words
    assert "Feeling good and staying healthy" in text
    assert "We check 2 things. 1 has reached the goal. 1 needs more work." in text
    assert "Girls under 18 who become pregnant. Needs more work" in text


def test_only_approved_commentary_appears(client: Client, db: None) -> None:
    Commentary.objects.create(
        indicator="NI050",
        period="2009/10",
        story="Drop-in centres opened in every district.",
        state=State.APPROVED,
        approved_at=timezone.make_aware(datetime(2010, 10, 4, 9, 0)),
    )
    Commentary.objects.create(
        indicator="NI112", period="2009", story="A draft nobody approved.", state=State.DRAFT
    )
    Commentary.objects.create(
        indicator="NI075",
        period="2009/10",
        story="Returned for more work.",
        state=State.RETURNED,
    )
    publish(make_report(workspace=report_workspace()))
    assert "Drop-in centres opened in every district." in get(client, "/indicators/ni050/")
    assert "Approved 4 October 2010" in get(client, "/indicators/ni050/")
    for slug, words in (("ni112", "A draft nobody approved."), ("ni075", "Returned for more")):
        html = get(client, f"/indicators/{slug}/")
        assert words not in html and "No commentary yet." in html


def test_you_said_we_did_shows_approved_consultations_only(
    client: Client, published: PublishResult
) -> None:
    common = {"consulted_on": date(2010, 6, 1), "number_consulted": 40, "age_group": "11 to 15"}
    Consultation.objects.create(
        title="Somewhere to talk",
        you_said="We want someone to talk to at school.",
        we_did="Counsellors now visit every secondary school.",
        priorities=["emotional-health"],
        state=State.APPROVED,
        **common,
    )
    Consultation.objects.create(
        title="Not yet approved",
        you_said="Draft words.",
        we_did="Draft words.",
        priorities=["emotional-health"],
        state=State.DRAFT,
        **common,
    )
    for url in ("/you-said-we-did/", "/priorities/emotional-health/"):
        html = get(client, url)
        assert "We want someone to talk to at school." in html
        assert "Counsellors now visit every secondary school." in html
        assert "Not yet approved" not in html and "Draft words." not in html
    assert "40 young people aged 11 to 15" in get(client, "/you-said-we-did/")


def test_before_anything_is_published(client: Client, db: None) -> None:
    page = Page(get(client, "/"))
    assert page.text_of("h1") == ["Nothing published yet"]
    get(client, "/indicators/ni050/", status=404)
    get(client, "/indicators/ni050.csv", status=404)


def test_an_unknown_page_is_404(client: Client, published: PublishResult) -> None:
    get(client, "/indicators/no-such-thing/", status=404)
    get(client, "/priorities/no-such-thing/", status=404)
    get(client, "/outcomes/no-such-thing/", status=404)


def test_the_priority_page(client: Client, published: PublishResult) -> None:
    page = Page(get(client, "/priorities/emotional-health/"))
    text = re.sub(r"\s+", " ", " ".join(page.text_of("main")))
    assert "Good emotional health helps children to learn and to make friends." in text
    assert "Train staff in schools" in text
    assert "Local Area Agreement 2008-2011 indicators" in text
    assert "NI 50: Emotional health 70.0% in 2009/10, target 65.0% Target met" in text
    assert "NI 112: Under-18 conceptions 45.0 in 2009, target 41.8 Off track" in text
    rows = page.text_of("tr")
    assert any(
        r.startswith("Creating an Emotional Health and Well-being Strategy")
        and "31 March 2009: Strategy agreed (done)" in r
        and r.endswith("In progress")
        for r in rows
    ), rows


def test_the_seed_plan_reads_plainly_for_young_people(client: Client, db: None) -> None:
    """Every priority and measure of the seed plan has plain words, and the page they make
    keeps to short sentences."""
    from cypp.assess.assess_plan import Place
    from cypp.plan.validate import load_plan
    from cypp.report.content import build_report
    from cypp.web.public.plain import INDICATORS, PRIORITIES
    from tests.conftest import ROOT

    plan = load_plan(ROOT / "plans" / "demo")
    assert {p.id for p in plan.priorities} <= set(PRIORITIES)
    assert {i.code for i in plan.indicators} <= set(INDICATORS)
    report = build_report(plan, {}, Place("E10000018", "Leicestershire", "E12000004", ()))
    publish(report)
    text = re.sub(r"\s+", " ", " ".join(Page(get(client, "/how-are-we-doing/")).text_of("main")))
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", text) if s.strip()]
    lengths = [len(s.split()) for s in sentences]
    assert sum(lengths) / len(lengths) <= 15, sum(lengths) / len(lengths)
    assert not re.search(r"\bNI ?\d|\bLAA\b|Key Stage|KS[234]\b|percentage points", text)
    assert "Children in care who miss school. We cannot tell yet" in text
