"""The seed plan as data: valid, complete against the seed text, with the agreed codes."""

from __future__ import annotations

import re

import pytest

from cypp.plan import load_plan, summary
from cypp.plan.export import export_plan
from cypp.plan.model import Method, Plan
from tests.conftest import FIXTURES, SEED_PLAN

CODES = [
    "NI050",
    "NI112",
    "NI115",
    "NI075",
    "NI097",
    "NI098",
    "NI101",
    "NI102KS2",
    "NI102KS4",
    "NI105",
    "NI063",
    "NI148",
    "LCLA-ABSENCE",
    "NI087",
    "NI110",
    "NI117",
    "NI117-NK",
    "HBR",
    "FSS",
    "NI062",
    "NI058",
    "LCLA-HEALTH",
    "LCLA-PARTICIPATION",
    "NI056",
    "NI019",
]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(SEED_PLAN)


def test_counts(plan: Plan) -> None:
    counts = summary(plan)
    assert (counts["outcomes"], counts["priorities"], counts["programmes"]) == (5, 6, 8)
    assert sorted(i.code for i in plan.indicators) == sorted(CODES)


def test_methods_and_no_invented_numbers(plan: Plan) -> None:
    assert plan.indicator("FSS").method is Method.NOT_YET_ESTABLISHED
    assert plan.indicator("NI056").method is Method.REPORTED
    assert plan.indicator("NI019").method is Method.REPORTED
    assert plan.indicator("NI112").method is Method.REPORTED
    assert plan.targets == ()  # the seed gives no baselines or targets


def test_priority_measures_grouped_as_the_plan_groups_them(plan: Plan) -> None:
    def grouped(pid: str, group: str) -> list[str]:
        p = next(p for p in plan.priorities if p.id == pid)
        return [c for m in p.measures if m.group and m.group.value == group for c in m.indicators]

    assert grouped("emotional-health", "laa") == ["NI050", "NI115", "NI112"]
    assert grouped("raising-attainment", "laa") == ["NI075", "NI097", "NI098", "NI101"]
    assert grouped("raising-attainment", "local") == ["NI102KS2", "NI102KS4", "NI105"]
    assert grouped("children-in-care", "laa") == ["NI101", "NI063"]
    assert grouped("children-in-care", "local") == ["NI148", "LCLA-ABSENCE"]
    assert grouped("attendance-and-engagement", "laa") == [
        "NI087",
        "NI110",
        "NI117",
        "NI117-NK",
        "NI112",
    ]
    assert [p.id for p in plan.priorities if p.laa_focus] == [
        "emotional-health",
        "raising-attainment",
        "children-in-care",
        "attendance-and-engagement",
    ]


def test_laa_flagged_workstreams_have_their_measures(plan: Plan) -> None:
    flagged = {w.id: w.indicators for _, w, _ in plan.all_workstreams() if w.flags}
    assert flagged == {
        "reduce-obesity": ("NI056",),
        "drugs-and-alcohol": ("NI115",),
        "reducing-re-offending": ("NI019",),
    }


def _norm(text: str) -> str:
    text = text.replace("\\*", "*").replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[\s.]+", " ", text).strip(" .:").lower()


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


@pytest.mark.parametrize(
    "chapter", ["chapter1-executive-summary.txt", "appendix2-key-priorities.txt"]
)
def test_every_seed_bullet_is_in_the_plan(plan: Plan, chapter: str) -> None:
    """Every bullet and sub-bullet of both seed chapters appears in the plan's data."""
    text = (FIXTURES / "seed" / chapter).read_text(encoding="utf-8")
    bullets = [m.group(1) for m in re.finditer(r"^\s*- (.+)$", text, flags=re.M)]
    assert len(bullets) > 20
    held = {_norm(s) for s in _strings(export_plan(plan))}
    flagged = {_norm(w.text) for _, w, _ in plan.all_workstreams() if w.flags}
    missing = []
    for bullet in bullets:
        # the plan's "(a ... Local Area Agreement 2008-2011 priority)" is held as a flag
        text, laa = re.subn(
            r"\s*\(a Leicestershire Local Area Agreement 2008-2011 priority\)", "", bullet
        )
        if _norm(text) not in (flagged if laa else held):
            missing.append(bullet)
    assert missing == []


def test_every_seed_heading_is_an_outcome_or_priority(plan: Plan) -> None:
    text = (FIXTURES / "seed" / "appendix2-key-priorities.txt").read_text(encoding="utf-8")
    headings = [_norm(h) for h in re.findall(r"^### (.+)$", text, flags=re.M)]
    assert headings == [_norm(p.title) for p in plan.priorities]
    ch1 = (FIXTURES / "seed" / "chapter1-executive-summary.txt").read_text(encoding="utf-8")
    ecm = [_norm(h) for h in re.findall(r"^## (.+)$", ch1, flags=re.M)][-5:]
    assert ecm == [_norm(o.title) for o in plan.outcomes]


def test_the_vision_is_the_childrens_words(plan: Plan) -> None:
    assert plan.plan.vision.statement == "Voice, choice, safety and fulfilment"
    assert plan.plan.area.ons_code == "E10000018" and plan.plan.area.la_number == "855"
