"""cypp's benchmarks: one command runs one benchmark (or all) and writes its results.

    .venv/bin/python -m benchmarks run NAME|all [--scales 1/8,1/4,1/2,1] [--runs 3]
    .venv/bin/python -m benchmarks table      # the README's table, from results/*.json

NAME: compute (with the scan floor), pandas, spark, load, report. Each writes
``benchmarks/results/<NAME>.json`` and regenerates the table in ``benchmarks/README.md``.
Data is generated and loaded once under ``$CYPP_BENCH_DATA`` (default ``/work/bench-data``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks import (
    board_report_bench,
    compute_bench,
    load_bench,
    pandas_bench,
    report,
    spark_bench,
)
from benchmarks.harness import RESULTS, write_result

BENCHMARKS: dict[str, tuple[Callable[[list[str], int], dict[str, Any]], str]] = {
    "load": (load_bench.run, "county,1"),
    "compute": (compute_bench.run, "county,1/8,1/4,1/2,1"),
    "pandas": (pandas_bench.run, "county,1/8"),
    "spark": (spark_bench.run, "county"),
    "report": (board_report_bench.run, "county"),
}


ORDER = ("county", "1/8", "1/4", "1/2", "1")


def merged(name: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with the scales of the earlier results it did not run again: the scales of a
    benchmark can be run at different times (the nation when the machine is quiet)."""
    path = RESULTS / f"{name}.json"
    if "scales" not in body or not path.exists():
        return body
    done = {s["scale"] for s in body["scales"]}
    kept = [s for s in json.loads(path.read_text()).get("scales", []) if s["scale"] not in done]
    scales = sorted(
        [*kept, *body["scales"]],
        key=lambda s: ORDER.index(s["scale"]) if s["scale"] in ORDER else len(ORDER),
    )
    return {**body, "scales": scales}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run a benchmark (or all) and write its results")
    run.add_argument("name", choices=[*BENCHMARKS, "all"])
    run.add_argument(
        "--scales", help="comma-separated: county, 1/8, 1/4, 1/2, 1 (default: each benchmark's own)"
    )
    run.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    commands.add_parser("table", help="regenerate the table in benchmarks/README.md")
    args = parser.parse_args(argv)
    if args.command == "table":
        report.write_table()
        return 0
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    names = list(BENCHMARKS) if args.name == "all" else [args.name]
    for name in names:
        function, default = BENCHMARKS[name]
        scales = (args.scales or default).split(",")
        print(f"== {name} at {', '.join(scales)}, {args.runs} runs each", flush=True)
        for scale in scales:  # each scale written as it ends: a nation's run takes long
            started = time.monotonic()
            body = function([scale], args.runs)
            body["benchmark_seconds"] = time.monotonic() - started
            print(f"wrote {write_result(name, merged(name, body))}", flush=True)
            report.write_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
