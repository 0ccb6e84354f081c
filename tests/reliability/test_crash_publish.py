"""``cypp publish`` killed with SIGKILL at many points leaves the workspace exactly as before
the publish or exactly as after it, and the next publish succeeds.

The workspace is the web app's SQLite database, which commits through a rollback journal
(``FILE-journal``, there from a transaction's first write until its commit): kill points are
times after the start and times after the journal first appears, as in
``test_crash_compute.py``. The publish replaces the current publication (the old one is kept
as history), publishes approved commentary and a closed reporting round, and audits it all.
The state compared is every table's rows, read with SQLite itself; the few timestamps that
differ between two publishes of the same content (``at``, ``published_at``, ``updated_at``,
also inside the audit log's JSON) are left out.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cypp.backup.manifest import Digest
from cypp.backup.warehouse import warehouse_digest
from cypp.engine.store import Store
from tests.reliability.test_crash_compute import (
    COMPUTE,
    PLAN,
    KillPoint,
    Timing,
    clean_env,
    load,
    run_killed,
    small_county,
    timed_run,
)

VOLATILE = {"at", "published_at", "updated_at"}
State = dict[str, tuple[int, str]]

# Content changed in the workspace between the first publish and the one that is killed
CHANGES = """
from datetime import date
from cypp.web import setup
setup()
from django.utils import timezone
from cypp.web.workspace.models import Commentary, ReportedValue, ReportingRound, RoundState, State
ReportedValue.objects.create(indicator="NI112", area="E10000018", period="2009", value=41.5)
ReportingRound.objects.create(period="2009/10", deadline=date(2010, 9, 30), state=RoundState.CLOSED)
Commentary.objects.create(
    indicator="NI075", period="2010/11", story="Results rose after the maths programme.",
    what_works="Peer tutoring.", state=State.APPROVED, approved_at=timezone.now(),
)
"""


def publish_command() -> list[str]:
    """``cypp publish``, or the same command from its module until the lead wires it in."""
    from cypp.cli import app

    if any(c.name == "publish" for c in app.registered_commands):
        return [str(Path(sys.executable).parent / "cypp"), "publish"]
    return [sys.executable, "-c", "from cypp.cli.web_commands import app; app()", "publish"]


def _stable(value: Any) -> Any:
    """A value with the volatile timestamps taken out, JSON text included."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.dumps(_stable(json.loads(value)), sort_keys=True)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def state(workspace: Path) -> State:
    """Row count and content hash of every table (opening the file rolls back a transaction
    a killed process left in its journal, as any next user of the file would)."""
    con = sqlite3.connect(workspace)
    try:
        found: State = {}
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in sorted(tables):
            columns = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
            kept = ", ".join(f'"{c}"' for c in columns if c not in VOLATILE)
            rows = sorted(
                repr([_stable(v) for v in row])
                for row in con.execute(f'SELECT {kept} FROM "{table}"')
            )
            found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return found
    finally:
        con.close()


def warehouse_state(path: Path) -> Digest:
    with Store(path, read_only=True) as store:
        return warehouse_digest(store)


def logs(workspace: Path) -> Callable[[], bool]:
    """Whether SQLite has begun writing: its rollback journal (or, in WAL mode, its log)."""
    journal, wal = Path(f"{workspace}-journal"), Path(f"{workspace}-wal")
    return lambda: journal.exists() or wal.exists()


def kill_points(reference: Timing) -> list[KillPoint]:
    assert reference.first_write is not None, "the reference publish never wrote"
    tail = reference.total - reference.first_write
    points = [KillPoint(f"{f:.0%} of the run", after_start=reference.total * f) for f in (0.6,)]
    return points + [
        KillPoint(f"first write + {f:.0%} of the rest", after_write=tail * f)
        for f in (0.0, 0.01, 0.03, 0.1, 0.4)
    ]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A computed warehouse, and a workspace with one publication and new content since."""
    root = tmp_path_factory.mktemp("crash-publish")
    warehouse, workspace = root / "warehouse.duckdb", root / "base.sqlite3"
    env = clean_env(
        warehouse=str(warehouse),
        pseudonym_key="crash-test-key-0123456789",
        plan=str(PLAN),
        workspace=str(workspace),
    )
    load(small_county(root), ["attainment"], env)
    subprocess.run(COMPUTE, env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(publish_command(), env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-c", CHANGES], env=env, check=True)
    return warehouse, workspace


def test_sigkill_during_publish(base: tuple[Path, Path], tmp_path: Path) -> None:
    warehouse, workspace = base
    publish = publish_command()
    before = state(workspace)
    computed = warehouse_state(warehouse)
    reference = tmp_path / "reference.sqlite3"
    shutil.copy(workspace, reference)

    def env(path: Path) -> dict[str, str]:
        return clean_env(warehouse=str(warehouse), plan=str(PLAN), workspace=str(path))

    timing = timed_run(publish, env(reference), logs(reference))
    after = state(reference)
    changed = {t for t in after if after[t] != before.get(t)}
    assert {
        "published_publication",  # a new current one, the old kept as history
        "published_publishedindicator",
        "workspace_auditentry",
        "workspace_commentary",  # approved -> published
        "workspace_commentaryevent",
        "workspace_reportinground",  # closed -> published
    } <= changed, changed

    outcomes: list[tuple[str, str, bool, bool]] = []
    for i, point in enumerate(kill_points(timing)):
        target = tmp_path / f"kill{i}.sqlite3"
        shutil.copy(workspace, target)
        killed = run_killed(publish, env(target), logs(target), point)
        left = logs(target)()  # a log the next opener must replay or roll back
        now = state(target)
        assert now in (before, after), (
            f"kill point {point.name}: the workspace is neither as before nor as after; tables "
            f"that differ from before: {sorted(t for t in now if now[t] != before.get(t))}"
        )
        outcomes.append((point.name, "before" if now == before else "after", killed, left))
        assert subprocess.run(publish, env=env(target), stdout=subprocess.DEVNULL).returncode == 0
        assert state(target) == after, point.name
        target.unlink()
    print(f"\nreference {timing}")
    for name, landed, killed, log in outcomes:
        print(f"{name}: {landed}{'' if killed else ' (had ended)'}{' (log left)' if log else ''}")
    assert any(o == "before" and k for _, o, k, _ in outcomes)
    assert any(k and "write" in n for n, _, k, _ in outcomes)
    assert warehouse_state(warehouse) == computed  # publishing only reads the warehouse
