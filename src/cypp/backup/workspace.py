"""The workspace's part of a backup: every row in Django's serialisation format, and its digest.

What is kept: every model of cypp's web apps (publications, the staff workspace, the audit
log) and Django's users and groups. Not kept: content types and permissions (``migrate``
makes them, and rows refer to them by natural key), sessions (a restore signs everyone out).
Foreign keys are written as natural keys (a user by username, a permission by codename), so
the file loads into SQLite or PostgreSQL whatever ids those tables got there. Every other row
keeps its id: the audit log records user ids, and links must survive. Groups are matched by
name, since ``migrate`` creates the role groups in the empty target.

The rows are read in one transaction (``REPEATABLE READ`` on PostgreSQL, an immediate
transaction on SQLite), so the dump is one consistent state. Datetimes keep their
microseconds (Django's own encoder would cut them to milliseconds).

Django must be set up before these functions are called (``cypp.web.setup()``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import django
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from cypp.backup.errors import BackupError
from cypp.backup.manifest import Digest, WorkspacePart
from cypp.problems import Problem


class _Encoder(DjangoJSONEncoder):
    """Django's encoder, but datetimes and times keep their microseconds."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime | time):
            return o.isoformat()
        return super().default(o)


def dumped_models() -> list[type[models.Model]]:
    """The models a backup holds, each after the models it refers to."""
    chosen: list[type[models.Model]] = [User, Group]
    for config in apps.get_app_configs():
        if config.name.startswith("cypp."):
            chosen += [m for m in config.get_models() if not m._meta.proxy]
    order: TopologicalSorter[type[models.Model]] = TopologicalSorter()
    for model in chosen:
        refers = {
            f.related_model
            for f in model._meta.get_fields()
            if (f.many_to_one or f.one_to_one or f.many_to_many)
            and f.concrete
            and f.related_model in chosen
            and f.related_model is not model
        }
        order.add(model, *refers)
    return list(order.static_order())


def _natural_primary(model: type[models.Model]) -> bool:
    return model is Group


def _records(model: type[models.Model]) -> list[dict[str, Any]]:
    rows = model._base_manager.order_by("pk")
    found: list[dict[str, Any]] = serializers.serialize(
        "python",
        rows,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=_natural_primary(model),
    )
    return found


def _normal(value: Any) -> Any:
    """A value as both engines give it back: PostgreSQL's jsonb keeps no key order and no
    negative zero, so keys are sorted (by the caller's ``sort_keys``) and -0.0 is 0.0."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, float) and value == 0.0:
        return 0.0
    return value


def _digest_of(model: type[models.Model], records: list[dict[str, Any]]) -> dict[str, Any]:
    many = {f.name for f in model._meta.many_to_many}
    lines = []
    for r in records:
        fields = {
            k: sorted(v, key=json.dumps) if k in many else _normal(v)
            for k, v in r["fields"].items()
        }
        lines.append(
            json.dumps(
                {"pk": r.get("pk"), "fields": fields},
                sort_keys=True,
                separators=(",", ":"),
                cls=_Encoder,
            )
        )
    lines.sort()
    content = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return {"rows": len(records), "sha256": content}


def workspace_digest() -> Digest:
    """Canonical digest of the workspace's rows: per model, the row count and a hash of the
    rows in any order."""
    with _snapshot():
        return {m._meta.label_lower: _digest_of(m, _records(m)) for m in dumped_models()}


@contextmanager
def _snapshot() -> Iterator[None]:
    """One transaction for all the reads; on PostgreSQL one snapshot for them too (its default,
    READ COMMITTED, gives each query its own). Inside a transaction already, that one serves."""
    outer = connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and not outer:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def sqlite_file_missing() -> bool:
    """Whether the workspace is a SQLite file not made yet (connecting would make it)."""
    name = str(connection.settings_dict["NAME"])
    return connection.vendor == "sqlite" and name != ":memory:" and not Path(name).exists()


def migrated() -> bool:
    """Whether the workspace database has been set up (has Django's migration table)."""
    return MigrationRecorder.Migration._meta.db_table in connection.introspection.table_names()


def applied_migrations() -> dict[str, list[str]]:
    """App label → names of the migrations applied to this database."""
    found: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        found.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(found.items())}


