"""``python -m benchmarks.web``: the web benchmark, or the load while publishing.

    .venv/bin/python -m benchmarks.web bench [--users 10,50,100] [--seconds 60] [--runs 3]
        [--workers 2] [--threads N] [--site DIR]
    .venv/bin/python -m benchmarks.web publishing [--minutes 5] [--users 100] [--leads 5]
        [--postgres] [--site DIR]

``bench`` writes ``benchmarks/results/web-load.json``; ``publishing`` writes
``benchmarks/results/web-publishing.json`` (``-postgresql`` with ``--postgres``); both then
redraw the tables under "## Web" in ``benchmarks/README.md``. Without
``--site`` both build the published synthetic county once under
``$CYPP_BENCH_DATA/web/county`` (about two minutes).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.web import bench, publishing, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.web", description=__doc__.splitlines()[0]
    )
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("bench", help="public pages and API at 10, 50 and 100 users")
    b.add_argument("--users", default="10,50,100", help="comma-separated user counts")
    b.add_argument("--seconds", type=float, default=bench.SECONDS)
    b.add_argument("--runs", type=int, default=3)
    b.add_argument("--workers", type=int, default=2)
    b.add_argument("--threads", type=int, default=None)
    b.add_argument("--site", type=Path, help="a published site folder (its cypp.toml)")
    b.add_argument("--name", default="web-load", help="results file name (default web-load)")
    p = commands.add_parser("publishing", help="load while an analyst publishes, leads write")
    publishing.add_arguments(p)
    args = parser.parse_args(argv)
    if args.command == "bench":
        body = bench.bench(
            tuple(int(u) for u in args.users.split(",")),
            runs=args.runs,
            seconds=args.seconds,
            workers=args.workers,
            threads=args.threads,
            site_folder=args.site,
        )
        print(f"wrote {bench.write(body, args.name)}")
        report.write_table()
        return 0
    code = publishing.main_from(args)
    report.write_table()
    return code


if __name__ == "__main__":
    sys.exit(main())
