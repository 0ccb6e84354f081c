"""All rules on the synthetic DfE return (data-to-insight fake data), read by the real reader.

The fake return covers episodes 2015-2018, so the collection year is 2017/18 (ends 31 March
2018). Its SEX codes are the pre-2024/25 ones (1/2), so the 2024/25 rule 101 flags every child.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

import cypp
from cypp.problems import Problem
from cypp.returns.ssda903 import read_ssda903
from cypp.returns.ssda903.rules import check_ssda903

from .canonical import findings

FAKE = Path(cypp.__file__).parent / "data" / "ssda903_fake"
END_2018 = dt.date(2018, 3, 31)
CSVS = (
    "header.csv", "episodes.csv", "uasc.csv", "oc2.csv", "oc3.csv", "ad1.csv", "reviews.csv",
    "missing.csv", "placed_for_adoption.csv", "previous_permanence.csv", "sw_episodes.csv",
)  # fmt: skip
DATE_RULES = {"903-579", "903-583", "903-522", "903-184", "903-1003", "903-117", "903-118",
              "903-552", "903-563", "903-119"}  # fmt: skip


@pytest.fixture(scope="module")
def whole_return() -> tuple[Problem, ...]:
    read = read_ssda903([FAKE / name for name in CSVS])
    return check_ssda903(read.tables, collection_year_end=END_2018)


def test_pre_2023_sex_codes_are_valid_in_their_year(whole_return: tuple[Problem, ...]) -> None:
    # header.csv codes 1,333 children 1 and 1,342 children 2: valid for a 2017-18 return
    counts = Counter(p.rule for p in whole_return)
    assert counts["903-101"] == 0
    read = read_ssda903([FAKE / "header.csv"])
    later = check_ssda903(read.tables, collection_year_end=dt.date(2025, 3, 31))
    assert Counter(p.rule for p in later)["903-101"] == 2675


def test_tables_agree_with_the_header(whole_return: tuple[Problem, ...]) -> None:
    # checked by hand: no repeated child, every child and DOB in every table is in header.csv
    assert not [p for p in whole_return if p.rule.startswith("903-INT")]


def test_one_childs_overlapping_episodes(whole_return: tuple[Problem, ...]) -> None:
    # Child 708102, episodes.csv lines 312-314:
    #   312: 11/03/2017 T ... 10/03/2018 E14
    #   313: 11/01/2018 S ... 25/03/2018 X1   starts inside 312, and RNE S with no gap
    #   314: 25/03/2018 P ...  (open)   X1   REC without DEC
    child = [
        p for p in whole_return if p.file.endswith("episodes.csv") and 312 <= (p.line or 0) <= 314
    ]
    assert sorted(findings(child)) == [
        ("903-148", 314, "REC", "X1"),
        ("903-431", 313, "RNE", "S"),
        ("903-501", 313, "DECOM", "2018-01-11"),
    ]


def _date_findings(names: list[str]) -> list[tuple[str, int | None, str | None, str | None]]:
    paths = [FAKE / name for name in names]
    read = read_ssda903([*paths, FAKE / "errors" / "placed_for_adoption_errors.csv"])
    problems = check_ssda903(read.tables, collection_year_end=END_2018)
    return [
        f
        for p, f in zip(problems, findings(problems), strict=True)
        if p.file.endswith("placed_for_adoption_errors.csv") and p.rule in DATE_RULES
    ]


def test_placed_for_adoption_errors_alone() -> None:
    # Child 988635 has two decisions, both ceasing 07/04/2017: line 3 placed 22/11/2015 and
    # line 2 placed 22/11/2016, which starts before line 3's decision ceased.
    assert _date_findings(["header.csv"]) == [("903-579", 2, "DATE_PLACED", "2016-11-22")]


def test_placed_for_adoption_errors_against_the_episodes() -> None:
    # Worked from episodes.csv (collection year 1 April 2017 - 31 March 2018):
    #  12 549562 placed 30/10/2016; care began (first RNE S) 30/11/2017           -> 1003
    #  13 83008 ceased 16/10/2017; latest episode not X1 ended 10/10/2017         -> 117
    #  19 177224 placed 17/01/2016, first S 09/09/2017; ceased 02/11/2017 after
    #     the latest non-X1 episode ended 18/10/2017                               -> 1003, 117
    #  23 183392 ceased 02/03/2018; only episode ended 09/08/2017                  -> 117
    #  24 882662 ceased 22/11/2017; only episode ended 26/09/2017                  -> 117
    #  26 398366 ceased 29/05/2017; first episode not V3/V4 began 05/09/2017       -> 118
    #  27 465676 placed 30/05/2016, first S 04/07/2017; ceased 29/05/2017 before
    #     the first episode not V3/V4 (04/07/2017)                                 -> 1003, 118
    assert _date_findings(["header.csv", "episodes.csv"]) == [
        ("903-579", 2, "DATE_PLACED", "2016-11-22"),
        ("903-1003", 12, "DATE_PLACED", "2016-10-30"),
        ("903-117", 13, "DATE_PLACED", "2016-02-06"),
        ("903-1003", 19, "DATE_PLACED", "2016-01-17"),
        ("903-117", 19, "DATE_PLACED", "2016-01-17"),
        ("903-117", 23, "DATE_PLACED", "2016-03-28"),
        ("903-117", 24, "DATE_PLACED", "2016-09-26"),
        ("903-118", 26, "DATE_PLACED_CEASED", "2017-05-29"),
        ("903-1003", 27, "DATE_PLACED", "2016-05-30"),
        ("903-118", 27, "DATE_PLACED_CEASED", "2017-05-29"),
    ]
