"""The floor: one DuckDB query reading, once, every column the plan's indicators read.

No indicator can be computed faster than its data can be read, so the time of this scan is
the floor against which ``cypp compute`` is judged. Which columns are "needed" is taken from
DuckDB itself: the table scans of each computed indicator's query after DuckDB's optimiser
has pruned the unused columns (``EXPLAIN (FORMAT JSON)``). The floor reads them from the same
``current__`` views the engine reads (each a join of a data table with ``batches``), and
takes ``max`` of each column so that every value is read, with ``count(*)`` of each view.

    python -m benchmarks.floor WAREHOUSE [--columns FILE]   # prints JSON: seconds, rows
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any


def needed_columns(warehouse: Path, plan: Path) -> dict[str, list[str]]:
    """``current__`` view -> the columns the plan's computed indicators read from it."""
    import ibis

    from cypp.engine.compute import plan_query
    from cypp.engine.store import Store
    from cypp.indicators.definition import all_definitions
    from cypp.plan.model import Method
    from cypp.plan.validate import load_plan

    definitions = all_definitions()
    wanted: dict[str, set[str]] = {}
    with Store(warehouse, read_only=True) as store:
        present = store.tables()
        for indicator in load_plan(plan).indicators:
            if indicator.method is not Method.COMPUTED or indicator.definition is None:
                continue
            expr, _ = plan_query(definitions[indicator.definition])
            sql = str(ibis.to_sql(expr, dialect="duckdb"))
            [(_, text)] = store.fetch("EXPLAIN (FORMAT JSON) " + sql)
            for node in _nodes(json.loads(text)):
                info = node.get("extra_info") or {}
                table = str(info.get("Table", "")).rsplit(".", 1)[-1]
                view = f"current__{table}"
                if node.get("name") != "SEQ_SCAN" or view not in present:
                    continue
                columns = info.get("Projections", [])
                columns = [columns] if isinstance(columns, str) else columns
                wanted.setdefault(view, set()).update(c for c in columns if c != "_batch")
    return {view: sorted(columns) for view, columns in sorted(wanted.items())}


def _nodes(plan: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    todo = list(plan) if isinstance(plan, list) else [plan]
    while todo:
        node = todo.pop()
        found.append(node)
        todo.extend(node.get("children", []))
    return found


def floor_sql(columns: dict[str, list[str]]) -> str:
    """One query: per view, ``count(*)`` and ``max`` of each needed column, side by side."""
    parts = []
    for i, (view, names) in enumerate(columns.items()):
        aggregates = ", ".join(
            ["count(*) AS n"] + [f'max("{name}") AS "m{j}"' for j, name in enumerate(names)]
        )
        parts.append(f'(SELECT {aggregates} FROM "{view}") AS v{i}')
    return "SELECT * FROM " + ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("--columns", type=Path, help="JSON from needed_columns()")
    args = parser.parse_args(argv)
    import duckdb  # the engine's driver, read directly: the floor has nothing of cypp

    columns = json.loads(args.columns.read_text())
    con = duckdb.connect(str(args.warehouse), read_only=True)
    started = time.perf_counter()
    cursor = con.execute(floor_sql(columns))
    row = cursor.fetchone() or ()
    seconds = time.perf_counter() - started
    names = [d[0] for d in cursor.description or ()]
    counts = [v for v, k in zip(row, names, strict=True) if k == "n"]
    print(json.dumps({"query_seconds": seconds, "rows": sum(counts)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
