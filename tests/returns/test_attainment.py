"""KS2, KS3 and KS4 pupil-level attainment CSVs."""

from __future__ import annotations

import pyarrow as pa

from cypp.returns.attainment import read_attainment

from .helpers import RETURNS, blocking, where

VALID = RETURNS / "attainment" / "valid"
BROKEN = RETURNS / "attainment" / "broken"


def test_key_stage_files_read() -> None:
    read = read_attainment([VALID])
    assert {n: t.num_rows for n, t in read.tables.items()} == {"KS2": 3, "KS3": 2, "KS4": 3}
    assert read.tables["KS2"].column("KS2_ENGLEV").to_pylist() == ["4", "N", "A"]
    assert read.tables["KS3"].column("KS3_ENGTALEV").to_pylist() == ["5", "EP"]
    ks4 = read.tables["KS4"]
    assert ks4.schema.field("KS4_LEVEL2_EM").type == pa.bool_()
    assert ks4.column("KS4_LEVEL2_EM").to_pylist() == [True, False, False]
    assert ks4.column("KS4_HGENG").to_pylist() == ["A*", "D", "D"]
    assert ks4.column("KS4_TOE_CODE").to_pylist() == ["01", "01", "01"]
    assert where(read.findings) == [
        ("ks2.csv", 4, "KS2_MATLEV", "Q", "codelist-KS2_MATLEV"),
        ("ks4.csv", 4, "UPN, AcademicYear", None, "duplicate-key"),
    ]
    assert read.findings[1].found == (
        "KS4 row UPN=E855123456793, AcademicYear=2010/11 repeats the row at ks4.csv:3"
    )


def test_bad_flag() -> None:
    problems = blocking(read_attainment, BROKEN / "ks4_bad_flag.csv")
    assert where(problems) == [("ks4_bad_flag.csv", 2, "KS4_LEVEL2_EM", "Y?", "boolean-format")]


def test_missing_column() -> None:
    problems = blocking(read_attainment, BROKEN / "ks3_no_maths.csv")
    assert where(problems) == [("ks3_no_maths.csv", 1, "KS3_MATTALEV", None, "missing-column")]


def test_wrong_encoding() -> None:
    problems = blocking(read_attainment, BROKEN / "ks2_utf16_no_bom.csv")
    assert where(problems) == [("ks2_utf16_no_bom.csv", None, None, None, "not-text")]


def test_another_returns_file_is_named() -> None:
    [problem] = blocking(read_attainment, RETURNS / "census" / "valid" / "pupils.csv")
    assert problem.rule == "not-a-table"
    assert problem.found.startswith("not an attainment table: columns found: UPN, DOB,")
    assert problem.found.endswith("it looks like a School Census SchoolCensus table")
