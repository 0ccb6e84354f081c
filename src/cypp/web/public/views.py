"""The public site's pages: no login, published content only.

Every page reads the current publication (``cypp publish``); nothing here reads the
warehouse. Consultations ("you said, we did") are read from the workspace, approved ones only.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cypp.web.public import plain
from cypp.web.public.search import search as search_site
from cypp.web.public.site import (
    GROUP_WORDS,
    PILES,
    Site,
    current_site,
    indicator_or_404,
    pile_of,
    site_or_404,
)
from cypp.web.workspace.inputs import VoiceRecord, approved_consultations


def _page(request: HttpRequest, template: str, site: Site | None, **context: Any) -> HttpResponse:
    publication = site.publication if site is not None else None
    plan = site.plan if site is not None else {}
    context.update(
        site=site,
        publication=publication,
        plan=plan,
        threshold=publication.suppression_threshold if publication else 5,
        organisation=(plan.get("area", {}).get("name") if plan else None) or "cypp",
        service_name="Children and Young People's Plan",
        c_note=f"fewer than {(publication.suppression_threshold if publication else 5) + 1} "
        "children, hidden to protect their privacy",
    )
    return render(request, template, context)


def home(request: HttpRequest) -> HttpResponse:
    site = current_site()
    if site is None:
        return _page(request, "public/unpublished.html", None)
    cards = site.publication.scorecards
    totals = {pile: 0 for pile in PILES}
    for ind in site.plan_indicators():
        if ind.method != "not_yet_established":
            totals[ind.pile] = totals.get(ind.pile, 0) + 1
    return _page(
        request,
        "public/home.html",
        site,
        outcomes=site.outcomes(),
        priorities=site.priorities(),
        outcome_cards=cards.get("outcomes", []),
        totals=totals,
        piles=PILES,
    )


def outcome(request: HttpRequest, outcome_id: str) -> HttpResponse:
    site = site_or_404()
    o = site.outcome(outcome_id)
    indicators = [i for i in site.plan_indicators() if i.outcome_id == outcome_id]
    priorities = [p for p in site.priorities() if outcome_id in p["outcomes"]]
    return _page(
        request,
        "public/outcome.html",
        site,
        outcome=o,
        indicators=indicators,
        priorities=priorities,
        piles=PILES,
    )


def priority(request: HttpRequest, priority_id: str) -> HttpResponse:
    site = site_or_404()
    p = site.priority(priority_id)
    groups: list[dict[str, Any]] = []
    for m in p["measures"]:
        label = GROUP_WORDS.get(m["group"] or "", "Measures")
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "measures": []})
        groups[-1]["measures"].append({"text": m["text"], "indicators": site.of_keys(m["keys"])})
    outcomes = [o for o in site.outcomes() if o["id"] in p["outcomes"]]
    return _page(
        request,
        "public/priority.html",
        site,
        priority=p,
        groups=groups,
        indicators=site.of_keys(p["indicators"]),
        outcomes=outcomes,
        piles=PILES,
        consultations=_consultations(priority_id),
    )


def indicator(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_or_404()
    ind = indicator_or_404(site, slug)
    crumbs = [(reverse("public:indicators"), "All measures")]
    context: dict[str, Any] = {
        "crumbs": crumbs,
        "ind": ind,
        "pile": pile_of(ind),
        "priorities": site.priorities_of(ind),
        "outcome_title": site.outcome_title(ind.outcome_id),
    }
    if ind.method == "not_yet_established":
        return _page(request, "public/indicator_not_established.html", site, **context)
    a = ind.assessment
    latest = next((p for p in ind.series if p["period"] == ind.period), None)
    base = site.by_key.get(ind.key.split(":", 1)[0]) if ind.gap_of else None
    final: list[Any] = (ind.targets or {}).get("final_target") or []
    by_breakdown: dict[str, list[dict[str, Any]]] = {}
    for b in ind.breakdowns:
        by_breakdown.setdefault(b["breakdown"], []).append(b)
    context.update(
        a=a,
        latest=latest,
        base=base,
        gaps=site.gaps_of(ind.key) if not ind.gap_of else [],
        breakdowns=[(k, v) for k, v in by_breakdown.items() if k in SHORT_BREAKDOWNS],
        long_breakdowns=[(k, v) for k, v in by_breakdown.items() if k not in SHORT_BREAKDOWNS],
        status_note=_status_note(ind.status, ind.pile, a),
        direction=_direction(a, ind.series),
        columns=_columns(ind.data_rows),
        # a forecast says something only about a final target still ahead
        show_forecast=a.get("forecast") is not None and final[:1] != [ind.period],
    )
    return _page(request, "public/indicator.html", site, **context)


# shown as tables; the others (ethnic groups, districts, schools) fold away, being long
SHORT_BREAKDOWNS = ("gender", "fsm", "sen", "cla")


def _status_note(status: str, pile: str, a: dict[str, Any]) -> str:
    """Why a status is what it is, where the tag's words do not say it all."""
    if status == "not significantly different from target":
        return "Not significantly different from its target: the target is within the 95% interval."
    if pile == "not assessed" and a.get("status_reason"):
        return str(a["status_reason"]).capitalize() + "."
    return ""


