"""Header and UASC rules. The collection year is 2024/25: 1 April 2024 to 31 March 2025."""

from __future__ import annotations

from .canonical import run, table


def test_102_dob_blank() -> None:
    header = table("Header", {"CHILD": "1", "DOB": "01/01/2010"}, {"CHILD": "2", "DOB": None})
    assert run("102", {"Header": header}) == [("903-102", 3, "DOB", None)]


def test_301_dob_after_year_end() -> None:
    header = table(
        "Header", {"CHILD": "1", "DOB": "31/03/2025"}, {"CHILD": "2", "DOB": "01/04/2025"}
    )
    assert run("301", {"Header": header}) == [("903-301", 3, "DOB", "2025-04-01")]


def test_174_male_with_child_dob() -> None:
    header = table(
        "Header",
        {"CHILD": "1", "SEX": "M", "MC_DOB": "19/02/2010"},  # fails
        {"CHILD": "2", "SEX": "F", "MC_DOB": "19/02/2010"},
        {"CHILD": "3", "SEX": "M"},
    )
    assert run("174", {"Header": header}) == [("903-174", 2, "MC_DOB", "2010-02-19")]


def test_611_mother_without_child_dob() -> None:
    header = table(
        "Header",
        {"CHILD": "1", "MOTHER": "1", "MC_DOB": "01/01/2021"},
        {"CHILD": "2", "MOTHER": "1"},  # fails
        {"CHILD": "3", "MOTHER": "0"},
    )
    assert run("611", {"Header": header}) == [("903-611", 3, "MC_DOB", None)]


def test_612_child_dob_but_not_a_mother() -> None:
    header = table(
        "Header",
        {"CHILD": "1", "SEX": "F", "MOTHER": "0", "MC_DOB": "19/02/2016"},  # fails
        {"CHILD": "2", "SEX": "F", "MC_DOB": "19/02/2016"},  # fails: MOTHER blank
        {"CHILD": "3", "SEX": "F", "MOTHER": "1", "MC_DOB": "19/02/2016"},
        {"CHILD": "4", "SEX": "M", "MOTHER": "0", "MC_DOB": "19/02/2016"},  # 174's business
        {"CHILD": "5", "SEX": "F", "MOTHER": "0"},
    )
    assert run("612", {"Header": header}) == [
        ("903-612", 2, "MOTHER", "0"),
        ("903-612", 3, "MOTHER", None),
    ]


def test_620_mother_under_11_at_start_of_year() -> None:
    header = table(
        "Header",
        {"CHILD": "1", "MOTHER": "1", "DOB": "01/04/2013"},  # 11 on 1 April 2024: passes
        {"CHILD": "2", "MOTHER": "1", "DOB": "02/04/2013"},  # 11 the day after: fails
        {"CHILD": "3", "MOTHER": "0", "DOB": "01/01/2020"},
    )
    assert run("620", {"Header": header}) == [("903-620", 3, "DOB", "2013-04-02")]


def test_621_mother_younger_than_her_child() -> None:
    header = table(
        "Header",
        {"CHILD": "1", "DOB": "01/01/2008", "MC_DOB": "01/01/2008"},  # fails: same day
        {"CHILD": "2", "DOB": "01/01/2008", "MC_DOB": "31/12/2007"},  # fails
        {"CHILD": "3", "DOB": "01/01/2008", "MC_DOB": "02/01/2008"},
        {"CHILD": "4", "DOB": "01/01/2008"},
    )
    assert run("621", {"Header": header}) == [
        ("903-621", 2, "MC_DOB", "2008-01-01"),
        ("903-621", 3, "MC_DOB", "2007-12-31"),
    ]


def test_304_uasc_ceased_after_18th_birthday() -> None:
    uasc = table(
        "UASC",
        {"CHILD": "1", "DOB": "29/02/2004", "DUC": "28/02/2022"},  # 18 on 28 Feb 2022: passes
        {"CHILD": "2", "DOB": "29/02/2004", "DUC": "01/03/2022"},  # fails
        {"CHILD": "3", "DOB": "01/06/2000"},
    )
    assert run("304", {"UASC": uasc}) == [("903-304", 3, "DUC", "2022-03-01")]
