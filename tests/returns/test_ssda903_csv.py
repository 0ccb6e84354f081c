"""SSDA903 from its CSV files: the vendored fake return, and broken files."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pyarrow as pa
import pytest

from cypp.errors import ReturnError
from cypp.returns.result import ReturnRead
from cypp.returns.ssda903 import read_ssda903

from .helpers import FAKE_903, RETURNS, blocking, where

FIXTURES = RETURNS / "ssda903"

# The brief's contract with the SSDA903 rules: these columns are dates, SDQ_SCORE is int32,
# every other column is text.
DATE_COLUMNS = {
    "DOB", "MC_DOB", "DECOM", "DEC", "DUC", "DATE_INT", "DATE_MATCH", "REVIEW", "MIS_START",
    "MIS_END", "DATE_PLACED", "DATE_PLACED_CEASED", "DATE_PERM", "SW_DECOM", "SW_DEC",
    "DOLO_START", "DOLO_END",
}  # fmt: skip
COLUMNS = {
    "Header": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB",
    "Episodes": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN",
    "UASC": "CHILD,SEX,DOB,DUC",
    "OC2": "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
    "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED",
    "OC3": "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM",
    "AD1": "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR",
    "Reviews": "CHILD,DOB,REVIEW,REVIEW_CODE",
    "Missing": "CHILD,DOB,MISSING,MIS_START,MIS_END",
    "PlacedAdoption": "CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED",
    "PrevPerm": "CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM",
    "SWEpisodes": "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON",
    "DoLo": "CHILD,DOB,DOLO_START,DOLO_END",
}


@pytest.fixture(scope="module")
def fake() -> ReturnRead:
    return read_ssda903([FAKE_903])


def test_the_vendored_folder_reads_every_table(fake: ReturnRead) -> None:
    # Row counts are the files' line counts less their header lines.
    assert {name: t.num_rows for name, t in fake.tables.items()} == {
        "Header": 2675,
        "Episodes": 5050,
        "UASC": 132,
        "OC2": 2675,
        "OC3": 53,
        "AD1": 29,
        "Reviews": 12582,
        "Missing": 43,
        "PlacedAdoption": 29,
        "PrevPerm": 2675,
        "SWEpisodes": 1,
        "DoLo": 1,
    }
    assert fake.findings == ()
    assert [(f.name, f.tables) for f in fake.files][:3] == [
        ("DoLo.csv", ("DoLo",)),
        ("ad1.csv", ("AD1",)),
        ("episodes.csv", ("Episodes",)),
    ]
    assert len(fake.files) == 12  # the XML is not read from a folder: only CSVs are


def test_canonical_column_names_and_types(fake: ReturnRead) -> None:
    for name, columns in COLUMNS.items():
        expected = [
            (c, pa.date32() if c in DATE_COLUMNS else pa.int32() if c == "SDQ_SCORE" else pa.string())
            for c in columns.split(",")
        ] + [("_file", pa.string()), ("_line", pa.int32())]  # fmt: skip
        schema = fake.tables[name].schema
        assert [(f.name, f.type) for f in schema] == expected, name


def test_rows_keep_codes_as_text_and_their_lineage(fake: ReturnRead) -> None:
    # header.csv line 2: 566910,2,27/03/2008,WROM,D051910639385,,
    assert fake.tables["Header"].slice(0, 1).to_pylist() == [
        {
            "CHILD": "566910",
            "SEX": "2",
            "DOB": date(2008, 3, 27),
            "ETHNIC": "WROM",
            "UPN": "D051910639385",
            "MOTHER": None,
            "MC_DOB": None,
            "_file": "header.csv",
            "_line": 2,
        }
    ]
    # oc2.csv lines 2-3: SDQ_SCORE 39, then empty.
    assert fake.tables["OC2"].column("SDQ_SCORE").to_pylist()[:2] == [39, None]
    # sw_episodes.csv has a UTF-8 byte-order mark and CRLF line ends.
    assert fake.tables["SWEpisodes"].to_pylist() == [
        {
            "CHILD": "CHILD10",
            "DOB": date(1993, 12, 5),
            "SW_ID": "SW999",
            "SW_DECOM": date(2020, 1, 1),
            "SW_DEC": date(2020, 1, 3),
            "SW_REASON": "SWLAZY",
            "_file": "sw_episodes.csv",
            "_line": 2,
        }
    ]
    # DoLo.csv has no final line break.
    assert fake.tables["DoLo"].column("DOLO_END").to_pylist() == [date(2025, 1, 2)]


def test_each_file_is_hashed(fake: ReturnRead) -> None:
    header = next(f for f in fake.files if f.name == "header.csv")
    assert header.sha256 == hashlib.sha256((FAKE_903 / "header.csv").read_bytes()).hexdigest()
    assert header.path == FAKE_903 / "header.csv"
    assert header.encoding == "utf-8"


def test_a_second_file_for_the_same_table_blocks() -> None:
    problems = blocking(
        read_ssda903,
        FAKE_903 / "placed_for_adoption.csv",
        FAKE_903 / "errors" / "placed_for_adoption_errors.csv",
    )
    assert where(problems) == [
        ("placed_for_adoption_errors.csv", None, None, None, "duplicate-table")
    ]
    assert problems[0].found == (
        "this file holds a second SSDA903 PlacedAdoption table (the first is in "
        "placed_for_adoption.csv)"
    )


def test_every_problem_in_every_file_is_reported_at_once() -> None:
    with pytest.raises(ReturnError) as caught:
        read_ssda903([FIXTURES / "broken"])
    problems = caught.value.problems
    assert where(problems) == [
        ("episodes_bad_dates.csv", 2, "DEC", "31/02/2016", "date-format"),
        ("episodes_bad_dates.csv", 3, "DECOM", "14/08/20x6", "date-format"),
        ("episodes_missing_dec_rec.csv", 1, "DEC, REC", None, "missing-column"),
        ("header_saved_as_xlsx.csv", None, None, None, "not-text"),
        ("oc2_bad_score.csv", 2, "SDQ_SCORE", "2l", "integer-format"),
        ("young_people_activity.csv", 1, None, None, "not-a-table"),
    ]
    assert str(caught.value).splitlines()[0] == (
        "The SSDA903 return has 6 blocking problems in 5 files; nothing was read. "
        "Fix them and read the return again."
    )
    impossible, malformed, missing, binary, _, other = problems
    assert impossible.found == (
        "Episodes DEC '31/02/2016' is not a real date (no such day in the calendar)"
    )
    assert impossible.expected == "a date as dd/mm/yyyy, e.g. 27/03/2008"
    assert impossible.fix == (
        "correct the DEC value on line 2 of episodes_bad_dates.csv, or leave it empty if it "
        "is not known"
    )
    assert malformed.found == "Episodes DECOM '14/08/20x6' is not a date in the expected form"
    assert missing.found == (
        "this SSDA903 Episodes file has no DEC, REC columns; columns found: CHILD, DECOM, RNE, "
        "LS, CIN, PLACE, PLACE_PROVIDER, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN"
    )
    assert missing.fix.startswith("add the missing columns DEC, REC to the header")
    assert binary.found.startswith("not a text CSV file")
    assert other.found == (
        "not an SSDA903 table: columns found: CCISID, DOB, SnapshotDate, ActivityCode, LA, "
        "Postcode; it looks like an NCCIS Activity table"
    )
    assert other.expected.startswith(
        "the header of one of the SSDA903 tables: Header (CHILD, SEX, DOB, ETHNIC); Episodes"
    )


def test_header_names_ignore_case_spaces_and_extra_columns() -> None:
    read = read_ssda903([FIXTURES / "extras" / "Header 2017-18 FINAL.csv"])
    header = read.tables["Header"]
    assert header.column("CHILD").to_pylist() == ["566910", "709901"]
    assert header.column("SEX").to_pylist() == ["2", "1"]
    assert header.column("_line").to_pylist() == [2, 4]  # line 3 is a row of empty cells
    assert "Notes" not in header.column_names
    assert read.findings == ()


def test_utf16_exports_read() -> None:
    read = read_ssda903([FIXTURES / "extras" / "header_utf16.csv"])
    assert read.files[0].encoding == "utf-16"
    assert read.tables["Header"].column("ETHNIC").to_pylist() == ["WROM", "REFU"]


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("a folder with no CSV or XML file")
    problems = blocking(read_ssda903, FIXTURES / "nope.csv", tmp_path)
    assert where(problems) == [
        (str(FIXTURES / "nope.csv"), None, None, None, "file-not-found"),
        (str(tmp_path), None, None, None, "no-files"),
    ]
    assert where(blocking(read_ssda903)) == [("(no files)", None, None, None, "no-files")]
