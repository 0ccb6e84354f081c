"""One locust run, headless in a process of its own, and what it measured: requests per
second, the 50th/95th/99th percentile response times and the errors, per kind of request
(``page``: the public pages; ``download``: their CSV and JSON; ``api``; ``staff``).

Percentiles are computed here from every request's own time (nearest rank), not from
locust's rounded histogram, so that each kind gets its own exact figures. The users start
evenly over a ramp (5 s), which is left out of the figures (not of the errors): all of them
firing their first request in the same instant is not a load anyone meets.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.web.server import Server, cpu_seconds, peak_rss_mb

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
SEARCHES = ("school", "care", "young people", "attainment", "health", "conception", "NI 75")


def site_manifest(server: Server) -> dict[str, Any]:
    """The published site's pages, read from its own API."""

    def get(path: str) -> Any:
        with urllib.request.urlopen(server.url + path, timeout=30) as r:
            return json.loads(r.read())

    plan, listing = get("/api/plan"), get("/api/indicators")["indicators"]
    return {
        "outcomes": [o["id"] for o in plan["outcomes"]],
        "priorities": [p["id"] for p in plan["priorities"]],
        "slugs": [i["slug"] for i in listing],
        "keys": [i["key"] for i in listing],
        "series_slugs": [i["slug"] for i in listing if "csv" in i["links"]],
        "series_keys": [i["key"] for i in listing if "csv" in i["links"]],
        "searches": list(SEARCHES),
    }


@dataclass
class Record:
    """What one locust run saw: every request, every item the staff users saved."""

    requests: list[list[Any]]  # [start time, kind, name, ms, status, error]
    items: list[dict[str, Any]]
    users: int
    seconds: float
    wall_seconds: float
    locust_cpu_seconds: float
    server_cpu_seconds: float
    load_average: tuple[float, float]  # 1-minute load average before and after
    server_times: list[tuple[float, str, int, float]]  # gunicorn's: when, path, status, ms
    ramp: float  # seconds over which the users were started, left out of the figures
    server_peak_rss_mb: float  # gunicorn's master and workers, each's peak, summed


def run_locust(
    server: Server,
    manifest: dict[str, Any],
    *,
    users: int,
    seconds: float,
    classes: tuple[str, ...] = ("PublicUser",),
    workdir: Path,
    ramp: float = 5.0,
) -> Record:
    """Run locust against ``server`` with ``users`` users, started evenly over ``ramp``
    seconds, then ``seconds`` more: the figures are of those ``seconds`` (all users running),
    errors of the whole run."""
    workdir.mkdir(parents=True, exist_ok=True)
    manifest_file, record_file = workdir / "manifest.json", workdir / "record.json"
    manifest_file.write_text(json.dumps(manifest))
    record_file.unlink(missing_ok=True)
    env = dict(os.environ, CYPP_LOAD_MANIFEST=str(manifest_file), CYPP_LOAD_RECORD=str(record_file))
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
        "-u", str(users), "-r", f"{users / ramp:g}", "-t", f"{ramp + seconds:g}s", "-H", server.url,
        "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "15", *classes,
    ]  # fmt: skip
    workers = server.worker_pids()
    log_from = server.log_size()
    cpu_before = cpu_seconds(workers)
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    with (workdir / "locust.log").open("wb") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    cpu_after = cpu_seconds(workers)
    if not record_file.exists():
        raise RuntimeError(
            f"locust wrote no record (exit {os.waitstatus_to_exitcode(status)}):\n"
            + (workdir / "locust.log").read_text(errors="replace")[-4000:]
        )
    body = json.loads(record_file.read_text())
    server_cpu = sum(cpu_after[p] - cpu_before.get(p, 0.0) for p in cpu_after)
    return Record(
        body["requests"],
        body["items"],
        users,
        seconds,
        wall,
        usage.ru_utime + usage.ru_stime,
        server_cpu,
        (load_before, os.getloadavg()[0]),
        server.timings(log_from),
        ramp,
        peak_rss_mb(workers),
    )


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_ms:
        return math.nan
    return sorted_ms[max(0, math.ceil(p / 100 * len(sorted_ms)) - 1)]


def _figures(rows: list[list[Any]], seconds: float) -> dict[str, Any]:
    times = sorted(float(r[3]) for r in rows)
    errors = [r for r in rows if r[5]]
    return {
        "requests": len(rows),
        "requests_per_second": len(rows) / seconds,
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "p99_ms": percentile(times, 99),
        "max_ms": times[-1] if times else math.nan,
        "errors": len(errors),
    }


def kind_of(path: str) -> str:
    """The kind of a request by its path, as the locustfile names them."""
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/staff/"):
        return "staff"
    if path.startswith("/indicators/") and path.endswith((".csv", ".json")):
        return "download"
    return "page"


def _server_figures(times: list[tuple[float, str, int, float]]) -> dict[str, dict[str, Any]]:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for _, path, _, ms in times:
        by_kind[kind_of(path)].append(ms)
        by_kind["all"].append(ms)
    out = {}
    for kind, values in sorted(by_kind.items()):
        values.sort()
        out[kind] = {
            "requests": len(values),
            "p50_ms": percentile(values, 50),
            "p95_ms": percentile(values, 95),
            "p99_ms": percentile(values, 99),
        }
    return out


def window(record: Record) -> tuple[float, float]:
    """From the end of the ramp (timed from the first answer) for ``seconds``."""
    first = min((r[0] for r in record.requests), default=0.0)
    return first + record.ramp, first + record.ramp + record.seconds


def summarise(record: Record) -> dict[str, Any]:
    """Figures of the measured window: all requests, per kind and per name; the errors of the
    whole run, with samples; the server's own times; the machine."""
    start, end = window(record)
    rows = [r for r in record.requests if start <= r[0] < end]
    by_kind: dict[str, list[list[Any]]] = defaultdict(list)
    by_name: dict[str, list[list[Any]]] = defaultdict(list)
    for r in rows:
        by_kind[r[1]].append(r)
        by_name[r[2]].append(r)
    errors = Counter(f"{r[2]}: {r[4]} {r[5]}" for r in record.requests if r[5])
    inside = [t for t in record.server_times if int(start) <= t[0] < end]
    return {
        "users": record.users,
        "seconds": record.seconds,
        "ramp_seconds": record.ramp,
        "all": _figures(rows, record.seconds),
        "by_kind": {k: _figures(v, record.seconds) for k, v in sorted(by_kind.items())},
        "by_name": {k: _figures(v, record.seconds) for k, v in sorted(by_name.items())},
        "requests_whole_run": len(record.requests),
        "errors_whole_run": sum(errors.values()),
        "error_samples": dict(errors.most_common(10)),
        "server_time": _server_figures(inside),
        "server_cpu_seconds": record.server_cpu_seconds,
        "server_peak_rss_mb": record.server_peak_rss_mb,
        "locust_cpu_seconds": record.locust_cpu_seconds,
        "load_average_1min_before_after": list(record.load_average),
    }
