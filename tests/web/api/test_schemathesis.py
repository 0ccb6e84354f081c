"""Schemathesis against the API: the schema is loaded from /api/openapi.json as the Django app
serves it (WSGI, in process), then every operation is called with generated inputs and every
answer checked: no server error, status codes and content types documented, bodies that
conform to the response schemas, 405 with Allow for methods not documented.

Generation is bounded (a few examples per operation) to keep the file well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from cypp.web.publish import PublishResult

# Loaded at collection (serving the document needs no database). Not through
# ``schemathesis.pytest.from_fixture``: its lazy loader sets ``Node._nodeid``, which pytest 9.2
# no longer has.
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """Django closes the database connection at the end of each request it handles. Its test
    client stops that; the bare WSGI handler does not, and on PostgreSQL closing the
    connection would end the test's transaction (and its data) after the first request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_conforms(case: Any, published: PublishResult) -> None:
    case.call_and_validate()


@pytest.mark.django_db
def test_every_published_resource_conforms(published: PublishResult) -> None:
    """Generated ids rarely hit a real one, so every real outcome, priority and indicator of
    the sample publication is fetched and checked against the schema as well."""
    from cypp.web.published.models import PublishedIndicator

    plan = published_plan(published)
    cases = [("/api/outcomes/{id}", {"id": o["id"]}) for o in plan["outcomes"]] + [
        ("/api/priorities/{id}", {"id": p["id"]}) for p in plan["priorities"]
    ]
    for key in PublishedIndicator.objects.filter(
        publication_id=published.publication_id
    ).values_list("key", flat=True):
        cases += [
            ("/api/indicators/{key}", {"key": key}),
            ("/api/indicators/{key}/series.csv", {"key": key}),
        ]
    assert len(cases) == 5 + 6 + 2 * 26
    for path, params in cases:
        response = schema[path]["GET"].Case(path_parameters=params).call_and_validate()
        assert response.status_code == 200, (path, params)


def published_plan(published: PublishResult) -> Any:
    from cypp.web.published.models import Publication

    return Publication.objects.get(pk=published.publication_id).plan
