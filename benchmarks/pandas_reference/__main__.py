"""Run the pandas reference over a warehouse and write its aggregates.

    python -m benchmarks.pandas_reference WAREHOUSE --out aggregates.parquet [--indicator CODE ...]

Prints one JSON line: seconds spent, indicators computed, rows written.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import pandas as pd

from benchmarks.pandas_reference.indicators import INDICATORS, compute_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--indicator", action="append", choices=sorted(INDICATORS))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    table: pd.DataFrame = compute_all(str(args.warehouse), args.indicator or sorted(INDICATORS))
    seconds = time.perf_counter() - started
    table.to_parquet(args.out, index=False)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "indicators": sorted(table["indicator"].unique()),
                "rows": len(table),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
