"""`cypp load`, `batches` and `findings` as an analyst runs them."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

CYPP = str(Path(sys.executable).parent / "cypp")
FAKE = ROOT / "src" / "cypp" / "data" / "ssda903_fake"


def cypp(
    tmp: Path, *args: str, key: str = "cli-test-key-0123456789"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CYPP_WAREHOUSE": str(tmp / "w.duckdb"), "CYPP_PSEUDONYM_KEY": key}
    return subprocess.run(
        [CYPP, *args], env=env, capture_output=True, text=True, timeout=120, cwd=tmp
    )


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        ("CHILD,SEX\n".encode("utf-16"), "utf16.csv", ["utf16.csv", "missing-column", "DOB"]),
        (bytes(range(256)) * 3, "binary.csv", ["binary.csv", "not a text CSV file"]),
        (
            (FIXTURES / "published" / "under18_conceptions.csv").read_bytes(),
            "stats.csv",
            ["stats.csv", "not an SSDA903 table"],
        ),
        (
            b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            b"1,31/02/2016,S,C2,N1,U1,PR1,,,,,,\n",
            "episodes.csv",
            ["episodes.csv:2", "DECOM", "31/02/2016"],
        ),
    ],
)
def test_bad_files_are_refused_plainly(
    tmp_path: Path, content: bytes, name: str, words: list[str]
) -> None:
    (tmp_path / name).write_bytes(content)
    run = cypp(
        tmp_path, "load", "ssda903", str(tmp_path / name), "--problems-csv", str(tmp_path / "p.csv")
    )
    out = run.stdout + run.stderr
    assert run.returncode == 1
    for w in words:
        assert w in out
    assert "nothing was stored" in out and "Traceback" not in out
    rows = list(csv.DictReader((tmp_path / "p.csv").open()))
    assert (
        rows and rows[0]["level"] == "blocking" and rows[0]["file"].startswith(name.split(".")[0])
    )
    if (tmp_path / "w.duckdb").exists():
        assert "current" not in cypp(tmp_path, "batches").stdout


def test_no_key_no_load(tmp_path: Path) -> None:
    run = cypp(tmp_path, "load", "ssda903", str(FAKE / "header.csv"), key="")
    assert run.returncode == 1 and "CYPP_PSEUDONYM_KEY" in run.stderr
    assert not (tmp_path / "w.duckdb").exists()


def test_fake_return_loads_with_findings_and_strict_refuses(tmp_path: Path) -> None:
    csvs = [str(p) for p in sorted(FAKE.glob("*.csv"))]
    strict = cypp(tmp_path, "load", "ssda903", *csvs, "--area", "855", "--strict")
    assert (
        strict.returncode == 1
        and "--strict" in strict.stdout
        and "nothing was stored" in strict.stdout
    )
    run = cypp(tmp_path, "load", "ssda903", *csvs, "--area", "855")
    assert run.returncode == 0, run.stderr
    assert "ssda903 2017-18 E10000018" in run.stdout and " findings" in run.stdout
    batch = run.stdout.split("loaded batch ")[1].split()[0]
    listed = cypp(tmp_path, "batches")
    assert batch in listed.stdout and "current" in listed.stdout
    found = cypp(tmp_path, "findings", batch, "--csv", str(tmp_path / "f.csv"), "--limit", "3")
    assert found.returncode == 0 and "903-" in found.stdout
    rules = {r["rule"] for r in csv.DictReader((tmp_path / "f.csv").open())}
    assert {"903-148", "903-501"} <= rules  # DEC/REC pairs, overlapping episodes
    # the fake data's XXX reasons are findings, never blocking
    assert "903-1009" in rules or "903-120" in rules


def test_errors_folder_gives_its_date_findings(tmp_path: Path) -> None:
    run = cypp(
        tmp_path,
        "load",
        "ssda903",
        str(FAKE / "header.csv"),
        str(FAKE / "episodes.csv"),
        str(FAKE / "errors" / "placed_for_adoption_errors.csv"),
        "--area",
        "855",
        "--problems-csv",
        str(tmp_path / "f.csv"),
    )
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader((tmp_path / "f.csv").open()))
    adoption = {
        (r["rule"], r["line"]) for r in rows if r["file"] == "placed_for_adoption_errors.csv"
    }
    assert ("903-579", "2") in adoption and ("903-1003", "12") in adoption


def test_values_from_files_are_shown_literally(tmp_path: Path) -> None:
    # a value that looks like terminal markup is printed as it is, not interpreted
    (tmp_path / "episodes.csv").write_text(
        "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
        "1,[bold]x[/bold],S,C2,N1,U1,PR1,,,,,,\n"
    )
    run = cypp(tmp_path, "load", "ssda903", str(tmp_path / "episodes.csv"))
    assert run.returncode == 1 and "[bold]x[/bold]" in run.stdout
