"""Sign-in throttling, kept in the database (``LoginFailure``) so that every server process
(gunicorn workers) and every machine behind a balancer share one count.

After ``LIMIT`` failed sign-ins within ``WINDOW`` for one username, or from one address,
sign-in for that username or from that address is refused for ``LOCKOUT`` after the failure
that reached the limit, even with the right password. Refused attempts are not counted, so a
lock cannot be prolonged by hammering it. A successful sign-in clears the username's failures.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from cypp.web.workspace.models import LoginFailure

LIMIT = 5
WINDOW = timedelta(minutes=15)
LOCKOUT = timedelta(minutes=15)


def locked_until(username: str, ip: str, now: datetime | None = None) -> datetime | None:
    """When sign-in opens again for this username or address, or None when it is open now."""
    now = now or timezone.now()
    ends = [_lock_end(LoginFailure.objects.filter(username=username.lower()), now)]
    if ip:
        ends.append(_lock_end(LoginFailure.objects.filter(ip=ip), now))
    found = [e for e in ends if e is not None]
    return max(found) if found else None


def _lock_end(failures: QuerySet[LoginFailure], now: datetime) -> datetime | None:
    times: list[datetime] = list(
        failures.filter(at__gt=now - WINDOW - LOCKOUT).order_by("at").values_list("at", flat=True)
    )
    end = None
    for i in range(LIMIT - 1, len(times)):
        if times[i] - times[i - LIMIT + 1] <= WINDOW and times[i] + LOCKOUT > now:
            end = times[i] + LOCKOUT
    return end


def failed(username: str, ip: str, now: datetime | None = None) -> None:
    LoginFailure.objects.create(username=username.lower(), ip=ip, at=now or timezone.now())


def succeeded(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()


def prune(now: datetime | None = None) -> int:
    """Forget failures too old to matter (``cypp staff remind`` calls it daily)."""
    now = now or timezone.now()
    deleted, _ = LoginFailure.objects.filter(at__lte=now - WINDOW - LOCKOUT).delete()
    return deleted
