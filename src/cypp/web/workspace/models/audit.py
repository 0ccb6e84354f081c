"""The append-only audit log: rows are added, never changed or removed.

``save`` refuses an existing row, ``delete`` refuses always, and the queryset refuses bulk
``update`` and ``delete``. On PostgreSQL a trigger (migration 0002) also refuses UPDATE and
DELETE from any client; TRUNCATE stays possible for the test runner's flush.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class AuditImmutable(Exception):
    """Someone tried to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditImmutable("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditImmutable("audit entries cannot be deleted")


class AuditEntry(models.Model):
    at = models.DateTimeField(db_index=True)
    user_id = models.BigIntegerField(null=True, blank=True)  # no foreign key: outlives users
    username = models.CharField(max_length=150)  # "" for a command-line action
    action = models.CharField(max_length=60)
    obj_type = models.CharField(max_length=60, db_index=True)
    obj_id = models.CharField(max_length=200)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ("-at", "-id")
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or 'command line'} {self.action} {self.obj_type} {self.obj_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutable(f"audit entry {self.pk} cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditImmutable(f"audit entry {self.pk} cannot be deleted")
