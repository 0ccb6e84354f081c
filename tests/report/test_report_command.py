"""`cypp report` end to end: every format from the real published data (no warehouse), and
clear refusals of a bad format or period."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import ROOT

CYPP = str(Path(sys.executable).parent / "cypp")
TODAY = ROOT / "plans" / "leicestershire-today"


def cypp(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CYPP, *args], capture_output=True, text=True, cwd=cwd, timeout=300, check=False
    )


def test_report_from_real_published_data_in_every_format(tmp_path: Path) -> None:
    run = cypp("report", "--plan", str(TODAY), "--area", "E10000018", "--out", "out", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    files = {p.suffix: p for p in (tmp_path / "out").iterdir()}
    assert set(files) == {".pdf", ".html", ".xlsx", ".csv", ".json"}
    assert not list((tmp_path / "out").glob("*.partial"))
    html = files[".html"].read_text(encoding="utf-8")
    # long-term placement stability: 75% in 2024-25 as LAIT publishes it
    assert "Long-term stability" in html or "long-term stability" in html.lower()
    assert "75.0%" in html
    rows = list(csv.DictReader(files[".csv"].open(encoding="utf-8")))
    stable = [
        r for r in rows if r["indicator"] == "CLA-LONG-TERM-STABILITY" and r["period"] == "2024-25"
    ]
    assert stable and float(stable[0]["value"]) == 75.0
    assert stable[0]["new_la_code"] == "E10000018" and stable[0]["old_la_code"] == "855"
    data = json.loads(files[".json"].read_text(encoding="utf-8"))
    assert data["metadata"]["area"]["old_la_code"] == "855"
    assert any("LAIT" in source for source in data["metadata"]["sources"])
    book = load_workbook(files[".xlsx"], read_only=True)
    assert book.sheetnames[0] == "Summary" and "Data" in book.sheetnames
    assert files[".pdf"].read_bytes()[:5] == b"%PDF-"


def test_unknown_format_is_refused_with_the_fix(tmp_path: Path) -> None:
    run = cypp("report", "--plan", str(TODAY), "--out", "out", "--format", "pdf,docx", cwd=tmp_path)
    assert run.returncode == 1
    assert "'docx'" in run.stderr and "pdf, html, xlsx, csv, json" in run.stderr
    assert not (tmp_path / "out").exists()


def test_period_in_no_notation_is_refused(tmp_path: Path) -> None:
    run = cypp("report", "--plan", str(TODAY), "--out", "out", "--period", "Q3-2010", cwd=tmp_path)
    assert run.returncode == 1
    assert "--period" in run.stderr and "'Q3-2010'" in run.stderr