def code_migrations() -> dict[str, list[str]]:
    """App label → names of every migration this version of cypp has."""
    found: dict[str, list[str]] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.nodes:
        found.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(found.items())}


def write_workspace(path: Path) -> WorkspacePart:
    """Write every row to ``path`` (a JSON list, one record a line) in one consistent read,
    and return the manifest's account of it."""
    digest: Digest = {}
    with _snapshot(), path.open("x", encoding="utf-8") as out:
        out.write("[\n")
        first = True
        for model in dumped_models():
            records = _records(model)
            digest[model._meta.label_lower] = _digest_of(model, records)
            for r in records:
                out.write(
                    ("" if first else ",\n") + json.dumps(r, cls=_Encoder, ensure_ascii=False)
                )
                first = False
        out.write("\n]\n")
        migrations = applied_migrations()
    path.chmod(0o600)
    return WorkspacePart(
        file=path.name,
        engine=connection.vendor,
        source=_source(),
        django_version=django.get_version(),
        migrations=migrations,
        digest=digest,
    )


def _source() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(s["NAME"])
    return f"{s.get('HOST') or 'localhost'}:{s.get('PORT') or ''}/{s['NAME']}"


def migration_problems(recorded: dict[str, list[str]], file: Path) -> list[Problem]:
    """Differences between the migrations the backup's workspace had and this cypp's: its
    rows fit only the schema they were dumped from."""
    ours = code_migrations()
    apps_kept = {m._meta.app_label for m in dumped_models()}
    problems = []
    for app in sorted(apps_kept):
        theirs, mine = set(recorded.get(app, ())), set(ours.get(app, ()))
        if theirs == mine:
            continue
        newer, older = sorted(theirs - mine), sorted(mine - theirs)
        problems.append(
            Problem(
                file=str(file),
                line=None,
                column=app,
                rule="same workspace schema",
                found=(f"migrations this cypp does not have: {', '.join(newer)}" if newer else "")
                + ("; " if newer and older else "")
                + (f"missing migrations: {', '.join(older)}" if older else ""),
                expected=f"the {app} migrations of this cypp: {', '.join(sorted(mine)) or 'none'}",
                fix="restore with the cypp version that made the backup, then upgrade cypp "
                "(cypp serve migrates)",
            )
        )
    return problems


def workspace_in_use() -> str | None:
    """Why the workspace database may not be restored into (it has rows), or None when it is
    empty: not set up yet, or only what ``migrate`` puts there (role groups)."""
    if sqlite_file_missing() or not migrated():
        return None
    tables = set(connection.introspection.table_names())
    counts = {
        m._meta.label_lower: m._base_manager.count()
        for m in dumped_models()
        if m is not Group and m._meta.db_table in tables
    }
    held = {k: v for k, v in counts.items() if v}
    if not held:
        return None
    return "it holds " + ", ".join(f"{v:,} {k}" for k, v in sorted(held.items()))


def load_workspace(path: Path, expected: Digest, *, replace: bool) -> None:
    """Migrate the target, then in one transaction (emptied first when ``replace``) load the
    rows and check their digest against the manifest's: any difference rolls it all back."""
    if connection.vendor == "sqlite":
        Path(str(connection.settings_dict["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    call_command("migrate", interactive=False, verbosity=0)
    with transaction.atomic():
        if replace:
            # TRUNCATE on PostgreSQL: the audit log's append-only trigger refuses DELETE only
            call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(path), verbosity=0)
        found = workspace_digest()
        if found != expected:
            differ = sorted(
                k for k in set(found) | set(expected) if found.get(k) != expected.get(k)
            )
            raise BackupError(
                "the restored workspace does not match the backup's manifest; nothing was restored",
                [
                    Problem(
                        file=str(path),
                        line=None,
                        rule="workspace digest",
                        found=f"models that differ: {', '.join(differ)}",
                        expected="every model's rows and content hash as the manifest records",
                        fix="restore from another backup",
                    )
                ],
            )
