"""School Census pupil-level and attendance CSVs."""

from __future__ import annotations

from datetime import date

import pyarrow as pa

from cypp.problems import Level
from cypp.returns.census import read_census

from .helpers import RETURNS, blocking, where

VALID = RETURNS / "census" / "valid"
BROKEN = RETURNS / "census" / "broken"


def test_pupils_and_attendance_read_with_their_findings() -> None:
    read = read_census([VALID])
    assert read.return_name == "census"
    pupils = read.tables["SchoolCensus"]
    assert pupils.schema.field("FSMeligible").type == pa.bool_()
    assert pupils.slice(0, 1).to_pylist() == [
        {
            "UPN": "A855123456789",
            "DOB": date(2003, 9, 14),
            "Gender": "F",
            "Ethnicity": "WBRI",
            "NCyearActual": "6",
            "SENprovision": "N",
            "FSMeligible": False,
            "Boarder": "N",
            "URN": "120345",
            "Phase": "PS",
            "EnrolStatus": "C",
            "LA": "855",
            "Postcode": "LE1 7RH",
            "AcademicYear": "2009/10",
            "CensusDate": date(2010, 1, 21),
            "_file": "pupils.csv",
            "_line": 2,
        }
    ]
    assert pupils.column("FSMeligible").to_pylist() == [False, True, True, True]
    attendance = read.tables["Attendance"]
    assert attendance.column("Term").to_pylist() == ["AUT", "SPR", "SU1", "5HT", "5HT", "AUT"]
    assert attendance.column("SessionsPossible").type == pa.int32()
    assert [(*w, f.level) for w, f in zip(where(read.findings), read.findings, strict=True)] == [
        ("pupils.csv", 4, "Ethnicity", "WENG", "codelist-Ethnicity", Level.FINDING),
        ("pupils.csv", 4, "Postcode", "le3 9zz", "format-Postcode", Level.FINDING),
        ("pupils.csv", 5, "Ethnicity", "WENG", "codelist-Ethnicity", Level.FINDING),
        ("pupils.csv", 5, "UPN, URN, CensusDate", None, "duplicate-key", Level.FINDING),
        (
            "attendance.csv",
            6,
            "SessionsAuthorised, SessionsUnauthorised",
            None,
            "attendance-sessions",
            Level.FINDING,
        ),
        ("attendance.csv", 6, "Term", None, "attendance-overlap", Level.FINDING),
    ]
    sessions, overlap = read.findings[4:]
    assert sessions.found == (
        "authorised (200) + unauthorised (150) absence is more than the 310 sessions possible"
    )
    assert overlap.found == (
        "UPN C855123456791 at URN 120999 in 2009/10 has both annual sums (5HT) and termly "
        "rows (AUT)"
    )


def test_missing_columns() -> None:
    [problem] = blocking(read_census, BROKEN / "pupils_no_fsm_no_date.csv")
    assert where([problem]) == [
        ("pupils_no_fsm_no_date.csv", 1, "FSMeligible, CensusDate", None, "missing-column")
    ]
    assert problem.found.startswith(
        "this School Census SchoolCensus file has no FSMeligible, CensusDate columns; "
        "columns found: UPN, DOB, Gender,"
    )


def test_impossible_and_malformed_values() -> None:
    problems = blocking(read_census, BROKEN / "pupils_bad_values.csv")
    # CensusDate 2010-01-21 on line 2 is ISO, which pupil-level files may use.
    assert where(problems) == [
        ("pupils_bad_values.csv", 2, "DOB", "31/02/2004", "date-format"),
        ("pupils_bad_values.csv", 3, "DOB", "20x6", "date-format"),
        ("pupils_bad_values.csv", 3, "FSMeligible", "maybe", "boolean-format"),
    ]
    assert problems[2].expected == "true or false (or 1 or 0)"


def test_wrong_encoding() -> None:
    problems = blocking(read_census, BROKEN / "pupils_utf16_no_bom.csv")
    assert where(problems) == [("pupils_utf16_no_bom.csv", None, None, None, "not-text")]


def test_another_returns_file_is_named() -> None:
    [problem] = blocking(read_census, RETURNS / "ssda903" / "pair" / "header.csv")
    assert where([problem]) == [("header.csv", 1, None, None, "not-a-table")]
    assert problem.found == (
        "not a School Census table: columns found: CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, "
        "MC_DOB; it looks like an SSDA903 Header table"
    )
