"""Requests per minute per client address, counted in Django's cache.

The limit is the Django setting ``CYPP_API_RATE_LIMIT`` (requests per minute; 0 turns it off).
A client over the limit gets 429 with ``Retry-After``: the seconds until the current minute
ends, when its count starts again. The count lives in the default cache: per process with the
local-memory cache, shared between gunicorn workers with a shared cache (Redis, memcached,
database). The client is ``REMOTE_ADDR``; behind a reverse proxy that is the proxy, so the
proxy should set its own limit or pass the client's address as ``REMOTE_ADDR``.
"""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

DEFAULT_PER_MINUTE = 120
WINDOW = 60  # seconds


def limit() -> int:
    """The setting's limit per minute; 0 (or less) when rate limiting is off."""
    return int(getattr(settings, "CYPP_API_RATE_LIMIT", DEFAULT_PER_MINUTE) or 0)


def retry_after(request: HttpRequest, now: float | None = None) -> int | None:
    """Count this request; return seconds to wait when the client is over the limit, else None."""
    per_minute = limit()
    if per_minute <= 0:
        return None
    now = time.time() if now is None else now
    window = int(now // WINDOW)
    client = request.META.get("REMOTE_ADDR") or "unknown"
    key = f"cypp-api-rate:{client}:{window}"
    cache.add(key, 0, timeout=WINDOW + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW + 5)
        count = 1
    if count <= per_minute:
        return None
    return max(1, math.ceil((window + 1) * WINDOW - now))
