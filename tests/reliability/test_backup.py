"""``cypp backup`` and ``cypp restore``: a verified round trip, SQLite into PostgreSQL, and
refusals of damaged backups and occupied targets.

The source is a small synthetic county loaded and computed into a warehouse, and a SQLite
workspace with a row in every table of the staff workspace (made through its services where
they exist), a real publication, and values chosen to break a careless copy: microseconds,
accents and symbols, JSON with nested lists and floats, null foreign keys, an audit entry
naming a user by id. Backups and restores run as the real commands in their own processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cypp.backup import BackupError, make_backup, verify_backup
from cypp.backup.manifest import Digest
from cypp.backup.warehouse import warehouse_digest
from cypp.engine.store import Store
from tests.reliability.test_crash_compute import COMPUTE, PLAN, clean_env, load, small_county
from tests.web import postgres_server as pg

# Every kind of row the staff workspace keeps, with awkward values
POPULATE = """
from datetime import date, datetime, timezone as tz
from pathlib import Path
from cypp.web import setup
setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from cypp.settings import load_settings
from cypp.web.publish import publish
from cypp.web.workspace import agencies, users
from cypp.web.workspace.audit import record
from cypp.web.workspace.models import *

AT = datetime(2010, 10, 4, 9, 30, 15, 123456, tzinfo=tz.utc)
PASSWORD = "correct-horse-battery-staple"
admin = users.add_user("ada", Role.ADMINISTRATOR, PASSWORD, email="ada@example.org")
analyst = users.add_user("bea", Role.ANALYST, PASSWORD)
lead = users.add_user("cai", Role.LEAD, PASSWORD, priorities=("emotional-health",))
users.add_user("dee", Role.VIEWER, PASSWORD)
agencies.add_agency("youth-service", "Youth Service – Ŵest café ✓")
users.add_user("eli", Role.PARTNER, PASSWORD, agency="youth-service")
rnd = ReportingRound.objects.create(
    period="2009/10", deadline=date(2010, 9, 30), state=RoundState.OPEN, opened_by=analyst
)
ReminderSent.objects.create(round=rnd, user=lead, on=date(2010, 9, 24))
ReportedValue.objects.create(
    indicator="NI112", area="E10000018", period="2009", value=41.5, ci_low=39.25,
    ci_high=43.875, note="Ünïcode note, 1st line\\nsecond line", entered_by=analyst,
)
EstablishedMeasure.objects.create(
    code="FSS-CC-REACH", parent="FSS", title="Families reached by Children's Centres",
    source_note="Children's Centre records", definition="Families with a child under 5 seen.",
    unit="%", polarity="high", period_type="financial year", baseline_period="2009-10",
    baseline_value=48.0, established_by=None,
)
c = Commentary.objects.create(
    indicator="NI050", period="2009/10", story="Drop-in centres opened — in every district.",
    partners="Health; schools", state=State.APPROVED, author=lead, approved_by=analyst,
    approved_at=AT,
)
CommentaryEvent.objects.create(
    commentary=c, from_state=State.SUBMITTED, to_state=State.APPROVED, user=analyst,
    username="bea", at=AT, reason="",
)
ActionStatusUpdate.objects.create(
    action_id="strategy", priority_id="emotional-health", status="at risk", note="Funding late.",
    by=lead, at=AT,
)
ActionMilestone.objects.create(
    action_id="strategy", due=date(2011, 3, 31), text="Strategy reviewed", from_plan=False,
    done=True, done_at=AT, added_by=lead,
)
hbr = HbrAssessment.objects.create(agency="youth-service", period="2009-10", state=State.SUBMITTED)
for s in Standard:
    HbrRating.objects.create(assessment=hbr, standard=s, level=Level.ESTABLISHED, evidence=f"{s.label}: ok")
