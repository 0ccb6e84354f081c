"""From the current publication to the API's models: only what the public may see.

Reads ``Publication`` and ``PublishedIndicator`` rows (what ``cypp publish`` copied out) and
the workspace's approved commentary and consultations. Suppression is enforced again here: a
point marked suppressed never carries a value, whatever was stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.urls import reverse

from cypp.web.api import schemas
from cypp.web.api.errors import ApiError, not_found
from cypp.web.published.models import Publication, PublishedIndicator


def current() -> Publication:
    publication = Publication.objects.current()
    if publication is None:
        raise ApiError(
            404,
            "nothing_published",
            "Nothing has been published yet: an analyst runs 'cypp publish' first.",
        )
    return publication


def publication_summary(p: Publication) -> schemas.PublicationSummary:
    return schemas.PublicationSummary(
        id=p.pk,
        plan_id=p.plan_id,
        plan_title=p.plan_title,
        area_code=p.area_code,
        area_name=p.area_name,
        period=p.period,
        as_at=p.as_at,
        published_at=p.published_at,
        current=p.is_current,
        illustrative=p.illustrative,
    )


def _links(name: str, *args: str, html: str | None = None) -> schemas.Links:
    links = {"self": reverse(f"api:{name}", args=args)}
    if html:
        links["html"] = html
    return links


def _html(name: str, *args: str) -> str | None:
    """The public page's URL, when the public site has that page."""
    from django.urls import NoReverseMatch

    try:
        return reverse(f"public:{name}", args=args)
    except NoReverseMatch:
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _latest(ind: PublishedIndicator) -> tuple[float | None, bool]:
    """The assessed figure: its value (None when suppressed) and whether it was suppressed."""
    suppressed = bool(ind.assessment.get("suppressed"))
    value = None if suppressed else _number(ind.assessment.get("value"))
    return value, suppressed


def indicator_summary(ind: PublishedIndicator) -> schemas.IndicatorSummary:
    value, suppressed = _latest(ind)
    links = _links("indicator", ind.key, html=_html("indicator", ind.slug))
    if ind.series:
        links["csv"] = reverse("api:indicator-series", args=[ind.key])
    return schemas.IndicatorSummary(
        key=ind.key,
        slug=ind.slug,
        label=ind.label,
        title=ind.title,
        unit=ind.unit,
        polarity=ind.polarity,
        method=ind.method,
        outcome_id=ind.outcome_id,
        priority_ids=[str(p) for p in ind.priority_ids],
        period=ind.period,
        value=value,
        suppressed=suppressed,
        status=ind.status,
        pile=ind.pile,
        direction=ind.direction,
        links=links,
    )


# Never in an answer of the API: the chart's SVG and specification and its data table.
HEAVY = ("chart_svg", "chart_spec", "data_rows")
# A publication never changes once stored, so each server process keeps the indicators of the
# last one it read (by id, content hash and time) rather than reading them for every request.
_last_indicators: tuple[tuple[int, str, datetime], list[PublishedIndicator]] | None = None


def indicators(p: Publication) -> list[PublishedIndicator]:
    global _last_indicators
    key = (p.pk, p.content_hash, p.published_at)
    last = _last_indicators
    if last is None or last[0] != key:
        last = (key, list(p.indicators.defer(*HEAVY).order_by("order")))
        _last_indicators = last
    return list(last[1])


def find_indicator(p: Publication, key: str) -> PublishedIndicator:
    """By key (``NI075``, ``NI075:fsm_gap``, any case) or by slug (``ni075-fsm-gap``)."""
    for ind in indicators(p):
        if key.casefold() in (ind.key.casefold(), ind.slug):
            return ind
    raise not_found(f"No published indicator {key!r}; GET /api/indicators lists them.")


