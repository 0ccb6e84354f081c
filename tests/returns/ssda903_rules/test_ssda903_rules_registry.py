"""The rule registry, the DfE wording read at run time, and running every rule at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cypp.problems import Level
from cypp.returns.ssda903.rules import (
    RULES,
    RULES_BY_CODE,
    CollectionYear,
    check_ssda903,
    rule_info,
    rule_list,
)

from .canonical import END_2025, findings, table


def test_at_least_30_rules_with_unique_dfe_codes() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) >= 30
    assert len(set(codes)) == len(codes)
    dfe_codes = set(rule_list("2024_25")) | set(rule_list("2023_24"))
    assert set(codes) <= dfe_codes


def test_the_rules_the_brief_names_are_registered() -> None:
    wanted = {
        "356",  # DEC not before DECOM
        "501",  # episodes do not overlap
        "388", "431", "432", "433", "357", "142",  # RNE / REC across episodes
        "302",  # DOB before the first DECOM
        "INT03",  # every Episodes child in Header
        "522", "184", "579", "583", "1003", "117", "118",  # PlacedAdoption dates
        "143", "144", "145", "146", "149", "1009", "101", "103", "167", "131", "132",
        "133", "177",  # code lists
    }  # fmt: skip
    assert wanted <= set(RULES_BY_CODE)


def test_message_and_affected_fields_come_from_the_dfe_list() -> None:
    rule = RULES_BY_CODE["1009"]
    assert rule.message == "Reason for placement change is not a valid code."
    assert rule.affected_fields == ("REASON_PLACE_CHANGE",)
    assert rule.affected_tables == ("Episodes",)
    assert RULES_BY_CODE["501"].affected_fields == ("DEC", "DECOM")


def test_2023_24_wording_differs_where_the_dfe_changed_it() -> None:
    assert rule_list("2023_24")["174"].message.endswith(
        "but gender shows that the child is a male."
    )
    assert rule_info("174").message.endswith("but sex shows that the child is a male.")
    with pytest.raises(KeyError):
        rule_info("999")
    with pytest.raises(ValueError, match="2019_20"):
        rule_list("2019_20")


def test_every_rule_has_a_test_fixture() -> None:
    here = Path(__file__).parent
    text = "\n".join(
        p.read_text(encoding="utf-8")
        for p in here.glob("test_ssda903_rules_*.py")
        if p.name != Path(__file__).name
    )
    untested = [r.code for r in RULES if f'"{r.code}"' not in text]
    assert untested == []


def test_collection_year_runs_april_to_march() -> None:
    assert CollectionYear(dt.date(2025, 3, 31)).start == dt.date(2024, 4, 1)


def test_finding_names_file_line_column_value_and_rule() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "A", "DECOM": "14/03/2021", "DEC": "08/12/2020", "REC": "E11"},
        file="episodes.csv",
    )
    [problem] = RULES_BY_CODE["356"].check({"Episodes": episodes}, collection_year_end=END_2025)
    assert problem.level is Level.FINDING
    assert (problem.file, problem.line, problem.rule) == ("episodes.csv", 2, "903-356")
    assert (problem.column, problem.value) == ("DEC", "2020-12-08")
    assert problem.found == (
        "The date the episode ceased is before the date the same episode started "
        "(DEC 2020-12-08; DECOM 2021-03-14)"
    )
    assert problem.expected == "DEC on or after DECOM"
    assert problem.fix == "correct DEC or DECOM"


def test_check_all_sorts_by_file_line_rule_and_skips_absent_tables() -> None:
    header = table(
        "Header",
        {"CHILD": "A", "SEX": "F", "DOB": "01/01/2010", "ETHNIC": "WBRI"},
        {"CHILD": "B", "SEX": "X", "DOB": "01/01/2010", "ETHNIC": "nope"},
        file="header.csv",
    )
    episodes = table(
        "Episodes",
        {"CHILD": "A", "DECOM": "01/05/2024", "RNE": "S", "DEC": "01/06/2024", "REC": "E11"},
        {"CHILD": "C", "DECOM": "01/05/2024", "RNE": "Q"},
        file="a_episodes.csv",
    )
    problems = check_ssda903({"Header": header, "Episodes": episodes}, collection_year_end=END_2025)
    assert findings(problems) == [
        ("903-143", 3, "RNE", "Q"),
        ("903-357", 3, "RNE", "Q"),
        ("903-INT03", 3, "CHILD", "C"),
        ("903-101", 3, "SEX", "X"),
        ("903-103", 3, "ETHNIC", "nope"),
    ]
    assert [p.file for p in problems] == ["a_episodes.csv"] * 3 + ["header.csv"] * 2


def test_no_tables_no_findings() -> None:
    assert check_ssda903({}, collection_year_end=END_2025) == ()


def test_collection_year_end_must_be_a_date() -> None:
    with pytest.raises(TypeError, match="collection_year_end"):
        check_ssda903({}, collection_year_end=dt.datetime(2025, 3, 31))
