"""Benchmark 2: cypp against the pandas reference, on the same data in the same invocation.

Per scale: ``cypp compute --all`` restricted (``--indicator``) to the indicators the
reference covers, then the reference (``python -m benchmarks.pandas_reference``), each run
as its own process; the last reference output is cross-checked value by value against the
latest cypp run's ``results`` (mismatches are findings: see the README).
"""

from __future__ import annotations

import json
import statistics
import sys
from typing import Any

from benchmarks import data
from benchmarks.compute_bench import compute_command, view_rows
from benchmarks.harness import measure, repeat, summary
from benchmarks.pandas_reference.indicators import INDICATORS


def run_scale(scale: str, runs: int) -> dict[str, Any]:
    import pandas as pd

    from benchmarks.pandas_reference.crosscheck import crosscheck, latest_results

    nation = data.dataset(scale)
    codes = sorted(INDICATORS)
    only = [arg for code in codes for arg in ("--indicator", code)]
    measure(compute_command(*only), cwd=nation.home)  # warm-up (and its execution plan kept)
    cypp = summary(repeat(compute_command(*only), runs, cwd=nation.home, label="cypp compute"))
    out = nation.home / "pandas-reference.parquet"
    command = [
        sys.executable,
        "-m",
        "benchmarks.pandas_reference",
        str(nation.warehouse),
        "--out",
        str(out),
    ]
    measure(command, cwd=data.ROOT_DIR)  # warm-up, as for cypp
    done = repeat(command, runs, cwd=data.ROOT_DIR, label="pandas", keep_output=True)
    inner = [json.loads(r.output)["seconds"] for r in done]
    reference = summary(done)
    reference["in_process_seconds"] = {"median": statistics.median(inner), "all": inner}
    run_id, results = latest_results(str(nation.warehouse))
    check = crosscheck(pd.read_parquet(out), results)
    check["cypp_run"] = run_id
    rows = view_rows(nation.warehouse)
    return {
        "scale": scale,
        "total_rows": sum(rows.values()),
        "indicators": codes,
        "cypp": cypp,
        "pandas": reference,
        "cypp_over_pandas": cypp["seconds"]["median"] / reference["seconds"]["median"],
        "pandas_over_cypp": reference["seconds"]["median"] / cypp["seconds"]["median"],
        "crosscheck": check,
    }


def run(scales: list[str], runs: int) -> dict[str, Any]:
    return {"runs_per_measure": runs, "scales": [run_scale(s, runs) for s in scales]}
