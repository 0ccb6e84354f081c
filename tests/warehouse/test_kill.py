"""A load killed with SIGKILL at many points leaves the warehouse exactly as before or after."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from cypp.engine.store import Store
from tests.conftest import ROOT

FAKE = ROOT / "src" / "cypp" / "data" / "ssda903_fake"
CYPP = str(Path(sys.executable).parent / "cypp")
FIRST = [str(FAKE / "header.csv"), str(FAKE / "episodes.csv")]
SECOND = [str(p) for p in sorted(FAKE.glob("*.csv"))]


def env(warehouse: Path) -> dict[str, str]:
    return {
        **os.environ,
        "CYPP_WAREHOUSE": str(warehouse),
        "CYPP_PSEUDONYM_KEY": "kill-test-key-0123456789",
        "CYPP_AREA": "E10000018",
    }


def state(warehouse: Path) -> Any:
    with Store(warehouse, read_only=True) as store:
        batches = store.fetch(
            "SELECT batch_id, status, superseded_by, row_counts FROM batches ORDER BY batch_id"
        )
        tables = sorted(t for t in store.tables() if t.startswith("ssda903__"))
        counts = {t: store.fetch(f'SELECT count(*) FROM "{t}"')[0][0] for t in tables}
    return batches, counts


def run_load(warehouse: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [CYPP, "load", "ssda903", *SECOND, "--quiet"],
        env=env(warehouse),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_during_load(tmp_path: Path) -> None:
    base = tmp_path / "base.duckdb"
    subprocess.run([CYPP, "load", "ssda903", *FIRST, "--quiet"], env=env(base), check=True)
    before = state(base)

    done = tmp_path / "done.duckdb"
    shutil.copy(base, done)
    start = time.monotonic()
    assert run_load(done).wait(timeout=120) == 0
    full = time.monotonic() - start
    after = state(done)
    assert before != after

    outcomes = []
    # kill points spread over the whole run, from start-up to commit
    for i in range(1, 9):
        target = tmp_path / f"kill{i}.duckdb"
        shutil.copy(base, target)
        proc = run_load(target)
        time.sleep(full * i / 9)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        now = state(target)
        assert now in (before, after), (
            f"kill point {i}: warehouse is neither as before nor as after"
        )
        outcomes.append("before" if now == before else "after")
        # and the next run succeeds and lands exactly in the after state
        assert run_load(target).wait(timeout=120) == 0
        assert state(target) == after
    assert "before" in outcomes  # at least some kills landed mid-load
