"""The OpenAPI 3.1 document of the API, served at /api/openapi.json.

The response schemas come from the pydantic models in ``schemas.py`` (the same models the
views answer with); the paths are listed here once, in ``OPERATIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic.json_schema import models_json_schema

from cypp.web.api import schemas

REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Operation:
    path: str  # OpenAPI template, e.g. /api/indicators/{key}
    name: str  # operationId; also the Django URL name
    summary: str
    response: type[schemas.Model] | str  # a model, or a media type for non-JSON answers
    needs_publication: bool = True  # 404 when nothing is published (and for unknown ids)


OPERATIONS: tuple[Operation, ...] = (
    Operation("/api/", "index", "The endpoints and the current publication", schemas.Index, False),
    Operation("/api/openapi.json", "openapi", "This document", "application/json", False),
    Operation("/api/plan", "plan", "The plan: vision, outcomes, key priorities", schemas.Plan),
    Operation("/api/outcomes/{id}", "outcome", "An outcome and its indicators", schemas.Outcome),
    Operation(
        "/api/priorities/{id}",
        "priority",
        "A key priority: narrative, measures, actions, indicators, young people's voice",
        schemas.Priority,
    ),
    Operation(
        "/api/indicators", "indicators", "Every indicator with its latest value", schemas.Indicators
    ),
    Operation(
        "/api/indicators/{key}",
        "indicator",
        "An indicator: assessment, series, breakdowns, definition, approved commentary",
        schemas.Indicator,
    ),
    Operation(
        "/api/indicators/{key}/series.csv",
        "indicator-series",
        "An indicator's series as CSV ('c' for a suppressed value)",
        "text/csv",
    ),
    Operation(
        "/api/publications",
        "publications",
        "Every publication, newest first",
        schemas.Publications,
        False,
    ),
)

PARAMETERS = {
    "id": "The outcome's or priority's id, as /api/plan lists it",
    "key": "The indicator's key (NI075, NI075:fsm_gap) or slug (ni075-fsm-gap)",
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="Error")}}},
    }


def _ok(response: type[schemas.Model] | str) -> dict[str, Any]:
    if isinstance(response, str):
        schema: dict[str, Any] = (
            {"type": "string"} if response == "text/csv" else {"type": "object"}
        )
        return {"description": "OK", "content": {response: {"schema": schema}}}
    return {
        "description": "OK",
        "content": {"application/json": {"schema": {"$ref": REF.format(model=response.__name__)}}},
    }


def _operation(op: Operation) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _ok(op.response)}
    if op.needs_publication or "{" in op.path:
        responses["404"] = _error("Nothing published yet, or no such item")
    responses["429"] = {
        **_error("Too many requests from this address: wait, then ask again"),
        "headers": {
            "Retry-After": {
                "description": "Seconds to wait before the next request",
                "schema": {"type": "integer", "minimum": 1},
            }
        },
    }
    body: dict[str, Any] = {"operationId": op.name, "summary": op.summary, "responses": responses}
    params = [p for p in PARAMETERS if "{" + p + "}" in op.path]
    if params:
        body["parameters"] = [
            {
                "name": p,
                "in": "path",
                "required": True,
                "description": PARAMETERS[p],
                "schema": {"type": "string"},
            }
            for p in params
        ]
    return {"get": body}


@cache
def document() -> dict[str, Any]:
    _, top = models_json_schema([(m, "serialization") for m in schemas.RESPONSES], ref_template=REF)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "cypp: the Children and Young People's Plan, published",
            "version": "1",
            "description": (
                "Read-only JSON for everything the public site shows: the plan, its outcomes "
                "and key priorities, every indicator with its assessment, series, breakdowns "
                "and approved commentary, and the history of publications. No login. Values "
                "are already through disclosure control: a suppressed value is null with "
                "suppressed: true. Errors are JSON: {error, detail}. Only GET (and HEAD); "
                "other methods answer 405."
            ),
            "license": {"name": "Open Government Licence v3.0", "identifier": "OGL-UK-3.0"},
        },
        "paths": {op.path: _operation(op) for op in OPERATIONS},
        "components": {"schemas": top.get("$defs", {})},
    }
