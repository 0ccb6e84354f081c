"""Search over the current publication: indicators, priorities and outcomes.

A result matches when every word of the query appears in its words (title, label, code,
definition, narrative), case and accents aside. Matches in the title come first. The
publication is small (tens of items), so a scan is fast enough and needs no index.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from cypp.web.public.site import Site, pile_of

MAX_WORDS = 12


@dataclass(frozen=True)
class Result:
    kind: str  # "Indicator", "Priority", "Outcome"
    title: str
    url: str
    summary: str
    pile: str | None  # an indicator's status, for its tag
    score: int


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[a-z0-9*+]+", folded)


def search(site: Site, query: str) -> list[Result]:
    wanted = words(query)[:MAX_WORDS]
    if not wanted:
        return []
    found: list[Result] = []
    for kind, title, url, summary, body, pile in _items(site):
        title_words = set(words(title))
        body_words = title_words | set(words(body))
        if not all(_has(body_words, w) for w in wanted):
            continue
        score = sum(2 if _has(title_words, w) else 1 for w in wanted)
        found.append(Result(kind, title, url, summary, pile, score))
    order = {"Indicator": 0, "Priority": 1, "Outcome": 2}
    return sorted(found, key=lambda r: (-r.score, order[r.kind], r.title))


def _has(vocabulary: set[str], word: str) -> bool:
    """A whole word, or the start of one ("attend" finds "attendance")."""
    return word in vocabulary or (len(word) >= 3 and any(v.startswith(word) for v in vocabulary))


def _items(site: Site) -> list[tuple[str, str, str, str, str, str | None]]:
    items: list[tuple[str, str, str, str, str, str | None]] = []
    for ind in site.indicators:
        body = " ".join([ind.label, ind.key, ind.short_title, ind.definition_text, ind.plan_says])
        items.append(
            (
                "Indicator",
                f"{ind.label}: {ind.title}",
                reverse("public:indicator", args=[ind.slug]),
                ind.definition_text or ind.plan_says,
                body,
                pile_of(ind),
            )
        )
    for p in site.priorities():
        items.append(
            (
                "Priority",
                p["title"],
                reverse("public:priority", args=[p["id"]]),
                _first_text(p),
                " ".join(
                    [*p.get("wordings", []), *_narrative(p), *(m["text"] for m in p["measures"])]
                ),
                None,
            )
        )
    for o in site.outcomes():
        items.append(
            (
                "Outcome",
                o["title"],
                reverse("public:outcome", args=[o["id"]]),
                o["intro"],
                " ".join([o["intro"], *(w["text"] for w in o["workstreams"])]),
                None,
            )
        )
    return items


def _narrative(p: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for part in p.get("narrative", []):
        if "text" in part:
            out.append(part["text"])
        else:
            out += [part.get("intro", ""), *part.get("bullets", [])]
    return out


def _first_text(p: dict[str, Any]) -> str:
    return next((t for t in _narrative(p) if t), "")
