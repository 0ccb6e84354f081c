"""Publishing: the board report's content stored once, history kept, aggregates only."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cypp.assess.series import Figure
from cypp.settings import load_settings
from cypp.web.publish import ALREADY_PUBLISHED, PUBLISHED, PublishResult, publish, slug_of
from cypp.web.published.models import Publication, PublishedIndicator
from cypp.web.workspace.inputs import report_workspace
from cypp.web.workspace.models import (
    AuditEntry,
    Commentary,
    EstablishedMeasure,
    ReportedValue,
    ReportingRound,
    RoundState,
    State,
)
from tests.web.public.conftest import LEICS, PLAN, figures, make_report
from tests.web.public.conftest import publish as publish_fixture

pytestmark = pytest.mark.django_db


def test_the_report_is_stored_with_its_values(published: PublishResult) -> None:
    assert published.created and published.message == PUBLISHED
    pub = Publication.objects.get()
    assert pub.is_current and pub.area_code == LEICS and pub.published_by == "cli:test"
    assert pub.plan["vision"]["statement"] == "Voice, choice, safety and fulfilment"
    keys = list(pub.indicators.values_list("key", flat=True))
    assert keys == ["NI050", "NI112", "NI075", "FSS", "NI075:fsm_gap"]
    ni050 = pub.indicators.get(key="NI050")
    assert [(p["period"], p["value"]) for p in ni050.series] == [
        ("2007/08", 62.0),
        ("2008/09", 64.5),
        ("2009/10", 70.0),
    ]
    assert (ni050.period, ni050.pile, ni050.assessment["target"]) == ("2009/10", "met", 65.0)
    assert ni050.chart_svg.startswith("<svg") and "70.0%" in ni050.chart_description
    assert ni050.breakdowns[0]["group"] == "F" and ni050.breakdowns[0]["value"] == 72.0
    assert pub.indicators.get(key="NI112").pile == "off track"
    assert pub.indicators.get(key="NI075").series[-1]["suppressed"] is True
    assert pub.indicators.get(key="NI075:fsm_gap").slug == "ni075-fsm-gap"
    cards = {c["id"]: c["counts"] for c in pub.scorecards["priorities"]}
    assert cards["emotional-health"] == {"met": 1, "on track": 0, "off track": 1, "not assessed": 0}


def test_publishing_the_same_content_twice_is_one_publication(
    published: PublishResult,
) -> None:
    again = publish_fixture(make_report(), user="someone else")
    assert (again.created, again.message) == (False, ALREADY_PUBLISHED)
    assert again.publication_id == published.publication_id
    assert Publication.objects.count() == 1
    assert PublishedIndicator.objects.count() == 5
    assert AuditEntry.objects.filter(action="publish").count() == 1


def test_a_change_makes_a_new_current_publication_and_keeps_the_old(
    published: PublishResult,
) -> None:
    changed = figures()
    changed["NI050"][LEICS]["2009/10"] = Figure(LEICS, "2009/10", 71.0, 67.0, 75.0)
    second = publish_fixture(make_report(changed))
    assert second.created and second.superseded == published.publication_id
    old, new = (
        Publication.objects.get(pk=i) for i in (published.publication_id, second.publication_id)
    )
    assert (old.is_current, new.is_current) == (False, True)
    assert Publication.objects.current() == new
    assert old.indicators.get(key="NI050").series[-1]["value"] == 70.0
    assert new.indicators.get(key="NI050").series[-1]["value"] == 71.0
    entry = AuditEntry.objects.filter(action="publish").latest("at")
    assert entry.before is not None and entry.before["publication"] == old.pk
    assert entry.after is not None and entry.after["publication"] == new.pk


def test_only_approved_commentary_is_published(db: None) -> None:
    approved_at = timezone.make_aware(datetime(2010, 10, 4, 9, 0))
    Commentary.objects.create(
        indicator="NI050",
        period="2009/10",
        story="Drop-in centres opened in every district.",
        what_works="Peer mentors.",
        state=State.APPROVED,
        approved_at=approved_at,
    )
    Commentary.objects.create(
        indicator="NI112", period="2009", story="A draft nobody approved.", state=State.DRAFT
    )
    Commentary.objects.create(
        indicator="NI075",
        period="2009/10",
        story="Returned for more work.",
        state=State.RETURNED,
        return_reason="Say what changed.",
    )
    publish_fixture(make_report(workspace=report_workspace()))
    stored = {i.key: i.commentary for i in PublishedIndicator.objects.all()}
    assert stored["NI050"]["story"] == "Drop-in centres opened in every district."
    assert stored["NI050"]["approved_on"] == "2010-10-04"
    assert stored["NI112"] == {} and stored["NI075"] == {}
    # publishing moved the approved commentary on to "published"
    assert Commentary.objects.get(indicator="NI050").state == State.PUBLISHED
    assert Commentary.objects.get(indicator="NI112").state == State.DRAFT


def test_publishing_a_period_marks_its_round_published_and_is_audited(db: None) -> None:
    ReportingRound.objects.create(period="2009/10", deadline="2010-09-30", state=RoundState.OPEN)
    result = publish_fixture(make_report(period="2009/10"))
    assert result.period == "2009/10"
    assert ReportingRound.objects.get(period="2009/10").state == RoundState.PUBLISHED
    entry = AuditEntry.objects.get(action="publish")
    assert (entry.obj_type, entry.obj_id) == ("publication", str(result.publication_id))
    assert entry.before is None and entry.after is not None
    assert entry.after["period"] == "2009/10" and entry.after["indicators"] == 5


def test_publish_from_the_settings_merges_the_workspace(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``publish`` builds the report as ``cypp report`` does (empty warehouse here), with the
    workspace's reported values and established measures merged in."""
    monkeypatch.setenv("CYPP_PLAN", str(PLAN))
    monkeypatch.setenv("CYPP_WAREHOUSE", str(tmp_path / "none.duckdb"))
    ReportedValue.objects.create(indicator="NI112", area=LEICS, period="2008", value=41.0)
    ReportedValue.objects.create(indicator="NI112", area=LEICS, period="2009", value=45.0)
    EstablishedMeasure.objects.create(
        code="FSS-CC",
        parent="FSS",
        title="Families reached by Children's Centres",
        source_note="Children's Centre records",
        definition="Families with a child under 5 seen.",
        unit="%",
        polarity="high",
        period_type="financial year",
        baseline_period="2009-10",
        baseline_value=48.0,
    )
    result = publish(PLAN, load_settings(tmp_path), user="cli:test")
    pub = Publication.objects.get(pk=result.publication_id)
    ni112 = pub.indicators.get(key="NI112")
    assert [(p["period"], p["value"]) for p in ni112.series if p["value"] is not None] == [
        ("2008", 41.0),
        ("2009", 45.0),
    ]
    assert ni112.pile == "off track"
    # no warehouse, nothing computed: the series holds only the target's period
    assert [(p["period"], p["value"]) for p in pub.indicators.get(key="NI050").series] == [
        ("2009/10", None)
    ]
    fss_cc = pub.indicators.get(key="FSS-CC")
    assert fss_cc.series[0]["value"] == 48.0 and fss_cc.priority_ids == ["supporting-parents"]
    parents = next(p for p in pub.plan["priorities"] if p["id"] == "supporting-parents")
    assert parents["indicators"] == ["FSS", "FSS-CC"]


