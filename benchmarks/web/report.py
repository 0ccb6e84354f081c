"""The web benchmarks' tables in ``benchmarks/README.md``, from ``results/web-*.json``.

They sit between their own markers under ``## Web``, outside the markers of the other
benchmarks' table (``benchmarks/report.py``), and are replaced whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.harness import RESULTS

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- web:start -->", "<!-- web:end -->"
GOAL_USERS, GOAL_P95_MS = 50, 100.0


def _load(name: str) -> dict[str, Any] | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _ms(block: dict[str, Any] | None, figure: str) -> str:
    if not block:
        return "–"
    s = block[figure]
    return f"{s['median']:.0f} ({s['min']:.0f}–{s['max']:.0f})"


def _three(block: dict[str, Any] | None) -> str:
    if not block:
        return "–"
    return " / ".join(f"{block[f]['median']:.0f}" for f in ("p50_ms", "p95_ms", "p99_ms"))


def _rss(level: dict[str, Any]) -> str:
    rss = level.get("server_peak_rss_mb")
    return f"{rss['max']:.0f}" if rss else "–"


def _load_table(doc: dict[str, Any]) -> list[str]:
    rss = all("server_peak_rss_mb" in level for level in doc["levels"])
    lines = [
        "| users | requests/s | pages p50 / p95 / p99 ms | pages p95 ms (min–max) | API p50 / p95 / p99 ms "
        "| downloads p50 / p95 / p99 ms | errors | pages p95 in the server ms | server CPU ms per request "
        + ("| server peak RSS MB |" if rss else "|"),
        "|---|---|---|---|---|---|---|---|---|" + ("---|" if rss else ""),
    ]
    for level in doc["levels"]:
        inside = level.get("server_time", {}).get("page")
        errors = level["errors_whole_run"]
        lines.append(
            f"| {level['users']} | {level['all']['requests_per_second']['median']:.1f} "
            f"| {_three(level['page'])} | {_ms(level['page'], 'p95_ms')} | {_three(level['api'])} "
            f"| {_three(level['download'])} | {errors['max']:.0f} "
            f"| {_ms(inside, 'p95_ms')} | {level['server_cpu_ms_per_request']['median']:.1f} |"
            + (f" {_rss(level)} |" if rss else "")
        )
    goal = next((lv for lv in doc["levels"] if lv["users"] == GOAL_USERS), None)
    if goal is not None:
        p95, errors = goal["page"]["p95_ms"]["median"], goal["errors_whole_run"]["max"]
        met = p95 <= GOAL_P95_MS and errors == 0
        lines += ["", f"Goal, public pages p95 ≤ {GOAL_P95_MS:.0f} ms at {GOAL_USERS} users with "
                  f"no errors: {'met' if met else 'missed'} ({p95:.0f} ms, {errors:.0f} errors)."]  # fmt: skip
    machine = doc["machine"]
    loads = [r["load_average_1min_before_after"] for lv in doc["levels"] for r in lv["runs"]]
    low, high = min(min(x) for x in loads), max(max(x) for x in loads)
    lines += [
        "",
        f"<sub>{doc['finished']}, {doc['runs_per_measure']} runs of {doc['seconds_per_run']:.0f} s "
        f"per level, median (min–max); `{doc['server']['command']}`; think time "
        f"{doc['think_time_seconds'][0]:g}–{doc['think_time_seconds'][1]:g} s; "
        f"{machine['cores']} cores shared: 1-minute load average {low:.1f} to {high:.1f} "
        f"during the runs.</sub>",
    ]
    return lines


def _publishing_rows(docs: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| workspace | users | minutes | requests | requests/s | errors | pages p50 / p95 / p99 ms "
        "| publishes | saved: commentary, approvals, action updates, milestones | missing after "
        "| load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for doc in docs:
        s, r, saved = doc["scenario"], doc["requests"], doc["items_saved"]
        page = r["by_kind"].get("page", {})
        three = " / ".join(f"{page.get(f, 0):.0f}" for f in ("p50_ms", "p95_ms", "p99_ms"))
        kinds = ("commentary", "approval", "action_update", "milestone")
        lines.append(
            f"| {doc['database']} | {s['users']} | {s['seconds'] / 60:g} | {r['requests_whole_run']:,} "
            f"| {r['all']['requests_per_second']:.1f} | {r['errors_whole_run']} | {three} "
            f"| {doc['publishing']['publishes']} | {', '.join(str(saved.get(k, 0)) for k in kinds)} "
            f"| {len(doc['found']['missing'])} "
            f"| {' → '.join(f'{x:.1f}' for x in r['load_average_1min_before_after'])} |"
        )
    return lines


def table() -> str:
    parts: list[str] = []
    load = _load("web-load")
    if load is not None:
        parts += [
            "### Public site and API under load (issue 8, benchmark 5)",
            "",
            *_load_table(load),
            "",
        ]
    runs = [d for d in (_load("web-publishing"), _load("web-publishing-postgresql")) if d]
    if runs:
        parts += ["### Load while an analyst publishes and leads write (issue 9.6)", "",
                  *_publishing_rows(runs), ""]  # fmt: skip
    return "\n".join(parts).rstrip()


def write_table() -> None:
    """Replace the web tables between their markers (added under ``## Web`` if missing)."""
    text = README.read_text(encoding="utf-8") if README.exists() else ""
    block = f"{START}\n{table()}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n## Web\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")
