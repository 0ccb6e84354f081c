"""The exact inputs that crashed or stalled a reader before its fix (docs/reliability.md)."""

from __future__ import annotations

import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from cypp.errors import ReturnError
from cypp.problems import Problem
from cypp.published.reader import read_published
from cypp.returns.census import read_census
from cypp.returns.identify import identify
from cypp.returns.reader import _display_names
from cypp.returns.ssda903 import read_ssda903
from cypp.returns.ssda903.tables import SSDA903_TABLES
from tests.reliability.seeds import PUBLISHED_FIXTURES

LAIT_PARQUET = PUBLISHED_FIXTURES / "bds_long_0_excerpt.parquet"
ATTENDANCE = "UPN,URN,AcademicYear,Term,SessionsPossible,SessionsAuthorised,SessionsUnauthorised\n"


def refused(read: object, *paths: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(ReturnError) as caught:
        read(list(paths))  # type: ignore[operator]
    return [(Path(p.file).name, p.line, p.column, p.rule) for p in caught.value.problems]


def test_a_whole_number_of_5000_digits_is_an_integer_format_problem(tmp_path: Path) -> None:
    # int() refuses more than 4,300 digits with a ValueError, which escaped the reader
    path = tmp_path / "attendance.csv"
    path.write_text(ATTENDANCE + f"A855123456789,120345,2009/10,AUT,{'1' * 5000},6,0\n")
    assert refused(read_census, path) == [
        ("attendance.csv", 2, "SessionsPossible", "integer-format")
    ]


def test_leading_zeros_do_not_make_a_number_too_large(tmp_path: Path) -> None:
    path = tmp_path / "attendance.csv"
    path.write_text(ATTENDANCE + f"A855123456789,120345,2009/10,AUT,{'0' * 20}140,6,0\n")
    read = read_census([path])
    assert read.tables["Attendance"].column("SessionsPossible").to_pylist() == [140]


@pytest.mark.parametrize("encoding", ["nonsense", "utf-7", "shift_jis"])
def test_an_xml_encoding_expat_cannot_read_is_an_xml_syntax_problem(
    tmp_path: Path, encoding: str
) -> None:
    # expat raised LookupError / ValueError, which escaped the reader
    path = tmp_path / "903.xml"
    path.write_text(f'<?xml version="1.0" encoding="{encoding}"?><EXPSSDA903/>')
    assert refused(read_ssda903, path) == [("903.xml", 1, None, "xml-syntax")]


def test_a_dtd_without_entities_is_refused(tmp_path: Path) -> None:
    # defusedxml allows a DTD unless told not to; the DfE's XML never has one
    path = tmp_path / "903.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE EXPSSDA903 [<!ELEMENT EXPSSDA903 ANY>]>'
                    "<EXPSSDA903/>")  # fmt: skip
    assert refused(read_ssda903, path) == [("903.xml", None, None, "xml-unsafe")]


def _lait_with(tmp_path: Path, name: str, column: pa.Array) -> Path:
    table = pq.read_table(LAIT_PARQUET)
    table = table.set_column(table.column_names.index(name), name, column)
    path = tmp_path / "lait.parquet"
    pq.write_table(table, path)
    return path


def test_lait_parquet_with_numbers_for_text_reads_them_as_text(tmp_path: Path) -> None:
    # Years as int64 and Values as double raised AttributeError ('int' has no 'strip')
    original = read_published([LAIT_PARQUET]).tables["Values"]
    rows = pq.read_table(LAIT_PARQUET).num_rows
    years = pq.read_table(LAIT_PARQUET).column("Years").to_pylist()
    numeric_years = [int(y) if y.isdigit() else 2017 for y in years]
    path = _lait_with(tmp_path, "Years", pa.array(numeric_years, pa.int64()))
    read = read_published([path]).tables["Values"]
    assert read.num_rows == original.num_rows
    path = _lait_with(tmp_path, "Values", pa.array([1.5] * rows))
    values = read_published([path]).tables["Values"]
    assert set(values.column("value").to_pylist()) == {1.5}


def test_lait_parquet_with_bytes_that_are_not_utf8_is_refused(tmp_path: Path) -> None:
    rows = pq.read_table(LAIT_PARQUET).num_rows
    path = _lait_with(tmp_path, "Short Desc", pa.array([b"\xff\x00"] * rows))
    assert refused(read_published, path) == [
        ("lait.parquet", None, None, "published.parquet.unreadable")
    ]


@pytest.mark.parametrize("offset", [4, 54, 754])  # OSError, UnicodeDecodeError, ArrowInvalid
def test_a_damaged_lait_parquet_is_refused(tmp_path: Path, offset: int) -> None:
    data = LAIT_PARQUET.read_bytes()
    path = tmp_path / "lait.parquet"
    path.write_bytes(data[:offset] + b"\xff" * 16 + data[offset + 16 :])
    assert refused(read_published, path) == [
        ("lait.parquet", None, None, "published.parquet.unreadable")
    ]


def test_a_published_value_past_the_csv_limit_is_a_syntax_problem(tmp_path: Path) -> None:
    # csv.Error ("field larger than field limit") escaped the importer
    path = tmp_path / "lait.csv"
    path.write_text(
        "short_desc,data_item,years,la_or_region,value,old_la_code,region\n"
        f"EngMaths9-4,,2017,{'A' * 200_000},67.2,202,Inner London\n"
    )
    assert refused(read_published, path) == [("lait.csv", 2, None, "published.csv.syntax")]
    path.write_text(f"short_desc,{'A' * 200_000}\n")
    assert refused(read_published, path) == [("lait.csv", 1, None, "published.csv.syntax")]


def test_a_published_file_that_is_not_text_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ks4_la.csv"
    path.write_bytes(b"time_period,\x81\x8d\n")  # bytes neither UTF-8 nor Windows-1252
    assert refused(read_published, path) == [("ks4_la.csv", None, None, "published.file.not-text")]


def test_naming_thousands_of_files_takes_no_time() -> None:
    # every file was compared with every other: a folder of 5,000 files took 10 s
    files = [Path(f"/in/{i // 100}/f{i}.csv") for i in range(20_000)]
    files += [Path("/in/a/same.csv"), Path("/in/b/same.csv")]
    started = time.perf_counter()
    names = _display_names(files)
    assert time.perf_counter() - started < 2.0
    assert names[Path("/in/3/f300.csv")] == "f300.csv"
    assert names[Path("/in/a/same.csv")] == "a/same.csv"


def test_a_million_column_header_is_named_briefly_and_quickly() -> None:
    # every table's positions were found by re-indexing the header (16 s for a million
    # columns), and the message listed all of them (8.9 MB)
    header = [f"X{i}" for i in range(1_000_000)]
    started = time.perf_counter()
    problem = identify(header, SSDA903_TABLES, file="wide.csv", line=1, title="SSDA903")
    assert time.perf_counter() - started < 5.0
    assert isinstance(problem, Problem) and problem.rule == "not-a-table"
    assert "X49 … and 999950 more" in problem.found
    assert len(str(problem)) < 3000
