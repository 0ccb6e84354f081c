"""Fixtures of the API tests: rate limiting off unless a test turns it on, and the sample
publication."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from cypp.web.publish import PublishResult
from tests.web.sample import publish_sample


@pytest.fixture(autouse=True)
def _no_rate_limit(settings: Any) -> None:
    settings.CYPP_API_RATE_LIMIT = 0
    cache.clear()


@pytest.fixture
def published(db: None) -> PublishResult:
    return publish_sample()
