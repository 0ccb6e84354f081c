"""Benchmark 5 of issue 8: the public site and the API under 10, 50 and 100 concurrent users.

``cypp serve`` (gunicorn, production settings) serves the published synthetic county on
127.0.0.1; locust's users (``locustfile.PublicUser``) read the public pages (home, priorities,
outcomes, the list of measures, a measure, how are we doing, search, about), download CSV and
JSON, and call the API, each from a loopback address of its own, reading for 1 to 2 seconds
between requests. Each level runs ``seconds`` (60) after a 15-second warm-up of the server,
``runs`` times; every figure is given as median, min and max over the runs. The users start
evenly over 5 s, which the figures leave out (the errors do not).

Results: ``benchmarks/results/web-load.json``. The goal (issue 8): public pages p95 ≤ 100 ms
at 50 users with no errors.
"""

from __future__ import annotations

import statistics
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.harness import write_result
from benchmarks.web import site as sites
from benchmarks.web.loadrun import run_locust, site_manifest, summarise
from benchmarks.web.server import serving

LEVELS = (10, 50, 100)
SECONDS = 60.0
WARM_UP = 15.0
WAIT = (1.0, 2.0)
KINDS = ("all", "page", "download", "api")
FIGURES = ("requests_per_second", "p50_ms", "p95_ms", "p99_ms", "max_ms", "errors", "requests")


def _spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def _level(users: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median, min and max over the runs of each figure of each kind."""
    out: dict[str, Any] = {"users": users}
    for kind in KINDS:
        blocks = [r["all"] if kind == "all" else r["by_kind"].get(kind) for r in runs]
        present = [b for b in blocks if b]
        out[kind] = {f: _spread([b[f] for b in present]) for f in FIGURES} if present else None
    out["server_time"] = {
        kind: {
            f: _spread([r["server_time"][kind][f] for r in runs if kind in r["server_time"]])
            for f in ("p50_ms", "p95_ms", "p99_ms")
        }
        for kind in KINDS
        if any(kind in r["server_time"] for r in runs)
    }
    out["errors_whole_run"] = _spread([r["errors_whole_run"] for r in runs])
    total = [r["requests_whole_run"] for r in runs]
    out["server_cpu_ms_per_request"] = _spread(
        [1000 * r["server_cpu_seconds"] / max(1, n) for r, n in zip(runs, total, strict=True)]
    )
    out["locust_cpu_seconds"] = _spread([r["locust_cpu_seconds"] for r in runs])
    out["server_peak_rss_mb"] = _spread([r["server_peak_rss_mb"] for r in runs])
    out["runs"] = runs
    return out


def bench(
    levels: tuple[int, ...] = LEVELS,
    *,
    runs: int = 3,
    seconds: float = SECONDS,
    workers: int = 2,
    threads: int | None = None,
    site_folder: Path | None = None,
    workdir: Path | None = None,
) -> dict[str, Any]:
    site = sites.Site(site_folder, sites.DEMO_PLAN) if site_folder else sites.county_site()
    workdir = workdir or site.folder / "locust"
    results: dict[int, list[dict[str, Any]]] = {n: [] for n in levels}
    with serving(site.folder, workers=workers, threads=threads, env=site.env()) as server:
        manifest = {"site": site_manifest(server), "wait": list(WAIT)}
        print(f"  warming up: 10 users for {WARM_UP:.0f} s", flush=True)
        run_locust(server, manifest, users=10, seconds=WARM_UP, workdir=workdir)
        for i in range(runs):
            for users in levels:  # interleaved, so that a noisy minute spreads over levels
                record = run_locust(server, manifest, users=users, seconds=seconds, workdir=workdir)
                figures = summarise(record)
                page = figures["by_kind"].get("page", {})
                inside = figures["server_time"].get("page", {})
                print(
                    f"  run {i + 1}/{runs}, {users} users: {figures['all']['requests_per_second']:.1f}"
                    f" req/s, pages p50 {page.get('p50_ms', 0):.0f} / p95 {page.get('p95_ms', 0):.0f}"
                    f" / p99 {page.get('p99_ms', 0):.0f} ms (in the server p95 "
                    f"{inside.get('p95_ms', 0):.0f} ms), errors {figures['errors_whole_run']}, "
                    f"load {figures['load_average_1min_before_after'][1]:.1f}",
                    flush=True,
                )
                results[users].append(figures)
                time.sleep(2)
    return {
        "runs_per_measure": runs,
        "seconds_per_run": seconds,
        "think_time_seconds": list(WAIT),
        "server": {
            "command": f"cypp serve --workers {workers}"
            + (f" --threads {threads}" if threads else " (its default: 4 threads each, gthread)"),
            "mode": "production (CYPP_WEB_MODE=production), loopback, SQLite workspace",
        },
        "site": str(site.folder),
        "web_versions": web_versions(),
        "levels": [_level(users, results[users]) for users in levels],
    }


def web_versions() -> dict[str, str | None]:
    return {p: _version(p) for p in ("django", "gunicorn", "locust", "whitenoise", "psycopg")}


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def run(scales: list[str], runs: int) -> dict[str, Any]:
    """The entry for ``python -m benchmarks run web``: ``scales`` are the user counts."""
    return bench(tuple(int(s) for s in scales), runs=runs)


def write(body: dict[str, Any], name: str = "web-load") -> Path:
    return write_result(name, body)
