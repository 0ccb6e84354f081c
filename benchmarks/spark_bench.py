"""Benchmark 4: the same computation on PySpark (local mode) at county scale.

``cypp compute --all --backend pyspark`` and ``cypp compute --all`` (DuckDB), each run as
its own process, on the county warehouse; Spark's start-up measured apart (a process that
only starts a session, and one that also hands the warehouse's views to Spark, timed inside);
parity: the latest Spark run's ``results`` against the latest DuckDB run's, value by value.

    python -m benchmarks.spark_bench start WAREHOUSE   # prints JSON: session_seconds, views_seconds
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.compute_bench import compute_command, view_rows
from benchmarks.harness import measure, repeat, summary

SPARK_ENV = {**os.environ, "SPARK_LOCAL_IP": "127.0.0.1"}
COMPARED = ("numerator", "denominator", "value", "ci_low", "ci_high")


def parity(warehouse: Path) -> dict[str, Any]:
    """The latest pyspark run's values against the latest duckdb run's."""
    import duckdb
    import numpy as np

    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        runs = {}
        for backend in ("duckdb", "pyspark"):
            found = con.execute(
                "SELECT run_id FROM runs WHERE backend = ? ORDER BY started DESC LIMIT 1",
                [backend],
            ).fetchall()
            runs[backend] = found[0][0]
        frames = {
            backend: con.sql(
                'SELECT indicator, area, period, breakdown, "group", numerator, denominator, '
                "value, ci_low, ci_high, suppressed, definition_version FROM results "
                "WHERE run_id = $run",
                params={"run": run},
            )
            .to_arrow_table()
            .to_pandas()
            for backend, run in runs.items()
        }
    finally:
        con.close()
    keys = ["indicator", "area", "period", "breakdown", "group"]
    merged = frames["duckdb"].merge(
        frames["pyspark"], on=keys, how="outer", indicator=True, suffixes=("_duckdb", "_spark")
    )
    both = merged[merged["_merge"] == "both"]
    differ = np.zeros(len(both), dtype=bool)
    for column in COMPARED:
        a = both[f"{column}_duckdb"].astype("float64")
        b = both[f"{column}_spark"].astype("float64")
        differ |= ~(np.isclose(a, b, rtol=1e-9, atol=1e-9) | (a.isna() & b.isna()))
    for column in ("suppressed", "definition_version"):
        differ |= np.asarray(both[f"{column}_duckdb"] != both[f"{column}_spark"])
    bad = both[differ]
    return {
        "runs": runs,
        "values": len(both),
        "differing": int(differ.sum()),
        "only_duckdb": int((merged["_merge"] == "left_only").sum()),
        "only_spark": int((merged["_merge"] == "right_only").sum()),
        "examples": bad.head(10)
        .astype(object)
        .where(bad.head(10).notna(), None)
        .to_dict("records"),
    }


def run(scales: list[str], runs: int) -> dict[str, Any]:
    county = data.dataset("county")
    start = [sys.executable, "-m", "benchmarks.spark_bench", "start", str(county.warehouse)]
    started = repeat(
        start, runs, cwd=data.ROOT_DIR, env=SPARK_ENV, label="spark start", keep_output=True
    )
    phases = [json.loads(r.output) for r in started]
    measure(compute_command("--backend", "pyspark"), cwd=county.home, env=SPARK_ENV)  # warm-up
    spark = summary(
        repeat(
            compute_command("--backend", "pyspark"),
            runs,
            cwd=county.home,
            env=SPARK_ENV,
            label="cypp compute --backend pyspark",
        )
    )
    duck = summary(repeat(compute_command(), runs, cwd=county.home, label="cypp compute"))
    session = sorted(p["session_seconds"] for p in phases)[len(phases) // 2]
    views = sorted(p["views_seconds"] for p in phases)[len(phases) // 2]
    return {
        "runs_per_measure": runs,
        "scale": "county",
        "total_rows": sum(view_rows(county.warehouse).values()),
        "spark_start": {
            **summary(started),
            "session_seconds_median": session,
            "views_seconds_median": views,
            "phases": phases,
        },
        "spark_compute": spark,
        "spark_compute_less_start": spark["seconds"]["median"] - session - views,
        "duckdb_compute": duck,
        "parity": parity(county.warehouse),
    }


def start(warehouse: str) -> None:
    """Time a Spark session's start, then handing it the warehouse's current views."""
    from cypp.engine.spark import spark_backend, spark_session
    from cypp.engine.store import Store

    began = time.perf_counter()
    session = spark_session()
    session_seconds = time.perf_counter() - began
    began = time.perf_counter()
    with Store(warehouse, read_only=True) as store:
        spark_backend(store)
    views_seconds = time.perf_counter() - began
    session.stop()
    print(json.dumps({"session_seconds": session_seconds, "views_seconds": views_seconds}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["start"]:
        start(sys.argv[2])
