"""Code-list rules: each column's DfE 2024/25 list, and whether a blank is a finding."""

from __future__ import annotations

import pytest

from cypp.returns.ssda903.rules import RULES_BY_CODE

from .canonical import Finding, run, table

# code, table, column, a valid code, an invalid code, blank is a finding
CASES = [
    ("101", "Header", "SEX", "F", "1", True),  # 1/2 were the codes before 2024/25
    ("103", "Header", "ETHNIC", "WBRI", "White British", True),
    ("143", "Episodes", "RNE", "S", "X", False),
    ("144", "Episodes", "LS", "C2", "c1", False),
    ("145", "Episodes", "CIN", "N1", "N9", False),
    ("146", "Episodes", "PLACE", "U1", "A2", False),
    ("149", "Episodes", "REC", "E4B", "E4b", False),
    ("1009", "Episodes", "REASON_PLACE_CHANGE", "OTHER", "other", False),
    ("131", "OC3", "IN_TOUCH", "REFU", "REFUSE", True),
    ("132", "OC3", "ACTIV", "F1", "P3", True),
    ("133", "OC3", "ACCOM", "B1", "01", True),
    ("196", "OC2", "SDQ_REASON", "SDQ2", "sdq2", False),
    ("114", "AD1", "FOSTER_CARE", "0", "2", False),
    ("175", "AD1", "NB_ADOPTR", "2", "0", False),
    ("176", "AD1", "SEX_ADOPTR", "MF", "m1", False),
    ("177", "AD1", "LS_ADOPTR", "L11", "L1", False),
    ("120", "PlacedAdoption", "REASON_PLACED_CEASED", "RD1", "XXX", False),
    ("1006", "Missing", "MISSING", "A", "AWAY", False),
    ("631", "PrevPerm", "PREV_PERM", "Z1", "P0", False),
]


@pytest.mark.parametrize(("code", "name", "column", "good", "bad", "required"), CASES)
def test_code_list(code: str, name: str, column: str, good: str, bad: str, required: bool) -> None:
    rows = table(
        name,
        {"CHILD": "1", column: good},  # line 2
        {"CHILD": "2", column: bad},  # line 3
        {"CHILD": "3", column: None},  # line 4
        {"CHILD": "4", column: "  "},  # line 5: whitespace only reads as blank
    )
    expected: list[Finding] = [(f"903-{code}", 3, column, bad)]
    if required:
        expected += [(f"903-{code}", 4, column, None), (f"903-{code}", 5, column, "  ")]
    assert run(code, {name: rows}) == expected


def test_every_2024_25_placement_code_passes() -> None:
    codes = ["A3", "A4", "A5", "A6", "H5", "K1", "K2", "P1", "P2", "P3", "R1", "R2", "R3",
             "R5", "S1", "T0", "T1", "T2", "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", "Z1"]  # fmt: skip
    episodes = table("Episodes", *({"CHILD": "1", "PLACE": c} for c in [*codes, "t3", "R4"]))
    assert run("146", {"Episodes": episodes}) == [
        ("903-146", len(codes) + 2, "PLACE", "t3"),
        ("903-146", len(codes) + 3, "PLACE", "R4"),
    ]


def test_expected_names_the_codes() -> None:
    assert (
        RULES_BY_CODE["143"].expected == "one of the 2024/25 RNE codes: B, L, P, S, T, U (or blank)"
    )
    assert RULES_BY_CODE["101"].expected == (
        "one of the 2024/25 SEX codes: F, M, U (1, 2 for years to 31/03/2023)"
    )


def test_rule_skipped_when_its_table_is_absent() -> None:
    assert run("143", {"Header": table("Header", {"CHILD": "1", "SEX": "F"})}) == []
