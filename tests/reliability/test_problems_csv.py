"""``--problems-csv`` never writes a cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cypp.cli.problems_view import CSV_COLUMNS, write_problems_csv
from cypp.exports import FORMULA_STARTS
from cypp.problems import Level, Problem
from tests.reliability.strategies import FORMULAS, formula_strings

CYPP = str(Path(sys.executable).parent / "cypp")
EPISODES_HEADER = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,"
    "PL_POST,URN\n"
)

any_text = formula_strings() | st.text(max_size=20)


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(
    st.builds(
        Problem,
        file=any_text,
        line=st.none() | st.integers(-5, 10**6),
        rule=any_text,
        found=any_text,
        expected=any_text,
        fix=any_text,
        column=st.none() | any_text,
        value=st.none() | any_text,
        level=st.sampled_from(Level),
    )
)
def test_every_cell_is_safe_and_keeps_its_text(problem: Problem) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "problems.csv"
        write_problems_csv([problem], path)
        with path.open(newline="", encoding="utf-8") as handle:
            [row] = list(csv.DictReader(handle))
    given_row = problem.as_row()
    for column in CSV_COLUMNS:
        cell, original = row[column], given_row[column]
        text = "" if original is None else str(original)
        if isinstance(original, str) and original.startswith(FORMULA_STARTS):
            assert cell == "'" + text
        else:
            assert cell == text  # numbers (the line) and plain text are written as they are


def test_load_writes_formula_values_as_text(tmp_path: Path) -> None:
    # formula strings as dates: blocking problems whose value (and file name) are formulas
    rows = "".join(
        f"{i},{value},S,C2,N1,U1,PR1,,,,,,\n"
        for i, value in enumerate(
            ['"' + f.replace('"', '""') + '"' for f in FORMULAS if "\r" not in f], start=1
        )
    )
    source = tmp_path / "=1+1.csv"
    source.write_text(EPISODES_HEADER + rows)
    out = tmp_path / "problems.csv"
    env = {
        **os.environ,
        "CYPP_WAREHOUSE": str(tmp_path / "w.duckdb"),
        "CYPP_PSEUDONYM_KEY": "reliability-test-key-0123456789",
    }
    run = subprocess.run(
        [CYPP, "load", "ssda903", str(source), "--problems-csv", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 1 and "Traceback" not in run.stdout + run.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        written = list(csv.DictReader(handle))
    decom = [r for r in written if r["column"] == "DECOM"]
    assert [r["value"] for r in decom] == ["'" + f for f in FORMULAS if "\r" not in f]
    assert {r["file"] for r in written} == {"'=1+1.csv"}
    for r in written:
        for cell in r.values():
            assert not cell.startswith(FORMULA_STARTS), cell
