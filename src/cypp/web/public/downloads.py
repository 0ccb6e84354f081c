"""An indicator's published figures as CSV and JSON: the series exactly as published (full
precision, ``c`` for a suppressed value), with the area, the unit and the licence."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from cypp.exports import formula_safe
from cypp.web.public.site import indicator_or_404, site_or_404
from cypp.web.published.models import Publication, PublishedIndicator

LICENCE = "Open Government Licence v3.0"
COLUMNS = (
    "indicator",
    "label",
    "area_code",
    "area_name",
    "period",
    "value",
    "ci_low",
    "ci_high",
    "suppressed",
    "target",
    "england",
    "region",
    "statistical_neighbours",
    "unit",
)


def rows(pub: Publication, ind: PublishedIndicator) -> list[dict[str, Any]]:
    """One row per period of the series; a suppressed value is ``c``, never 0 or blank."""
    out = []
    for p in ind.series:
        hidden = bool(p["suppressed"])
        out.append(
            {
                "indicator": ind.key,
                "label": ind.label,
                "area_code": pub.area_code,
                "area_name": pub.area_name,
                "period": p["period"],
                "value": "c" if hidden else p["value"],
                "ci_low": "c" if hidden else p["ci_low"],
                "ci_high": "c" if hidden else p["ci_high"],
                "suppressed": hidden,
                "target": p["target"],
                "england": p["england"],
                "region": p["region"],
                "statistical_neighbours": p["neighbours"],
                "unit": ind.unit,
            }
        )
    return out


def indicator_csv(request: HttpRequest, slug: str) -> HttpResponse:
    site = site_or_404()
    ind = indicator_or_404(site, slug)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows(site.publication, ind):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ind.slug}.csv"'
    return response


def _cell(value: Any) -> Any:
    """Empty for no figure; booleans as words; text that a spreadsheet would run as a
    formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return formula_safe(value)


def indicator_json(request: HttpRequest, slug: str) -> JsonResponse:
    site = site_or_404()
    pub = site.publication
    ind = indicator_or_404(site, slug)
    body = {
        "indicator": ind.key,
        "label": ind.label,
        "title": ind.title,
        "unit": ind.unit,
        "polarity": ind.polarity,
        "area": {"code": pub.area_code, "name": pub.area_name},
        "period": ind.period or None,
        "status": ind.status,
        "published_at": pub.published_at.isoformat(),
        "illustrative_targets": pub.illustrative,
        "suppressed_symbol": "c",
        "licence": LICENCE,
        "series": ind.series,
        "breakdowns": ind.breakdowns,
    }
    response = JsonResponse(body, json_dumps_params={"indent": 1})
    response["Content-Disposition"] = f'inline; filename="{ind.slug}.json"'
    return response
