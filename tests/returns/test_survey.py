"""TellUs-style pupil survey responses in long format."""

from __future__ import annotations

import pyarrow as pa

from cypp.problems import Level
from cypp.returns.survey import read_survey

from .helpers import RETURNS, blocking, where

VALID = RETURNS / "survey" / "valid"
BROKEN = RETURNS / "survey" / "broken"


def test_responses_read_from_windows_1252_with_findings() -> None:
    read = read_survey([VALID])
    responses = read.tables["Responses"]
    assert responses.schema.field("Weight").type == pa.float64()
    assert responses.column("Answer").to_pylist() == [
        "Very happy",
        "Don\u2019t know",
        "Quite happy",
        None,
        "Not happy",
    ]
    assert responses.column("Weight").to_pylist() == [1.25, 1.25, 0.8, 0.9, 0.0]
    assert read.files[0].encoding == "cp1252"
    assert where(read.findings) == [
        ("responses.csv", None, None, None, "encoding-fallback"),
        ("responses.csv", 5, "Weight", "0.9", "respondent-consistency"),
        ("responses.csv", 6, "Weight", "0", "weight-positive"),
    ]
    assert {f.level for f in read.findings} == {Level.FINDING}
    assert read.findings[1].found == (
        "respondent R002 has Weight 0.9 here but 0.8 at responses.csv:4"
    )


def test_decimal_comma_weight() -> None:
    problems = blocking(read_survey, BROKEN / "responses_bad_weight.csv")
    assert where(problems) == [("responses_bad_weight.csv", 2, "Weight", "1,5", "number-format")]


def test_missing_column() -> None:
    problems = blocking(read_survey, BROKEN / "responses_no_weight.csv")
    assert where(problems) == [("responses_no_weight.csv", 1, "Weight", None, "missing-column")]


def test_broken_utf16() -> None:
    [problem] = blocking(read_survey, BROKEN / "responses_bad_utf16.csv")
    assert where([problem]) == [("responses_bad_utf16.csv", None, None, None, "encoding")]
    assert problem.found == (
        "the file starts with a UTF-16 byte-order mark but byte 28 is not valid UTF-16"
    )


def test_another_returns_file_is_named() -> None:
    [problem] = blocking(read_survey, RETURNS / "nccis" / "valid" / "nccis_2024_01.csv")
    assert problem.found.startswith("not a pupil survey table")
    assert problem.found.endswith("it looks like an NCCIS Activity table")
