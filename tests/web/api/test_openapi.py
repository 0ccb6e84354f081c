"""The OpenAPI document: valid OpenAPI 3.1, and it names every endpoint the URLs have."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern

from cypp.web.api import schemas, urls

pytestmark = pytest.mark.django_db


def test_served_as_openapi_3_1(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"] == "3.1.0"
    assert set(doc["components"]["schemas"]) >= {m.__name__ for m in schemas.RESPONSES}


def test_every_url_is_documented_and_every_documented_path_exists(client: Client) -> None:
    doc = client.get("/api/openapi.json").json()
    routes = {
        "/api/" + re.sub(r"<str:(\w+)>", r"{\1}", str(p.pattern))
        for p in urls.urlpatterns
        if isinstance(p, URLPattern) and p.name != "unknown"
    }
    assert routes == set(doc["paths"])
    for path, item in doc["paths"].items():
        assert set(item) == {"get"}, path  # read-only
        assert "429" in item["get"]["responses"], path
        if "{" in path:
            assert "404" in item["get"]["responses"], path


def test_suppressed_values_are_documented_as_nullable(client: Client) -> None:
    point = client.get("/api/openapi.json").json()["components"]["schemas"]["SeriesPoint"]
    assert {"type": "null"} in point["properties"]["value"]["anyOf"]
    assert point["properties"]["suppressed"]["type"] == "boolean"
