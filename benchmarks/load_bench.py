"""Benchmark 6: ``cypp load`` of the county and of the nation, in rows per second.

Each run loads every return the plan reads into a new, empty warehouse with the same
``cypp load`` commands a user would type (``data.load_commands``): the county one command per
return; the nation one England batch per return and year, and SSDA903 per council. Time and
peak memory are per command, summed (time) and maxed (memory) per run; rows are those the
warehouse holds afterwards. A command's start-up (Python and cypp's imports) is measured
apart with ``cypp --help``, since the nation's SSDA903 takes one command per council.
"""

from __future__ import annotations

import shutil
import statistics
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.compute_bench import view_rows
from benchmarks.harness import measure, repeat, summary


def _one_load(nation: data.Nation, target: Path) -> dict[str, Any]:
    if target.parent.exists():
        shutil.rmtree(target.parent)
    data.write_settings(nation, target)
    per_return: dict[str, dict[str, float]] = {}
    seconds, peak = 0.0, 0.0
    for command in data.load_commands(nation):
        done = measure(command, cwd=target.parent)
        seconds += done.seconds
        peak = max(peak, done.peak_rss_mb)
        part = per_return.setdefault(
            command[2], {"seconds": 0.0, "commands": 0, "peak_rss_mb": 0.0}
        )
        part["seconds"] += done.seconds
        part["commands"] += 1
        part["peak_rss_mb"] = max(part["peak_rss_mb"], done.peak_rss_mb)
    rows = sum(view_rows(target).values())
    print(
        f"  load: {seconds:.1f} s, {rows:,} rows, {rows / seconds:,.0f} rows/s, peak {peak:.0f} MB",
        flush=True,
    )
    return {"seconds": seconds, "peak_rss_mb": peak, "rows": rows, "per_return": per_return}


def run_scale(scale: str, runs: int) -> dict[str, Any]:
    nation = data.county() if scale == "county" else data.generated(data.parse_scale(scale))
    label = "county" if scale == "county" else data.label(nation.fraction)
    loads = []
    for i in range(runs):
        target = data.DATA / "warehouses" / f"{label}-load-{i + 1}" / "warehouse.duckdb"
        loads.append(_one_load(nation, target))
        if i < runs - 1 or (nation.warehouse.parent / "loaded.json").exists():
            shutil.rmtree(target.parent)
        else:  # keep the last load as the scale's warehouse: the nation is loaded once
            _adopt(nation, target)
    seconds = [load["seconds"] for load in loads]
    rows = loads[-1]["rows"]
    return {
        "scale": scale,
        "commands": len(data.load_commands(nation)),
        "rows": rows,
        "seconds": {
            "median": statistics.median(seconds),
            "min": min(seconds),
            "max": max(seconds),
            "all": seconds,
        },
        "rows_per_second": rows / statistics.median(seconds),
        "peak_rss_mb": max(load["peak_rss_mb"] for load in loads),
        "loads": loads,
    }


def _adopt(nation: data.Nation, target: Path) -> None:
    """Make a benchmark load the scale's warehouse (for the compute benchmarks)."""
    home = nation.warehouse.parent
    if home.exists():
        shutil.rmtree(home)
    home.parent.mkdir(parents=True, exist_ok=True)
    target.parent.rename(home)
    data.write_settings(nation)
    (home / "loaded.json").write_text("{}")


def run(scales: list[str], runs: int) -> dict[str, Any]:
    startup = summary(repeat([data.CYPP, "--help"], runs, label="cypp --help"))
    return {
        "runs_per_measure": runs,
        "command_startup": startup,
        "scales": [run_scale(s, runs) for s in scales],
    }
