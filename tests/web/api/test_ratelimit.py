"""Rate limiting: requests per minute per client address, 429 with Retry-After past it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from cypp.web.api import ratelimit

pytestmark = pytest.mark.django_db


def test_the_request_past_the_limit_gets_429_with_retry_after(
    client: Client, settings: Any
) -> None:
    settings.CYPP_API_RATE_LIMIT = 3
    for _ in range(2):  # again if the clock's minute turned in between (a new count)
        cache.clear()
        minute = time.time() // 60
        codes = [client.get("/api/").status_code for _ in range(3)]
        refused = client.get("/api/publications")
        if time.time() // 60 == minute:
            break
    assert codes == [200, 200, 200]
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    body = refused.json()
    assert body["error"] == "rate_limited"
    assert "More than 3 requests a minute" in body["detail"]
    # another address has its own count
    assert client.get("/api/", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_off_when_the_setting_is_zero(client: Client, settings: Any) -> None:
    settings.CYPP_API_RATE_LIMIT = 0
    assert {client.get("/api/").status_code for _ in range(5)} == {200}


def test_the_count_starts_again_each_minute(settings: Any) -> None:
    settings.CYPP_API_RATE_LIMIT = 2
    request = RequestFactory().get("/api/", REMOTE_ADDR="10.0.0.9")
    # minute 1000 (60,000 s to 60,059.99 s): two allowed, the third waits to 60,060 s
    assert ratelimit.retry_after(request, now=60_000.0) is None
    assert ratelimit.retry_after(request, now=60_010.0) is None
    assert ratelimit.retry_after(request, now=60_015.5) == 45  # ceil(60,060 - 60,015.5)
    assert ratelimit.retry_after(request, now=60_059.9) == 1
    # the next minute
    assert ratelimit.retry_after(request, now=60_060.0) is None


def test_pages_outside_the_api_are_not_limited(client: Client, settings: Any) -> None:
    settings.CYPP_API_RATE_LIMIT = 1
    for _ in range(2):  # again if the clock's minute turned in between
        cache.clear()
        minute = time.time() // 60
        client.get("/api/")
        second = client.get("/api/").status_code
        page = Client(raise_request_exception=False).get("/no-such-page/").status_code
        if time.time() // 60 == minute:
            break
    assert second == 429
    assert page == 404
