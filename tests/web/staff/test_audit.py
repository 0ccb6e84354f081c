"""The audit log: append-only through the ORM (and through SQL on PostgreSQL), readable by
administrators only, with before and after as JSON."""

from __future__ import annotations

from datetime import date
from html import escape

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, connection, transaction
from django.test import Client

from cypp.web.workspace.audit import record
from cypp.web.workspace.models import AuditEntry, AuditImmutable
from tests.web.staff.conftest import signed_in


@pytest.fixture
def entry(staff: dict[str, User]) -> AuditEntry:
    return record(
        staff["analyst"],
        "enter value",
        "reported value",
        "NI056 E10000018 2008/09",
        {"value": 18.4, "on": date(2010, 4, 1)},
        {"value": 18.1, "on": date(2010, 5, 1)},
    )


def test_an_entry_records_who_what_before_and_after(entry: AuditEntry) -> None:
    entry.refresh_from_db()
    assert (entry.username, entry.action, entry.obj_type, entry.obj_id) == (
        "anna",
        "enter value",
        "reported value",
        "NI056 E10000018 2008/09",
    )
    assert entry.before == {"value": 18.4, "on": "2010-04-01"}
    assert entry.after == {"value": 18.1, "on": "2010-05-01"}
    assert entry.user_id == User.objects.get(username="anna").pk


@pytest.mark.django_db
def test_a_command_line_change_has_no_user() -> None:
    e = record(
        None,
        "add partner agency",
        "partner agency",
        "youth-service",
        None,
        {"name": "Youth Service"},
    )
    assert (e.username, e.user_id) == ("", None)


def test_entries_cannot_be_changed_or_deleted(entry: AuditEntry) -> None:
    entry.action = "something else"
    with pytest.raises(AuditImmutable, match="cannot be changed"):
        entry.save()
    with pytest.raises(AuditImmutable, match="cannot be deleted"):
        entry.delete()
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AuditImmutable):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditImmutable), transaction.atomic():  # its own savepoint
        AuditEntry.objects.bulk_update([entry], ["action"])
    assert AuditEntry.objects.get(pk=entry.pk).action == "enter value"


def test_on_postgresql_a_trigger_refuses_sql_updates_and_deletes(entry: AuditEntry) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only (the PostgreSQL run covers it)")
    for sql in (
        "UPDATE workspace_auditentry SET action = 'x'",
        "DELETE FROM workspace_auditentry",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).action == "enter value"


def test_administrators_read_the_log(
    client: Client, staff: dict[str, User], entry: AuditEntry
) -> None:
    admin = signed_in(client, staff["administrator"])
    html = admin.get("/staff/audit/").content.decode()
    assert "enter value: reported value NI056 E10000018 2008/09" in html
    assert escape('"value": 18.4') in html and escape('"value": 18.1') in html
    # the staff accounts made by the fixture are in it too, and a filter picks one kind
    filtered = admin.get("/staff/audit/", {"type": "staff account"}).content.decode()
    assert "add user: staff account anna" in filtered and "NI056" not in filtered
    assert signed_in(Client(), staff["analyst"]).get("/staff/audit/").status_code == 403
