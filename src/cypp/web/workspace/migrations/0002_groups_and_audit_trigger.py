"""The role groups, and on PostgreSQL a trigger that makes the audit log append-only.

The trigger refuses UPDATE and DELETE of ``workspace_auditentry`` rows from any client, not
only through the ORM. TRUNCATE is left alone (the test runner's flush uses it). SQLite gets no
trigger: its flush deletes rows, and the model and queryset already refuse changes.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

ROLE_GROUPS = [
    "Administrator",
    "Performance analyst",
    "Priority lead",
    "Partner-agency user",
    "Viewer",
]

CREATE_TRIGGER = """
CREATE OR REPLACE FUNCTION workspace_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = 'the audit log is append-only: ' || TG_OP || ' refused on workspace_auditentry';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER workspace_audit_append_only
    BEFORE UPDATE OR DELETE ON workspace_auditentry
    FOR EACH ROW EXECUTE FUNCTION workspace_audit_append_only();
"""

DROP_TRIGGER = """
DROP TRIGGER IF EXISTS workspace_audit_append_only ON workspace_auditentry;
DROP FUNCTION IF EXISTS workspace_audit_append_only();
"""


def add_groups(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        group.objects.get_or_create(name=name)


def remove_groups(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


def add_trigger(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE_TRIGGER)


def remove_trigger(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER)


class Migration(migrations.Migration):
    dependencies = (
        ("workspace", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    )

    operations = (
        migrations.RunPython(add_groups, remove_groups),
        migrations.RunPython(add_trigger, remove_trigger),
    )
