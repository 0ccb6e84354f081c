"""The results table of ``benchmarks/README.md``, made from ``benchmarks/results/*.json``.

The table sits between two markers in the README and is replaced whole; the rest of the
README (method, findings) is written by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.harness import RESULTS

README = Path(__file__).resolve().parent / "README.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _s(block: dict[str, Any]) -> str:
    """Median (min–max) seconds."""
    s = block["seconds"]
    return f"{s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f})"


def _mb(block: dict[str, Any]) -> str:
    return f"{block['peak_rss_mb']['max']:,.0f}"


def _rows(n: int) -> str:
    return f"{n / 1e6:.1f} M" if n >= 1e6 else f"{n:,}"


def _compute(doc: dict[str, Any]) -> list[str]:
    lines = [
        "| scale | councils | rows read | `cypp compute --all` s | peak RSS MB | first run s "
        "(compiling) | printing the table s | floor s (query) | compute / floor |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in doc["scales"]:
        floor = s["floor"]
        first = s.get("compute_first_run", {}).get("seconds")
        table = s.get("compute_printing_table", {}).get("seconds")
        lines.append(
            f"| {s['scale']} | {s['councils']} | {_rows(s['total_rows'])} | {_s(s['compute'])} | "
            f"{_mb(s['compute'])} | {_maybe(first)} | {_maybe(table)} | "
            f"{floor['seconds']['median']:.1f} ({floor['query_seconds']['median']:.1f}) | "
            f"{s['compute_over_floor']:.1f}× |"
        )
    return lines


def _maybe(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds:.1f}"


def _pandas(doc: dict[str, Any]) -> list[str]:
    lines = [
        "| scale | rows read | cypp s (same indicators) | pandas s | peak RSS MB cypp / pandas "
        "| pandas / cypp | values compared | mismatched |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in doc["scales"]:
        check = s["crosscheck"]
        wrong = check["mismatched"] + check["only_reference"] + check["only_cypp"]
        lines.append(
            f"| {s['scale']} | {_rows(s['total_rows'])} | {_s(s['cypp'])} | {_s(s['pandas'])} | "
            f"{_mb(s['cypp'])} / {_mb(s['pandas'])} | {s['pandas_over_cypp']:.1f}× | "
            f"{check['compared']:,} | {wrong} |"
        )
    return lines


def _spark(doc: dict[str, Any]) -> list[str]:
    start = doc["spark_start"]
    parity = doc["parity"]
    return [
        "| county | seconds | peak RSS MB |",
        "|---|---|---|",
        f"| Spark session start | {start['session_seconds_median']:.1f} | |",
        f"| the views written as Parquet and registered | {start['views_seconds_median']:.1f} | |",
        f"| `cypp compute --all --backend pyspark` | {_s(doc['spark_compute'])} | "
        f"{_mb(doc['spark_compute'])} |",
        f"| … less start-up and views | {doc['spark_compute_less_start']:.1f} | |",
        f"| `cypp compute --all` (DuckDB) | {_s(doc['duckdb_compute'])} | "
        f"{_mb(doc['duckdb_compute'])} |",
        "",
        f"Parity: {parity['values']:,} values compared, {parity['differing']} differing, "
        f"{parity['only_duckdb']} only on DuckDB, {parity['only_spark']} only on Spark.",
    ]


def _load_table(doc: dict[str, Any]) -> list[str]:
    lines = [
        "| scale | `cypp load` commands | rows | seconds | rows/s | peak RSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for s in doc["scales"]:
        sec = s["seconds"]
        lines.append(
            f"| {s['scale']} | {s['commands']} | {_rows(s['rows'])} | {sec['median']:.0f} "
            f"({sec['min']:.0f}–{sec['max']:.0f}) | {s['rows_per_second']:,.0f} | "
            f"{s['peak_rss_mb']:,.0f} |"
        )
    start = doc["command_startup"]["seconds"]["median"]
    lines += ["", f"One command's start-up (`cypp --help`): {start:.1f} s."]
    return lines


def _report(doc: dict[str, Any]) -> list[str]:
    lines = [
        "| scale | period | `cypp report` s (five formats) | peak RSS MB | PDF pages | "
        "PDF / HTML / XLSX KB |",
        "|---|---|---|---|---|---|",
    ]
    for s in doc["scales"]:
        size = {k: f"{v / 1000:,.0f}" for k, v in s["files"].items()}
        lines.append(
            f"| {s['scale']} | {s['period']} | {_s(s['report'])} | {_mb(s['report'])} | "
            f"{s['pdf_pages'] or ''} | {size.get('pdf', '')} / {size.get('html', '')} / "
            f"{size.get('xlsx', '')} |"
        )
    return lines


def _scale(doc: dict[str, Any] | None, scale: str) -> dict[str, Any] | None:
    for s in (doc or {}).get("scales", []):
        if s["scale"] == scale:
            return dict(s)
    return None


def _goals() -> list[str]:
    """Each goal of the issue against the latest measurement (blank where not measured)."""
    compute, pandas = _load("compute"), _load("pandas")
    nation, county = _scale(compute, "1"), _scale(compute, "county")
    smallest = _scale(compute, "1/8")
    pandas_nation = _scale(pandas, "1")
    rows: list[tuple[str, str, str, bool | None]] = []
    if nation:
        ratio = nation["compute_over_floor"]
        rows.append(
            ("whole-nation compute against the scan floor", "≤ 3×", f"{ratio:.1f}×", ratio <= 3)
        )
        peak = nation["compute"]["peak_rss_mb"]["max"]
        rows.append(
            ("whole-nation compute, peak RSS", "≤ 4 GB", f"{peak / 1000:.1f} GB", peak <= 4000)
        )
        if smallest:
            data = nation["total_rows"] / smallest["total_rows"]
            memory = peak / smallest["compute"]["peak_rss_mb"]["max"]
            rows.append(
                (
                    "peak RSS not growing in step with the data",
                    f"< {data:.1f}× (the data)",
                    f"{memory:.1f}× from 1/8 to 1",
                    memory < data / 2,
                )
            )
    if pandas_nation:
        speed = pandas_nation["pandas_over_cypp"]
        rows.append(
            ("whole-nation compute against pandas", "≥ 20× faster", f"{speed:.1f}×", speed >= 20)
        )
    elif pandas and pandas["scales"]:  # pandas cannot hold the larger scales in memory
        largest = pandas["scales"][-1]
        rows.append(
            (
                "whole-nation compute against pandas",
                "≥ 20× faster",
                f"{largest['pandas_over_cypp']:.1f}× at {largest['scale']}, the largest "
                "pandas can hold",
                None,
            )
        )
    if county:
        seconds = county["compute"]["seconds"]["median"]
        rows.append(("county compute", "≤ 2 s", f"{seconds:.1f} s", seconds <= 2))
    web = _load("web-load")
    at_50 = [level for level in web["levels"] if level["users"] == 50] if web else []
    if at_50:
        p95, errors = at_50[0]["page"]["p95_ms"]["median"], at_50[0]["all"]["errors"]["max"]
        rows.append(
            (
                "public pages at 50 concurrent users",
                "p95 ≤ 100 ms, 0 errors",
                f"p95 {p95:.0f} ms, {errors} errors",
                p95 <= 100 and errors == 0,
            )
        )
    if not rows:
        return []
    lines = ["| goal | target | measured | met |", "|---|---|---|---|"]
    verdict = {True: "yes", False: "no", None: "not measurable"}
    for goal, target, measured, met in rows:
        lines.append(f"| {goal} | {target} | {measured} | {verdict[met]} |")
    return lines


def table() -> str:
    parts: list[str] = []
    goals = _goals()
    if goals:
        parts += ["### Goals", "", *goals, ""]
    latest: dict[str, Any] | None = None
    for name, title, render in (
        ("compute", "Compute at scale, and the scan floor (benchmarks 1 and 3)", _compute),
        ("pandas", "Against pandas (benchmark 2)", _pandas),
        ("spark", "Spark, local mode (benchmark 4)", _spark),
        ("load", "Load (benchmark 6)", _load_table),
        ("report", "The board report (benchmark 6)", _report),
    ):
        doc = _load(name)
        if doc is None:
            continue
        latest = doc
        parts += [
            f"### {title}",
            "",
            *render(doc),
            "",
            f"<sub>{doc['finished']}, {doc['runs_per_measure']} runs per "
            f"measurement, median (min–max).</sub>",
            "",
        ]
    if latest is not None:
        m, v = latest["machine"], latest["versions"]
        parts += [
            f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, shared (load "
            f"average {m['load_average_at_start'][0]:.1f} when the last benchmark started). "
            f"Python {v['python']}, DuckDB {v['duckdb']}, Ibis {v['ibis']}, pyarrow "
            f"{v['pyarrow']}, PySpark {v['pyspark']}, pandas {v['pandas']}; cypp "
            f"{v['cypp_commit'][:10]}"
            + (" with uncommitted changes" if v["cypp_uncommitted_changes"] else "")
            + ".",
        ]
    return "\n".join(parts).rstrip() + "\n"


def write_table() -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else f"{START}\n{END}\n"
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{START}\n{table()}{END}{tail}", encoding="utf-8")
