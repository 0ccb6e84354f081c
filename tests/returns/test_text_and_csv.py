"""Decoding return files and splitting CSV text, with the line numbers messages rely on."""

from __future__ import annotations

import codecs
import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from cypp.problems import Level, Problem
from cypp.returns.csvfile import CsvFile, parse_csv
from cypp.returns.text import DecodedText, decode_text


def _decoded(data: bytes) -> DecodedText:
    result = decode_text(data, "t.csv")
    assert isinstance(result, DecodedText), result
    return result


def _problem(data: bytes) -> Problem:
    result = decode_text(data, "t.csv")
    assert isinstance(result, Problem), result
    return result


def test_utf8_bom_is_stripped() -> None:
    decoded = _decoded(codecs.BOM_UTF8 + b"CHILD,DOB\r\n1,01/02/2010\r\n")
    assert decoded.text == "CHILD,DOB\r\n1,01/02/2010\r\n"
    assert decoded.encoding == "utf-8"
    assert decoded.findings == ()


def test_utf16_with_either_byte_order_mark_is_read() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        decoded = _decoded(bom + "UPN,Gender\nA1,F\n".encode(codec))
        assert decoded.text == "UPN,Gender\nA1,F\n"
        assert decoded.encoding == "utf-16"


def test_plain_utf8_with_accents_is_read_as_utf8() -> None:
    decoded = _decoded("Answer\nTrès bien\n".encode())
    assert (decoded.text, decoded.encoding, decoded.findings) == (
        "Answer\nTrès bien\n",
        "utf-8",
        (),
    )


def test_windows_1252_is_read_with_a_finding() -> None:
    decoded = _decoded(b"Answer\nDon\x92t know\n")
    assert decoded.text == "Answer\nDon\u2019t know\n"
    assert decoded.encoding == "cp1252"
    [note] = decoded.findings
    assert (note.file, note.line, note.rule, note.level) == (
        "t.csv",
        None,
        "encoding-fallback",
        Level.FINDING,
    )


def test_nul_bytes_are_not_text() -> None:
    problem = _problem(b"PK\x03\x04\x00\x00binary")
    assert (problem.file, problem.line, problem.rule) == ("t.csv", None, "not-text")
    assert problem.found.startswith("not a text CSV file: it contains NUL bytes")
    assert problem.level == Level.BLOCKING


def test_utf16_without_a_byte_order_mark_is_not_text() -> None:
    assert _problem("CHILD\n1\n".encode("utf-16-le")).rule == "not-text"


def test_control_characters_are_not_text_and_their_line_is_given() -> None:
    problem = _problem(b"CHILD\n1\n2\x07\n")
    assert problem.rule == "not-text"
    assert "'\\x07' on line 3" in problem.found


def test_bytes_undecodable_as_1252_fall_to_latin1_and_are_refused() -> None:
    # 0x81 is undefined in Windows-1252; as Latin-1 it is a C1 control: binary, not text.
    assert _problem(b"CHILD\n\x81\n").rule == "not-text"


def test_broken_utf16_is_an_encoding_problem() -> None:
    problem = _problem(codecs.BOM_UTF16_LE + "AB".encode("utf-16-le") + b"\x00\xd8")
    assert problem.rule == "encoding"
    assert "byte 6" in problem.found


def test_trailing_ctrl_z_is_harmless() -> None:
    assert _decoded(b"CHILD\n1\n\x1a").text == "CHILD\n1\n"


def _parsed(text: str) -> CsvFile:
    parsed = parse_csv(text, "t.csv")
    assert isinstance(parsed, CsvFile), parsed
    return parsed


def test_header_names_are_cleaned_of_spaces_and_byte_order_marks() -> None:
    parsed = _parsed("\ufeffCHILD , DOB,\ufeff SW_ID\n1,01/01/2020,SW9\n")
    assert parsed.header == ("CHILD", "DOB", "SW_ID")
    assert parsed.header_line == 1


def test_records_keep_their_physical_start_line() -> None:
    text = 'A,B\n1,"two\nlines"\n\n,\n3,x\r\n"4","y"\n'
    parsed = _parsed(text)
    assert [(r.line, r.values) for r in parsed.records] == [
        (2, ("1", "two\nlines")),
        (6, ("3", "x")),
        (7, ("4", "y")),
    ]


def test_header_after_blank_lines() -> None:
    parsed = _parsed("\n\nA,B\n1,2\n")
    assert parsed.header_line == 3
    assert [r.line for r in parsed.records] == [4]


def test_trailing_empty_cells_are_allowed_but_other_width_errors_block() -> None:
    result = parse_csv("A,B\n1,2,,\n1\n1,2,3\n", "t.csv")
    assert isinstance(result, list)
    assert [(p.line, p.rule) for p in result] == [(3, "row-width"), (4, "row-width")]
    assert result[0].found == "this row has 1 values but the header has 2 columns"


def test_empty_file() -> None:
    result = parse_csv("\n \n", "t.csv")
    assert isinstance(result, list)
    assert [(p.file, p.line, p.rule) for p in result] == [("t.csv", None, "empty-file")]


def test_repeated_column_names_block() -> None:
    result = parse_csv("CHILD,DOB,child\n1,2,3\n", "t.csv")
    assert isinstance(result, list)
    assert [(p.line, p.rule, p.column) for p in result] == [(1, "duplicate-column", "child")]


def test_bad_quoting_is_a_csv_syntax_problem_with_its_line() -> None:
    result = parse_csv('A,B\n1,2\n3,"x"y\n', "t.csv")
    assert isinstance(result, list)
    assert [(p.line, p.rule) for p in result] == [(3, "csv-syntax")]


_cell = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\r"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_cell, min_size=2, max_size=2), min_size=1, max_size=8))
def test_written_rows_read_back_with_their_start_lines(rows: list[list[str]]) -> None:
    rows = [r for r in rows if any(c.strip() for c in r)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["A", "B"])
    expected_lines = []
    for row in rows:
        expected_lines.append(buffer.getvalue().count("\n") + 1)
        writer.writerow(row)
    parsed = _parsed(buffer.getvalue())
    assert [r.values for r in parsed.records] == [tuple(r) for r in rows]
    # A record starts after the lines of every record before it.
    assert [r.line for r in parsed.records] == expected_lines
