"""NCCIS monthly activity snapshots."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cypp.returns.nccis import ACTIVITY_GROUPS, activity_group, read_nccis

from .helpers import RETURNS, blocking, where

VALID = RETURNS / "nccis" / "valid"
BROKEN = RETURNS / "nccis" / "broken"


def test_months_are_stacked_with_their_findings() -> None:
    read = read_nccis([VALID])
    activity = read.tables["Activity"]
    assert (
        activity.column("_file").to_pylist()
        == ["nccis_2024_01.csv"] * 3 + ["nccis_2024_02.csv"] * 3
    )
    assert activity.column("ActivityCode").to_pylist() == ["210", "619", "810", "210", "310", "999"]
    assert activity.column("SnapshotDate").to_pylist()[3] == date(2024, 2, 29)
    assert activity.column("Custody").to_pylist() == [False, False, None, False, False, None]
    assert where(read.findings) == [
        ("nccis_2024_02.csv", 4, "ActivityCode", "999", "codelist-ActivityCode"),
        ("nccis_2024_02.csv", 3, "SnapshotDate", "28/02/2024", "snapshot-month-end"),
    ]


def test_activity_groups() -> None:
    assert [activity_group(c) for c in ("110", "210", "310", "410", "530", "619", "640")] == [
        "pre-16",
        "education",
        "employment",
        "training",
        "re-engagement",
        "NEET",
        "NEET inactive",
    ]
    assert [activity_group(c) for c in ("720", "820", "999", None)] == [
        "other",
        "not known",
        None,
        None,
    ]
    # 5 pre-16 + 9 education + 8 employment + 5 training + 1 re-engagement + 6 NEET
    # + 7 NEET inactive + 2 other + 3 not known
    assert len(ACTIVITY_GROUPS) == 46


def test_impossible_date() -> None:
    problems = blocking(read_nccis, BROKEN / "nccis_bad_date.csv")
    assert where(problems) == [
        ("nccis_bad_date.csv", 2, "SnapshotDate", "31/04/2024", "date-format")
    ]


def test_missing_column() -> None:
    problems = blocking(read_nccis, BROKEN / "nccis_no_activity.csv")
    assert where(problems) == [("nccis_no_activity.csv", 1, "ActivityCode", None, "missing-column")]


def test_binary_content() -> None:
    [problem] = blocking(read_nccis, BROKEN / "nccis_binary.csv")
    assert where([problem]) == [("nccis_binary.csv", None, None, None, "not-text")]
    assert "control character '\\x01' on line 2" in problem.found


def test_another_returns_file_is_named() -> None:
    [problem] = blocking(read_nccis, RETURNS / "attainment" / "valid" / "ks2.csv")
    assert problem.rule == "not-a-table"
    assert problem.found.endswith("it looks like an attainment KS2 table")


def test_files_of_the_same_name_in_different_folders_are_told_apart(tmp_path: Path) -> None:
    for year in ("2023", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "nccis.csv").write_text(
            f"CCISID,DOB,SnapshotDate,ActivityCode,LA\nYP1,14/03/2007,31/01/{year},210,855\n"
        )
    read = read_nccis([tmp_path / "2023", tmp_path / "2024"])
    assert read.tables["Activity"].column("_file").to_pylist() == [
        "2023/nccis.csv",
        "2024/nccis.csv",
    ]
    assert [f.name for f in read.files] == ["2023/nccis.csv", "2024/nccis.csv"]
