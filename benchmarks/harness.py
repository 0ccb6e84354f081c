"""Measuring a command: wall time and peak memory of its process tree, repeated; and what it
ran on (machine, versions, commit), written as one JSON file per benchmark.

Peak memory is taken two ways: the sum of the resident sets of the process and all its
descendants, polled every 20 ms from ``/proc`` (a Spark run's JVM is a child of Python), and
the kernel's own ``ru_maxrss`` of the largest process, from ``wait4`` (exact, never missed
by polling). A run is one child process, so nothing of the harness is counted.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
POLL = 0.02
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    """One measured run of a command."""

    seconds: float
    peak_rss_mb: float  # the process tree, polled
    max_rss_mb: float  # the largest single process (kernel's ru_maxrss)
    output: str = ""


class CommandFailed(RuntimeError):
    pass


def processes() -> Iterator[tuple[int, list[bytes]]]:
    """Every live process: its pid and the fields of ``/proc/PID/stat`` after its name
    (state, parent, process group, ...)."""
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue  # ended while we looked
        yield int(entry.name), stat[stat.rindex(b")") + 2 :].split()


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for pid, fields in processes():
        tree.setdefault(int(fields[1]), []).append(pid)
    return tree


def _tree_rss(pid: int) -> int:
    """Bytes resident in ``pid`` and all its descendants."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as f:
                total += int(f.read().split()[1]) * _PAGE
        except OSError:
            pass
        todo.extend(tree.get(current, []))
    return total


def measure(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    keep_output: bool = False,
) -> Run:
    """Run ``command`` once; raise ``CommandFailed`` with its output if it fails."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env) if env is not None else None,
            stdout=out if keep_output else subprocess.DEVNULL,
            stderr=err,
            text=True,
        )
        peak = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(POLL)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise CommandFailed(
                f"{' '.join(command)} failed ({process.returncode}):\n{err.read()[-4000:]}"
            )
        # ru_maxrss (KB) of the child: the kernel's exact peak of the largest process
        return Run(seconds, peak / 1e6, usage.ru_maxrss / 1024, out.read())


def repeat(
    command: Sequence[str],
    runs: int,
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    label: str = "",
    keep_output: bool = False,
    before: Callable[[], None] | None = None,
) -> list[Run]:
    """``runs`` runs of ``command``, printing each as it ends; ``before`` (unmeasured) runs
    ahead of each, e.g. to clear the previous run's output."""
    done: list[Run] = []
    for i in range(runs):
        if before is not None:
            before()
        run = measure(command, cwd=cwd, env=env, keep_output=keep_output)
        print(
            f"  {label or command[0]} run {i + 1}/{runs}: {run.seconds:.2f} s, "
            f"peak {run.peak_rss_mb:.0f} MB",
            flush=True,
        )
        done.append(run)
    return done


def summary(runs: Sequence[Run]) -> dict[str, Any]:
    """Median, min and max of the wall time and of the tree's peak RSS over ``runs``."""
    seconds = [r.seconds for r in runs]
    rss = [r.peak_rss_mb for r in runs]
    return {
        "runs": len(runs),
        "seconds": {
            "median": statistics.median(seconds),
            "min": min(seconds),
            "max": max(seconds),
            "all": seconds,
        },
        "peak_rss_mb": {"median": statistics.median(rss), "min": min(rss), "max": max(rss)},
    }


def machine() -> dict[str, Any]:
    """CPU, cores, memory and the load when the benchmark started (the machine is shared)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(memory / 2**30, 1),
        "os": platform.platform(),
        "load_average_at_start": list(os.getloadavg()),
    }


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def versions() -> dict[str, Any]:
    """Python, the engines and the cypp commit (with whether the tree had changes)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    return {
        "python": sys.version.split()[0],
        "duckdb": _version("duckdb"),
        "ibis": _version("ibis-framework"),
        "pyarrow": _version("pyarrow"),
        "pyspark": _version("pyspark"),
        "pandas": _version("pandas"),
        "cypp_commit": git("rev-parse", "HEAD"),
        "cypp_uncommitted_changes": bool(git("status", "--porcelain", "--", "src")),
    }


def write_result(name: str, body: Mapping[str, Any]) -> Path:
    """``benchmarks/results/<name>.json`` with the machine and versions."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    document = {
        "benchmark": name,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        **body,
    }
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(document, indent=1, default=str) + "\n", encoding="utf-8")
    return path


def as_dict(run: Run) -> dict[str, Any]:
    return {k: v for k, v in asdict(run).items() if k != "output"}
