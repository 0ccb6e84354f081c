"""The current publication as the public pages read it: the plan's outcomes and priorities
with their scorecards, and the indicators in plan order.

Only what ``cypp publish`` stored is read here, so the public site shows published values
only. The big chart columns are left out of listings and read for the indicator page alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.http import Http404

from cypp.web.published.models import Publication, PublishedIndicator

PILES = ("met", "on track", "off track", "not assessed")

# A status in words; the colour of its tag only repeats what the words say.
PILE_WORDS = {
    "met": "Target met",
    "on track": "On track",
    "off track": "Off track",
    "not assessed": "Not assessed",
    "not yet established": "Not yet established",
}
PILE_TAG = {
    "met": "govuk-tag--green",
    "on track": "govuk-tag--blue",
    "off track": "govuk-tag--red",
    "not assessed": "govuk-tag--grey",
    "not yet established": "govuk-tag--purple",
}
ACTION_TAG = {
    "complete": "govuk-tag--green",
    "in progress": "govuk-tag--blue",
    "at risk": "govuk-tag--orange",
    "not started": "govuk-tag--grey",
}
GROUP_WORDS = {"laa": "Local Area Agreement 2008-2011 indicators", "local": "Local indicators"}

LIGHT = ("chart_svg", "chart_spec", "data_rows", "lineage")


@dataclass
class Site:
    """The current publication, with its indicators keyed for the pages."""

    publication: Publication
    indicators: list[PublishedIndicator]
    by_key: dict[str, PublishedIndicator] = field(init=False)

    def __post_init__(self) -> None:
        self.by_key = {i.key: i for i in self.indicators}

    @property
    def plan(self) -> dict[str, Any]:
        plan: dict[str, Any] = self.publication.plan
        return plan

    def outcomes(self) -> list[dict[str, Any]]:
        return list(self.plan.get("outcomes", []))

    def priorities(self) -> list[dict[str, Any]]:
        return list(self.plan.get("priorities", []))

    def outcome(self, outcome_id: str) -> dict[str, Any]:
        for o in self.outcomes():
            if o["id"] == outcome_id:
                return o
        raise Http404(f"no outcome {outcome_id!r} in the current publication")

    def priority(self, priority_id: str) -> dict[str, Any]:
        for p in self.priorities():
            if p["id"] == priority_id:
                return p
        raise Http404(f"no priority {priority_id!r} in the current publication")

    def of_keys(self, keys: Iterable[str]) -> list[PublishedIndicator]:
        return [self.by_key[k] for k in keys if k in self.by_key]

    def plan_indicators(self) -> list[PublishedIndicator]:
        """The plan's own indicators, equity gaps aside."""
        return [i for i in self.indicators if not i.gap_of]

    def gaps_of(self, key: str) -> list[PublishedIndicator]:
        return [i for i in self.indicators if i.gap_of and i.key.startswith(key + ":")]

    def priorities_of(self, ind: PublishedIndicator) -> list[dict[str, Any]]:
        return [p for p in self.priorities() if p["id"] in ind.priority_ids]

    def outcome_title(self, outcome_id: str) -> str:
        return next((o["title"] for o in self.outcomes() if o["id"] == outcome_id), outcome_id)


# A publication never changes once stored (publishing again stores a new one), so each server
# process keeps the last one it read with its indicators: a page then costs one small query
# (which publication is current) instead of reading and decoding every indicator's JSON.
# Keyed by id, content hash and time, so that a database restored under it is noticed too.
_last_site: tuple[tuple[int, str, datetime], Site] | None = None


def current_site() -> Site | None:
    """The current publication, or None before anything is published."""
    global _last_site
    head = (
        Publication.objects.filter(is_current=True)
        .order_by("-published_at")
        .values_list("pk", "content_hash", "published_at")
        .first()
    )
    if head is None:
        return None
    last = _last_site
    if last is not None and last[0] == head:
        return last[1]
    publication = Publication.objects.get(pk=head[0])
    site = Site(publication, list(publication.indicators.defer(*LIGHT).order_by("order")))
    _last_site = (head, site)
    return site


def site_or_404() -> Site:
    site = current_site()
    if site is None:
        raise Http404("nothing is published yet")
    return site


def indicator_or_404(site: Site, slug: str) -> PublishedIndicator:
    found = site.publication.indicators.filter(slug=slug).first()
    if found is None:
        raise Http404(f"no indicator {slug!r} in the current publication")
    return found


def pile_of(ind: PublishedIndicator) -> str:
    """The pile a page shows: "not yet established" for a measure the plan left to set."""
    return "not yet established" if ind.method == "not_yet_established" else ind.pile


def counts_total(card: dict[str, Any] | None) -> int:
    return int(sum((card or {}).get("counts", {}).values()))
