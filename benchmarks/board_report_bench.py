"""Benchmark 6 (second half): ``cypp report`` for a county, every format.

The board report of the synthetic county (the demo plan as at 2010/11, no workspace: the
figures and the charts only), written in PDF, HTML, XLSX, CSV and JSON into a fresh folder
each run, as the demo does. The warehouse needs a compute run first, so one
``cypp compute --all`` runs (unmeasured) before the first report. Pages are counted from the
PDF (``pdfinfo``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.compute_bench import compute_command
from benchmarks.harness import measure, repeat, summary

PERIOD = "2010/11"


def report_command(out: Path) -> list[str]:
    return [
        data.CYPP, "report", "--out", str(out), "--plan", str(data.PLAN),
        "--period", PERIOD, "--no-workspace",
    ]  # fmt: skip


def _pages(pdf: Path) -> int | None:
    try:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in info.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def run_scale(scale: str, runs: int) -> dict[str, Any]:
    if scale != "county":
        raise SystemExit("the report benchmark is for a county: --scales county")
    county = data.dataset("county")
    measure(compute_command(), cwd=county.home)  # a run to report on (not measured)
    out = county.home / "report"
    shutil.rmtree(out, ignore_errors=True)
    measure(report_command(out), cwd=county.home)  # warm-up: fonts, the page cache
    done = repeat(
        report_command(out),
        runs,
        cwd=county.home,
        label="cypp report",
        before=lambda: shutil.rmtree(out, ignore_errors=True),
    )
    files = sorted(out.iterdir())
    pdf = next((f for f in files if f.suffix == ".pdf"), None)
    return {
        "scale": scale,
        "period": PERIOD,
        "report": summary(done),
        "files": {f.suffix.lstrip("."): f.stat().st_size for f in files},
        "pdf_pages": _pages(pdf) if pdf else None,
    }


def run(scales: list[str], runs: int) -> dict[str, Any]:
    return {"runs_per_measure": runs, "scales": [run_scale(s, runs) for s in scales]}