CHILD_KEYS = re.compile(r"child|pupil|upn|ccis|respondent|person|name_of|dob|birth|postcode", re.I)
UPN = re.compile(r"\b[A-Z]\d{11}[0-9A-Z]\b")


def _walk(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [(f"{path}.{k}", v) for k, v in value.items()] + [
            x for k, v in value.items() for x in _walk(v, f"{path}.{k}")
        ]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in _walk(v, f"{path}[{i}]")]
    return []


def test_nothing_child_level_is_stored(published: PublishResult) -> None:
    """Every JSON and text column of the publication: no key that names a child-level field,
    no value shaped like a pupil number, and every suppressed figure without its counts."""
    texts: list[str] = []
    for pub in Publication.objects.all():
        for name in ("sources", "plan", "scorecards"):
            data = getattr(pub, name)
            texts.append(json.dumps(data))
            bad = [p for p, _ in _walk(data) if CHILD_KEYS.search(p.rsplit(".", 1)[-1])]
            assert bad == [], bad
    for ind in PublishedIndicator.objects.all():
        for name in (
            "assessment",
            "series",
            "breakdowns",
            "data_rows",
            "targets",
            "commentary",
            "lineage",
            "chart_spec",
        ):
            data = getattr(ind, name)
            texts.append(json.dumps(data))
            bad = [p for p, _ in _walk(data) if CHILD_KEYS.search(p.rsplit(".", 1)[-1])]
            assert bad == [], (ind.key, name, bad)
        texts += [ind.chart_svg, ind.chart_description, ind.definition_text, ind.plan_says]
        for b in ind.breakdowns:
            assert set(b) == {
                "indicator",
                "period",
                "breakdown",
                "group",
                "value",
                "ci_low",
                "ci_high",
                "suppressed",
                "numerator",
                "denominator",
            }
            if b["suppressed"]:
                assert (b["value"], b["numerator"], b["denominator"]) == (None, None, None)
        for p in ind.series:
            if p["suppressed"]:
                assert (p["value"], p["ci_low"], p["ci_high"]) == (None, None, None)
    assert not [t for t in texts if UPN.search(t)]


def test_slugs() -> None:
    assert slug_of("NI075") == "ni075"
    assert slug_of("NI075:fsm_gap") == "ni075-fsm-gap"
    assert slug_of("LCLA-HEALTH") == "lcla-health"
