"""The API's views: GET only, no login, JSON answers built from ``schemas`` models.

Every view goes through ``api_view``: rate limit, method check (405 with ``Allow``), errors as
JSON. The views are exempt from CSRF because they never change anything: a POST gets 405
rather than the CSRF failure page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from cypp.exports import formula_safe_row
from cypp.web.api import openapi, plan, ratelimit, read, schemas
from cypp.web.api.errors import (
    ALLOWED_METHODS,
    ApiError,
    error_response,
    method_not_allowed,
    unknown_path,
)
from cypp.web.published.models import Publication

View = Callable[..., HttpResponse]


def api_view(func: Callable[..., schemas.Model | HttpResponse]) -> View:
    @csrf_exempt
    @wraps(func)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = _answer(func, request, *args, **kwargs)
        # public, read-only data: any site may fetch it
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return view


def _answer(
    func: Callable[..., schemas.Model | HttpResponse],
    request: HttpRequest,
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    wait = ratelimit.retry_after(request)
    if wait is not None:
        refused = error_response(
            429,
            "rate_limited",
            f"More than {ratelimit.limit()} requests a minute from this address; "
            f"try again in {wait} s.",
        )
        refused["Retry-After"] = str(wait)
        return refused
    if request.method not in ALLOWED_METHODS:
        return method_not_allowed(request)
    try:
        result = func(request, *args, **kwargs)
    except ApiError as e:
        return error_response(e.status, e.error, e.detail)
    if isinstance(result, HttpResponse):
        return result
    return JsonResponse(
        result.model_dump(mode="json", by_alias=True), json_dumps_params={"ensure_ascii": False}
    )


ENDPOINTS = [schemas.Endpoint(path=op.path, description=op.summary) for op in openapi.OPERATIONS]


@api_view
def index(request: HttpRequest) -> schemas.Index:
    p = Publication.objects.current()
    return schemas.Index(
        title="cypp API",
        description="Read-only JSON for everything the public site shows.",
        publication=read.publication_summary(p) if p else None,
        endpoints=ENDPOINTS,
        openapi="/api/openapi.json",
    )


@api_view
def openapi_json(request: HttpRequest) -> HttpResponse:
    return JsonResponse(openapi.document(), json_dumps_params={"ensure_ascii": False})


@api_view
def plan_view(request: HttpRequest) -> schemas.Plan:
    return plan.plan(read.current())


@api_view
def outcome(request: HttpRequest, id: str) -> schemas.Outcome:
    return plan.outcome(read.current(), id)


@api_view
def priority(request: HttpRequest, id: str) -> schemas.Priority:
    return plan.priority(read.current(), id)


@api_view
def indicators(request: HttpRequest) -> schemas.Indicators:
    p = read.current()
    return schemas.Indicators(
        publication=read.publication_summary(p), indicators=read.summaries(read.indicators(p))
    )


@api_view
def indicator(request: HttpRequest, key: str) -> schemas.Indicator:
    p = read.current()
    return read.indicator(p, read.find_indicator(p, key))


SERIES_COLUMNS = (
    "indicator",
    "period",
    "value",
    "ci_low",
    "ci_high",
    "target",
    "england",
    "region",
    "neighbours",
)


@api_view
def indicator_series(request: HttpRequest, key: str) -> HttpResponse:
    p = read.current()
    ind = read.find_indicator(p, key)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SERIES_COLUMNS)
    for point in read.series(ind):
        row = point.model_dump()
        cells: list[object] = [ind.key, point.period]
        for name in SERIES_COLUMNS[2:]:
            value = row[name]
            # a suppressed value is 'c' (confidential), never blank or 0
            if name == "value" and point.suppressed:
                cells.append("c")
            else:
                cells.append("" if value is None else value)
        writer.writerow(formula_safe_row(cells))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ind.slug}.csv"'
    return response


@api_view
def publications(request: HttpRequest) -> schemas.Publications:
    return schemas.Publications(
        publications=[read.publication_summary(p) for p in Publication.objects.all()]
    )


@csrf_exempt
def unknown(request: HttpRequest) -> HttpResponse:
    """Any other path under /api/, whatever the method: a JSON 404."""
    response = unknown_path(request)
    response["Access-Control-Allow-Origin"] = "*"
    return response
