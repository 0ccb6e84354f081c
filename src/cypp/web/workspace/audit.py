"""Recording changes: one function every service calls, in the same transaction as the change.

An entry says who (the user, or "" for the command line), when, what (an action verb, the
kind and id of the object) and the object's state before and after as JSON. ``snapshot``
turns a model row into that JSON (foreign keys as ids, dates as ISO text).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils import timezone

from cypp.web.workspace.models import AuditEntry

Json = dict[str, Any] | None


def record(
    user: User | AnonymousUser | None,
    action: str,
    obj_type: str,
    obj_id: str | int,
    before: Json,
    after: Json,
) -> AuditEntry:
    """Append one entry to the audit log."""
    signed_in = user is not None and user.is_authenticated
    return AuditEntry.objects.create(
        at=timezone.now(),
        user_id=user.pk if signed_in and user is not None else None,
        username=user.get_username() if signed_in and user is not None else "",
        action=action,
        obj_type=obj_type,
        obj_id=str(obj_id),
        before=_jsonable(before),
        after=_jsonable(after),
    )


def snapshot(obj: models.Model, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The row's concrete fields as JSON-ready values (a foreign key as its id)."""
    found: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if f.name in exclude or f.primary_key:
            continue
        found[f.name] = _plain(getattr(obj, f.attname))
    return found


def _jsonable(data: Json) -> Json:
    return None if data is None else {k: _plain(v) for k, v in data.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