Consultation.objects.create(
    title="You said, we did", you_said="More places to go", we_did="Two youth cafés opened",
    consulted_on=date(2009, 11, 5), number_consulted=37, age_group=AgeGroup.choices[0][0],
    priorities=["emotional-health"], state=State.DRAFT, created_by=lead,
)
LoginFailure.objects.create(username="mallory", ip="192.0.2.7", at=AT)
record(admin, "test", "nothing", 1, {"nested": [1, 2.5, [None, "x"]], "n": 0.1}, {"ok": True})
publish(Path(load_settings().plan), load_settings(), user="cli:test")
"""

DIGEST = """
import json
from cypp.web import setup
setup()
from cypp.backup.workspace import workspace_digest
print(json.dumps(workspace_digest()))
"""

# After a restore the database takes new rows (its id sequences were moved on)
USE_IT = """
from cypp.web import setup
setup()
from cypp.web.workspace import users
from cypp.web.workspace.models import AuditEntry, Role
entries = AuditEntry.objects.count()
u = users.add_user("fay", Role.VIEWER, "another-long-password-42")
assert u.pk == 6 and AuditEntry.objects.count() == entries + 1
"""

# the workspace's own tables, compared row for row with SQLite itself (ids included)
COMPARED = ("auth_user", "auth_group", "auth_user_groups", "published_", "workspace_")


def backup_cmd(*args: str) -> list[str]:
    """``cypp backup``/``restore``, or the same commands from their module until wired in."""
    from cypp.cli import app

    if any(c.name == "backup" for c in app.registered_commands):
        return [str(Path(sys.executable).parent / "cypp"), *args]
    return [sys.executable, "-m", "cypp.cli.backup_commands", *args]


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)


def workspace_digest_in(env: dict[str, str]) -> Digest:
    done = run([sys.executable, "-c", DIGEST], env)
    assert done.returncode == 0, done.stderr
    found: Digest = json.loads(done.stdout)
    return found


def warehouse_state(path: Path) -> Digest:
    with Store(path, read_only=True) as store:
        return warehouse_digest(store)


def sqlite_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {
            n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr)
            for n in names
            if n.startswith(COMPARED)
        }
    finally:
        con.close()


class Source:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.warehouse = root / "warehouse.duckdb"
        self.workspace = root / "workspace.sqlite3"
        self.env = clean_env(
            warehouse=str(self.warehouse),
            workspace=str(self.workspace),
            plan=str(PLAN),
            pseudonym_key="backup-test-key-0123456789",
        )


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    src = Source(tmp_path_factory.mktemp("backup-source"))
    load(small_county(src.root), ["attainment", "survey"], src.env)
    subprocess.run(COMPUTE, env=src.env, check=True, stdout=subprocess.DEVNULL)
    done = run([sys.executable, "-c", POPULATE], src.env)
    assert done.returncode == 0, done.stderr
    return src


@pytest.fixture(scope="module")
def backup(source: Source, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("backups") / "2011-09-30"
    done = run(backup_cmd("backup", str(folder)), source.env)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def source_workspace(source: Source, backup: Path) -> Digest:
    return workspace_digest_in(source.env)


def test_the_backup_holds_checked_copies(source: Source, backup: Path) -> None:
    assert sorted(p.name for p in backup.iterdir()) == [
        "manifest.json",
        "warehouse.duckdb",
        "workspace.json",
    ]
    manifest = json.loads((backup / "manifest.json").read_text())
    for name in ("warehouse.duckdb", "workspace.json"):
        data = (backup / name).read_bytes()
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "bytes": len(data),
        }
        assert (backup / name).stat().st_mode & 0o077 == 0  # child-level data: owner only
    assert manifest["format"] == "cypp-backup" and manifest["cypp_version"]
    assert manifest["warehouse"]["duckdb_version"] and manifest["workspace"]["engine"] == "sqlite"
    # the copy holds the pseudonymised rows and the computed run
    digest = manifest["warehouse"]["digest"]
    assert digest["runs"]["rows"] == 1 and digest["results"]["rows"] > 0
    assert digest["attainment__ks4"]["rows"] > 0
    assert warehouse_state(backup / "warehouse.duckdb") == warehouse_state(source.warehouse)
    # every kind of workspace row went in, users with their password hashes and groups
    records = json.loads((backup / "workspace.json").read_text())
    kinds = {r["model"] for r in records}
    assert {
        "auth.user",
        "auth.group",
        "published.publication",
        "published.publishedindicator",
        "workspace.auditentry",
        "workspace.commentaryevent",
        "workspace.hbrrating",
        "workspace.remindersent",
        "workspace.loginfailure",
        "workspace.consultation",
    } <= kinds
    cai = next(r for r in records if r["model"] == "auth.user" and r["fields"]["username"] == "cai")
    assert cai["fields"]["password"].startswith(("pbkdf2_", "argon2", "md5$"))
    assert cai["fields"]["groups"] == [["Priority lead"]]  # by name, not by id
    event = next(
        r
        for r in records
        if r["model"] == "workspace.commentaryevent" and r["fields"]["from_state"] == "submitted"
    )
    assert event["fields"]["at"] == "2010-10-04T09:30:15.123456+00:00"  # microseconds kept
    assert event["fields"]["user"] == ["bea"]


def test_round_trip_into_sqlite(
    source: Source, backup: Path, source_workspace: Digest, tmp_path: Path
) -> None:
    target = clean_env(warehouse=str(tmp_path / "w.duckdb"), workspace=str(tmp_path / "ws.sqlite3"))
    done = run(backup_cmd("restore", str(backup)), target)
    assert done.returncode == 0, done.stderr
    assert "every checksum and table matched" in done.stdout
    assert warehouse_state(tmp_path / "w.duckdb") == warehouse_state(source.warehouse)
    assert workspace_digest_in(target) == source_workspace
    # and, read with SQLite itself, the same rows with the same ids
    assert sqlite_rows(tmp_path / "ws.sqlite3") == sqlite_rows(source.workspace)
    # restoring again over what is now there is refused, and changes nothing
    again = run(backup_cmd("restore", str(backup)), target)
    assert again.returncode == 1
    assert "w.duckdb: it holds" in again.stderr and "ws.sqlite3: it holds" in again.stderr
    assert "--force" in again.stderr
    assert sqlite_rows(tmp_path / "ws.sqlite3") == sqlite_rows(source.workspace)


@pytest.fixture(scope="module")
def postgres() -> Iterator[pg.PostgresServer]:
    if not pg.available():
        pytest.skip(f"{pg.INITDB} is missing: PostgreSQL 15 is not installed")
    with pg.postgres_server() as server:
        yield server


def test_restore_from_sqlite_into_postgresql(
    postgres: pg.PostgresServer, backup: Path, source_workspace: Digest, tmp_path: Path
) -> None:
    postgres.run("psql", "-c", "CREATE DATABASE restored")
    target = clean_env(warehouse=str(tmp_path / "w.duckdb"), database_url=postgres.url("restored"))
    done = run(backup_cmd("restore", str(backup)), target)
    assert done.returncode == 0, done.stderr
    assert workspace_digest_in(target) == source_workspace
    count = postgres.run("psql", "-d", "restored", "-Atc", "SELECT count(*) FROM auth_user")
    assert count.stdout.strip() == "5"
    at = postgres.run(
        "psql", "-d", "restored", "-Atc",
        "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') "
        "FROM workspace_commentaryevent WHERE from_state = 'submitted'",
    )  # fmt: skip
    assert at.stdout.strip() == "2010-10-04 09:30:15.123456"
    # --force replaces it all, the append-only audit log included (its trigger refuses DELETE)
    again = run(backup_cmd("restore", str(backup), "--force"), target)
    assert again.returncode == 0, again.stderr
    assert workspace_digest_in(target) == source_workspace
    used = run([sys.executable, "-c", USE_IT], target)
    assert used.returncode == 0, used.stderr


def _copy(backup: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(backup, copy)
    return copy


def _flip_byte(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("name", ["workspace.json", "warehouse.duckdb"])
def test_a_changed_byte_is_refused_naming_the_file(backup: Path, tmp_path: Path, name: str) -> None:
    copy = _copy(backup, tmp_path)
    _flip_byte(copy / name, (copy / name).stat().st_size // 2)
    with pytest.raises(BackupError) as refused:
        verify_backup(copy)
    message = str(refused.value)
    assert f"failed its checks ({name})" in message and "nothing was restored" in message
    (problem,) = refused.value.problems
    assert problem.file == str(copy / name) and problem.rule == "checksum"
    assert problem.value == hashlib.sha256((copy / name).read_bytes()).hexdigest()
    # the command refuses before touching anything
    target = clean_env(warehouse=str(tmp_path / "w.duckdb"), workspace=str(tmp_path / "ws.sqlite3"))
    done = run(backup_cmd("restore", str(copy)), target)
    assert done.returncode == 1 and name in done.stderr
    assert not (tmp_path / "w.duckdb").exists() and not (tmp_path / "ws.sqlite3").exists()


def test_a_truncated_manifest_is_refused(backup: Path, tmp_path: Path) -> None:
    copy = _copy(backup, tmp_path)
    text = (copy / "manifest.json").read_bytes()
    (copy / "manifest.json").write_bytes(text[: len(text) // 2])
    with pytest.raises(BackupError) as refused:
        verify_backup(copy)
    assert "manifest.json is not valid JSON (damaged or cut short)" in str(refused.value)
    (problem,) = refused.value.problems
    assert problem.file == str(copy / "manifest.json") and problem.line is not None


def test_a_missing_file_or_manifest_is_refused(backup: Path, tmp_path: Path) -> None:
    copy = _copy(backup, tmp_path)
    (copy / "workspace.json").unlink()
    with pytest.raises(BackupError, match=r"failed its checks \(workspace.json\)"):
        verify_backup(copy)
    (copy / "manifest.json").unlink()  # as a backup killed before it finished leaves it
    with pytest.raises(BackupError, match=r"has no manifest\.json"):
        verify_backup(copy)


def test_a_backup_goes_into_a_new_folder(source: Source, tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("something else")
    with pytest.raises(BackupError, match="is not an empty folder"):
        make_backup(tmp_path, source.warehouse)
    assert os.listdir(tmp_path) == ["old.txt"]