def series(ind: PublishedIndicator) -> list[schemas.SeriesPoint]:
    points = []
    for row in ind.series:
        suppressed = bool(row.get("suppressed"))
        points.append(
            schemas.SeriesPoint(
                period=str(row.get("period", "")),
                value=None if suppressed else _number(row.get("value")),
                ci_low=None if suppressed else _number(row.get("ci_low")),
                ci_high=None if suppressed else _number(row.get("ci_high")),
                suppressed=suppressed,
                target=_number(row.get("target")),
                target_is_trajectory=bool(row.get("target_is_trajectory")),
                england=_number(row.get("england")),
                region=_number(row.get("region")),
                neighbours=_number(row.get("neighbours")),
            )
        )
    return points


def breakdowns(ind: PublishedIndicator) -> list[schemas.BreakdownValue]:
    groups = []
    for row in ind.breakdowns:
        suppressed = bool(row.get("suppressed"))
        hidden = suppressed  # a suppressed group shows neither its value nor its counts

        def figure(name: str, row: Mapping[str, Any] = row, hidden: bool = hidden) -> float | None:
            return None if hidden else _number(row.get(name))

        groups.append(
            schemas.BreakdownValue(
                period=str(row.get("period", ind.period)),
                breakdown=str(row.get("breakdown", "")),
                group=str(row.get("group", "")),
                value=figure("value"),
                ci_low=figure("ci_low"),
                ci_high=figure("ci_high"),
                suppressed=suppressed,
                numerator=figure("numerator"),
                denominator=figure("denominator"),
            )
        )
    return groups


def _assessment(ind: PublishedIndicator) -> schemas.Assessment | None:
    if not ind.assessment:
        return None
    known = {k: v for k, v in ind.assessment.items() if k in schemas.Assessment.model_fields}
    if known.get("suppressed"):
        for name in ("value", "ci_low", "ci_high"):
            known[name] = None
    return schemas.Assessment.model_validate(known)


def _lineage(ind: PublishedIndicator) -> schemas.Lineage | None:
    n = ind.lineage
    if not n:
        return None
    return schemas.Lineage(
        definition=str(n.get("definition", "")),
        definition_version=str(n.get("definition_version", "")),
        run_started=str(n["run_started"]) if n.get("run_started") else None,
        batches=[
            schemas.Batch.model_validate(
                {k: str(b.get(k) or "") for k in ("return", "period", "content_hash")}
            )
            for b in n.get("batches") or []
        ],
    )


def _targets(ind: PublishedIndicator) -> schemas.Targets:
    def pair(name: str) -> tuple[str | None, float | None]:
        found = ind.targets.get(name)
        if isinstance(found, list) and len(found) == 2:
            return str(found[0]), _number(found[1])
        return None, None

    (bp, b), (fp, f) = pair("baseline"), pair("final_target")
    return schemas.Targets(baseline_period=bp, baseline=b, final_target_period=fp, final_target=f)


def _commentary(ind: PublishedIndicator) -> schemas.Commentary | None:
    """The approved commentary published with the figure (publish only copies approved ones)."""
    c = ind.commentary
    if not c or not c.get("story"):
        return None
    approved = c.get("approved_on")
    return schemas.Commentary(
        period=ind.period,
        story=str(c["story"]),
        partners=str(c.get("partners") or ""),
        what_works=str(c.get("what_works") or ""),
        action_plan=str(c.get("action_plan") or ""),
        approved_on=date.fromisoformat(approved[:10]) if isinstance(approved, str) else None,
    )


def indicator(p: Publication, ind: PublishedIndicator) -> schemas.Indicator:
    return schemas.Indicator(
        **indicator_summary(ind).model_dump(),
        short_title=ind.short_title,
        gap_of=ind.gap_of,
        definition=ind.definition_text,
        plan_says=ind.plan_says,
        assessment=_assessment(ind),
        series=series(ind),
        breakdowns=breakdowns(ind),
        chart_description=ind.chart_description,
        targets=_targets(ind),
        lineage=_lineage(ind),
        commentary=_commentary(ind),
        publication=publication_summary(p),
    )


def summaries(inds: Iterable[PublishedIndicator]) -> list[schemas.IndicatorSummary]:
    return [indicator_summary(i) for i in inds]
