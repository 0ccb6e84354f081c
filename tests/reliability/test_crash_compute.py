"""``cypp compute --all`` killed with SIGKILL at many points leaves the warehouse exactly as
before the run or exactly as after it, and the next run succeeds.

As ``tests/warehouse/test_kill.py`` does for ``cypp load``, the command runs as a real process
and is killed from outside; nothing in cypp knows it is being tested. Kill points are times
after the start (spread over the run, which is mostly reading and computing) and times after
the process first writes to the warehouse: DuckDB writes its write-ahead log (``FILE.wal``)
when a transaction commits, so those points fall in and around the commit, the only place a
half-written state could be left. The state compared is the canonical digest of every table
and view (columns, row count, content hash; ``cypp.backup.warehouse.warehouse_digest``) with
the run id and start time left out, since a second run differs from the first only in those.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from cypp.backup.manifest import Digest
from cypp.backup.warehouse import warehouse_digest
from cypp.engine.store import Store
from cypp.synth import parse_years
from cypp.synth.generate import generate
from tests.conftest import ROOT

CYPP = str(Path(sys.executable).parent / "cypp")
# a small plan with two computed indicators (NI 50 from the survey, NI 75 from attainment),
# their equity gaps, a reported and a not-yet-established measure
PLAN = ROOT / "tests" / "web" / "public" / "plan"
# All that differs between two runs over the same data: the run's id and start time, and in
# the compiled SQL kept between runs its key (a hash of cypp's source, which changes as cypp is
# edited) and its text (with Ibis's random names, which ``stable_sql`` numbers for lineage)
RUN_MASK = {"run_id", "started", "compiled_sql.key", "compiled_sql.sql"}
COMPUTE = [CYPP, "compute", "--all", "--as-at", "2011-09-30", "--format", "csv", "--quiet"]


def clean_env(**settings: str) -> dict[str, str]:
    """This environment without the developer's CYPP_* settings, plus ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CYPP_")}
    # Ibis writes some column lists in set order, which Python's hash seed changes from one
    # process to the next: a fixed seed makes two runs over the same data write the same SQL
    # (and so the same definition versions).
    env["PYTHONHASHSEED"] = "0"
    env.update({f"CYPP_{k.upper()}": v for k, v in settings.items()})
    return env


def small_county(root: Path) -> Path:
    """A synthetic county at 3% of its size, two years: the files ``cypp load`` reads."""
    out = root / "county"
    generate(out, scale="county", seed=3, fraction=0.03, years=parse_years("2009/10..2010/11"))
    return out


def load(county: Path, returns: Sequence[str], env: dict[str, str]) -> None:
    for name in returns:
        subprocess.run(
            [CYPP, "load", name, str(county / name), "--quiet"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )


@dataclass(frozen=True)
class KillPoint:
    """SIGKILL ``after_start`` seconds after the start, or ``after_write`` seconds after the
    process first writes (its write-ahead log or rollback journal appears)."""

    name: str
    after_start: float | None = None
    after_write: float | None = None


@dataclass(frozen=True)
class Timing:
    total: float  # seconds from start to exit
    first_write: float | None  # seconds from start until it first wrote


POLL = 0.001


def timed_run(cmd: Sequence[str], env: dict[str, str], wrote: Callable[[], bool]) -> Timing:
    """Run to the end, noting when it first wrote (``wrote()`` became true)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen = None
    while proc.poll() is None:
        if seen is None and wrote():
            seen = time.monotonic() - start
        time.sleep(POLL)
    total = time.monotonic() - start
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else ""
    return Timing(total, seen)


def run_killed(
    cmd: Sequence[str], env: dict[str, str], wrote: Callable[[], bool], point: KillPoint
) -> bool:
    """Start ``cmd`` and SIGKILL it at ``point``; True when it was still running then."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if point.after_start is not None:
        while proc.poll() is None and time.monotonic() - start < point.after_start:
            time.sleep(POLL)
    else:
        while proc.poll() is None and not wrote():
            time.sleep(POLL)
        if point.after_write:
            time.sleep(point.after_write)
    proc.send_signal(signal.SIGKILL)
    code = proc.wait(timeout=120)
    return code == -signal.SIGKILL


def kill_points(reference: Timing) -> list[KillPoint]:
    """One point in the run's reading and computing, then five from its first write on."""
    points = [KillPoint(f"{f:.0%} of the run", after_start=reference.total * f) for f in (0.6,)]
    assert reference.first_write is not None, "the reference run never wrote the marker"
    tail = reference.total - reference.first_write
    points += [
        KillPoint(f"first write + {f:.0%} of the rest", after_write=tail * f)
        for f in (0.0, 0.01, 0.03, 0.1, 0.4)
    ]
    return points


def state(warehouse: Path) -> Digest:
    with Store(warehouse, read_only=True) as store:
        return warehouse_digest(store, mask=RUN_MASK)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse with the county's attainment and survey loaded, never computed."""
    root = tmp_path_factory.mktemp("crash-compute")
    warehouse = root / "base.duckdb"
    env = clean_env(warehouse=str(warehouse), pseudonym_key="crash-test-key-0123456789")
    load(small_county(root), ["attainment", "survey"], env)
    return warehouse


def test_sigkill_during_compute(base: Path, tmp_path: Path) -> None:
    before = state(base)
    reference = tmp_path / "reference.duckdb"
    shutil.copy(base, reference)
    env = clean_env(warehouse=str(reference), plan=str(PLAN))
    timing = timed_run(COMPUTE, env, Path(f"{reference}.wal").exists)
    after = state(reference)
    assert subprocess.run(COMPUTE, env=env, stdout=subprocess.DEVNULL).returncode == 0
    after_two_runs = state(reference)
    assert before != after != after_two_runs
    assert after["results"]["rows"] > 0 and after["runs"]["rows"] == 1

    outcomes: list[tuple[str, str, bool, bool]] = []
    for i, point in enumerate(kill_points(timing)):
        target = tmp_path / f"kill{i}.duckdb"
        shutil.copy(base, target)
        env = clean_env(warehouse=str(target), plan=str(PLAN))
        wal = Path(f"{target}.wal")
        killed = run_killed(COMPUTE, env, wal.exists, point)
        left = wal.exists()  # a log the next opener must replay or roll back
        now = state(target)
        assert now in (before, after), (
            f"kill point {point.name}: the warehouse is neither as before nor as after the run; "
            f"tables that differ from before: "
            f"{sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k))}"
        )
        landed = "before" if now == before else "after"
        outcomes.append((point.name, landed, killed, left))
        # the next run succeeds, and adds exactly one run to where the kill left it
        assert subprocess.run(COMPUTE, env=env, stdout=subprocess.DEVNULL).returncode == 0
        assert state(target) == (after if landed == "before" else after_two_runs), point.name
        target.unlink()
        wal.unlink(missing_ok=True)
    print(f"\nreference {timing}")
    for name, landed, killed, log in outcomes:
        print(f"{name}: {landed}{'' if killed else ' (had ended)'}{' (log left)' if log else ''}")
    assert any(o == "before" and k for _, o, k, _ in outcomes)
    # some kills came after the process had started writing and it was still running
    assert any(k and "write" in n for n, _, k, _ in outcomes)
