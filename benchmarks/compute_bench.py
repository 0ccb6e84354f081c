"""Benchmarks 1 and 3: ``cypp compute --all`` at each scale of the nation, and the scan floor.

Per scale: the data's size (rows in the ``current__`` views the plan reads), ``cypp compute
--all`` wall time and peak memory over the runs, then the floor (``benchmarks.floor``) on
the same warehouse in the same invocation, and their ratio.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.harness import as_dict, measure, repeat, summary


def compute_command(*extra: str) -> list[str]:
    """``cypp compute --all`` on the demo plan, every value written as CSV (to /dev/null: the
    terminal table of a nation's values is measured apart, see the README)."""
    return [
        data.CYPP,
        "compute",
        "--all",
        "--quiet",
        "--format",
        "csv",
        "--plan",
        str(data.PLAN),
        *extra,
    ]


def forget_compiled_sql(warehouse: Path) -> None:
    """Empty the warehouse's compiled SQL, so the next run compiles as a first run does."""
    import duckdb

    con = duckdb.connect(str(warehouse))
    try:
        if con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'compiled_sql'"
        ).fetchall()[0][0]:
            con.execute("DELETE FROM compiled_sql")
    finally:
        con.close()


def view_rows(warehouse: Path) -> dict[str, int]:
    """Rows of each ``current__`` view (the data the engine reads)."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        views = [
            r[0]
            for r in con.execute(
                "SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'current__%'"
            ).fetchall()
        ]
        return {
            v: con.execute(f'SELECT count(*) FROM "{v}"').fetchall()[0][0] for v in sorted(views)
        }
    finally:
        con.close()


def columns_file(nation: data.Nation) -> Path:
    """The floor's columns for this warehouse, worked out once (see ``floor.needed_columns``)."""
    from benchmarks.floor import needed_columns

    path = nation.home / "floor-columns.json"
    if not path.exists():
        path.write_text(json.dumps(needed_columns(nation.warehouse, data.PLAN), indent=1))
    return path


def floor_runs(nation: data.Nation, runs: int) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks.floor",
        str(nation.warehouse),
        "--columns",
        str(columns_file(nation)),
    ]
    measure(command, cwd=data.ROOT_DIR)  # warm-up: the file into the page cache, as for cypp
    done = repeat(command, runs, cwd=data.ROOT_DIR, label="floor", keep_output=True)
    queries = [json.loads(r.output)["query_seconds"] for r in done]
    result = summary(done)
    result["query_seconds"] = {"median": sorted(queries)[len(queries) // 2], "all": queries}
    result["columns"] = json.loads(columns_file(nation).read_text())
    return result


def run_scale(scale: str, runs: int) -> dict[str, Any]:
    nation = data.dataset(scale)
    rows = view_rows(nation.warehouse)
    print(f"{scale}: {sum(rows.values()):,} rows in the current views", flush=True)
    forget_compiled_sql(nation.warehouse)
    cold = measure(compute_command(), cwd=nation.home)
    print(f"  cypp compute, first run (compiling): {cold.seconds:.1f} s", flush=True)
    compute = summary(repeat(compute_command(), runs, cwd=nation.home, label="cypp compute"))
    floor = floor_runs(nation, runs)
    table = [c for c in compute_command() if c not in ("--format", "csv")]
    as_table = measure(table, cwd=nation.home)  # the default output: a terminal table
    print(f"  cypp compute printing its table: {as_table.seconds:.1f} s", flush=True)
    return {
        "scale": scale,
        "councils": len(nation.councils),
        "councils_left_out": list(nation.skipped),
        "rows": rows,
        "total_rows": sum(rows.values()),
        "warehouse_mb": round(nation.warehouse.stat().st_size / 1e6, 1),
        "compute_first_run": as_dict(cold),
        "compute_printing_table": as_dict(as_table),
        "compute": compute,
        "floor": floor,
        "compute_over_floor": compute["seconds"]["median"] / floor["seconds"]["median"],
        "compute_over_floor_query": compute["seconds"]["median"] / floor["query_seconds"]["median"],
    }


def run(scales: list[str], runs: int) -> dict[str, Any]:
    return {"runs_per_measure": runs, "scales": [run_scale(s, runs) for s in scales]}
