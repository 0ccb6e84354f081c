"""Spreadsheet formula injection: text that would run as a formula stays text."""

from __future__ import annotations

import datetime as dt

import pytest

from cypp.exports import formula_safe, formula_safe_row


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("-1", "'-1"),  # a string: the exporter cannot know it is a number
        ("NEET", "NEET"),
        ("", ""),
        (" =1+1", " =1+1"),  # a leading space makes a spreadsheet read text
        ("a=b", "a=b"),
        ("'=already", "'=already"),
    ],
)
def test_strings_that_start_a_formula_get_an_apostrophe(value: str, expected: str) -> None:
    assert formula_safe(value) == expected


@pytest.mark.parametrize("value", [-1, -2.5, 0, 3, True, None, dt.date(2010, 3, 31)])
def test_other_values_are_returned_as_they_are(value: object) -> None:
    assert formula_safe(value) is value


def test_a_row_is_made_safe_cell_by_cell() -> None:
    row = ("=1+1", -4, "Leicestershire", None, "@x")
    assert formula_safe_row(row) == ["'=1+1", -4, "Leicestershire", None, "'@x"]
    assert formula_safe_row([]) == []