def _direction(a: dict[str, Any], series: list[dict[str, Any]]) -> str:
    """ "Improving on the previous period; no significant change since 2006/07"."""
    now = a.get("direction") or "not assessed"
    if now == "no earlier period":
        return "No earlier figure to compare with"
    if now == "not assessed":
        return "Not assessed"
    text = f"{now.capitalize()} on the previous period"
    first = next((p["period"] for p in series if p["value"] is not None), None)
    since = a.get("direction_since_first")
    if first and since and since != "not assessed" and first != a.get("period"):
        text += f"; {since} since {first}"
    return text


COLUMNS = {
    "period": "Period",
    "value": "Value",
    "ci_low": "95% interval from",
    "ci_high": "95% interval to",
    "target": "Target",
    "England": "England",
    "region": "Region",
    "neighbours": "Statistical neighbours",
}


def _columns(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The data table's columns that hold something, in a fixed order (PostgreSQL's jsonb
    keeps no key order), with their headings."""
    keys = list(COLUMNS) + sorted({k for r in rows for k in r} - set(COLUMNS))
    shown = [k for k in keys if any(r.get(k) not in ("", None) for r in rows)]
    return [(k, COLUMNS.get(k, k.replace("_", " ").capitalize())) for k in shown]


def indicators(request: HttpRequest) -> HttpResponse:
    site = site_or_404()
    by_outcome = [
        (o, [i for i in site.plan_indicators() if i.outcome_id == o["id"]]) for o in site.outcomes()
    ]
    gaps = [i for i in site.indicators if i.gap_of]
    return _page(request, "public/indicators.html", site, by_outcome=by_outcome, gaps=gaps)


def young_people(request: HttpRequest) -> HttpResponse:
    site = site_or_404()
    sections = []
    for p in site.priorities():
        checks = [(i.key, i.short_title, pile_of(i)) for i in site.of_keys(p["indicators"])]
        sections.append(plain.plain_priority(p["id"], p["title"], checks))
    return _page(
        request,
        "public/young_people.html",
        site,
        intro=plain.INTRO,
        sections=sections,
        pile_plain=plain.PILE_PLAIN,
        key=[(pile, words, plain.PILE_MEANS[pile]) for pile, words in plain.PILE_PLAIN.items()],
    )


def you_said_we_did(request: HttpRequest) -> HttpResponse:
    site = current_site()
    titles = {p["id"]: p["title"] for p in site.priorities()} if site else {}
    records = [
        {"c": c, "priorities": [(pid, titles[pid]) for pid in c.priorities if pid in titles]}
        for c in _consultations(None)
    ]
    return _page(request, "public/you_said_we_did.html", site, records=records)


def _consultations(priority_id: str | None) -> list[VoiceRecord]:
    """Approved consultation records, newest first; those on ``priority_id`` when given."""
    found = approved_consultations()
    if priority_id is not None:
        found = [c for c in found if priority_id in c.priorities]
    return found


def search(request: HttpRequest) -> HttpResponse:
    site = site_or_404()
    query = request.GET.get("q", "").strip()[:200]
    results = search_site(site, query) if query else []
    return _page(request, "public/search.html", site, query=query, results=results)


def about(request: HttpRequest) -> HttpResponse:
    site = current_site()
    history = []
    if site is not None:
        from cypp.web.published.models import Publication

        history = list(
            Publication.objects.filter(
                plan_id=site.publication.plan_id, area_code=site.publication.area_code
            ).only("published_at", "period", "is_current", "published_by")[:20]
        )
    return _page(request, "public/about.html", site, history=history)
