"""INT rules: every table agrees with the Header, and one-row-per-child tables don't repeat."""

from __future__ import annotations

import pytest

from .canonical import run, table

NOT_IN_HEADER = [
    ("INT01", "AD1"),
    ("INT02", "PlacedAdoption"),
    ("INT03", "Episodes"),
    ("INT04", "Missing"),
    ("INT05", "OC2"),
    ("INT06", "OC3"),
    ("INT07", "PrevPerm"),
    ("INT08", "Reviews"),
    ("INT09", "UASC"),
]
DOB_DIFFERS = [
    ("INT11", "AD1"),
    ("INT12", "PlacedAdoption"),
    ("INT13", "Missing"),
    ("INT14", "OC2"),
    ("INT15", "OC3"),
    ("INT16", "PrevPerm"),
    ("INT17", "Reviews"),
    ("INT18", "UASC"),
]
REPEATED = [
    ("INT31", "AD1"),
    ("INT32", "Header"),
    ("INT33", "OC2"),
    ("INT34", "OC3"),
    ("INT35", "PrevPerm"),
    ("INT36", "UASC"),
]


@pytest.mark.parametrize(("code", "name"), NOT_IN_HEADER)
def test_child_not_in_header(code: str, name: str) -> None:
    header = table("Header", {"CHILD": "A"})
    rows = table(name, {"CHILD": "A"}, {"CHILD": "B"})
    assert run(code, {"Header": header, name: rows}) == [(f"903-{code}", 3, "CHILD", "B")]


@pytest.mark.parametrize(("code", "name"), DOB_DIFFERS)
def test_dob_differs_from_header(code: str, name: str) -> None:
    header = table(
        "Header", {"CHILD": "A", "DOB": "01/01/2010"}, {"CHILD": "B", "DOB": "01/01/2011"}
    )
    rows = table(
        name,
        {"CHILD": "A", "DOB": "01/01/2010"},
        {"CHILD": "B", "DOB": "02/01/2011"},  # fails
        {"CHILD": "C", "DOB": "01/01/2012"},  # no Header: the INT0x rule's business
        {"CHILD": "A"},
    )
    assert run(code, {"Header": header, name: rows}) == [(f"903-{code}", 3, "DOB", "2011-01-02")]


def test_int21_uasc_sex_differs_from_header() -> None:
    header = table("Header", {"CHILD": "A", "SEX": "F"}, {"CHILD": "B", "SEX": "M"})
    uasc = table("UASC", {"CHILD": "A", "SEX": "M"}, {"CHILD": "B", "SEX": "M"})
    assert run("INT21", {"Header": header, "UASC": uasc}) == [("903-INT21", 2, "SEX", "M")]


@pytest.mark.parametrize(("code", "name"), REPEATED)
def test_child_repeated(code: str, name: str) -> None:
    rows = table(name, {"CHILD": "A"}, {"CHILD": "B"}, {"CHILD": "A"}, {"CHILD": None}, {})
    assert run(code, {name: rows}) == [
        (f"903-{code}", 2, "CHILD", "A"),
        (f"903-{code}", 4, "CHILD", "A"),
    ]
