"""OC2, OC3, Reviews, Missing and SWEpisodes rules (collection year ends 31 March 2025)."""

from __future__ import annotations

from .canonical import run, table


def test_180_sdq_score_range() -> None:
    oc2 = table(
        "OC2",
        {"CHILD": "1", "SDQ_SCORE": 0},
        {"CHILD": "2", "SDQ_SCORE": 40},
        {"CHILD": "3", "SDQ_SCORE": 41},  # fails
        {"CHILD": "4", "SDQ_SCORE": -1},  # fails
        {"CHILD": "5"},
    )
    assert run("180", {"OC2": oc2}) == [
        ("903-180", 4, "SDQ_SCORE", "41"),
        ("903-180", 5, "SDQ_SCORE", "-1"),
    ]


def test_197a_reason_given_with_a_score() -> None:
    oc2 = table(
        "OC2",
        {"CHILD": "1", "SDQ_SCORE": 10, "SDQ_REASON": "SDQ1"},  # fails
        {"CHILD": "2", "SDQ_REASON": "SDQ1"},
        {"CHILD": "3", "SDQ_SCORE": 10},
    )
    assert run("197a", {"OC2": oc2}) == [("903-197a", 2, "SDQ_REASON", "SDQ1")]


def test_153_care_leaver_items_all_or_none() -> None:
    oc3 = table(
        "OC3",
        {"CHILD": "1", "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"},
        {"CHILD": "2"},
        {"CHILD": "3", "IN_TOUCH": "YES"},  # fails
        {"CHILD": "4", "IN_TOUCH": "YES", "ACTIV": "", "ACCOM": "B1"},  # fails: ACTIV blank
    )
    assert run("153", {"OC3": oc3}) == [
        ("903-153", 4, "IN_TOUCH", "YES"),
        ("903-153", 5, "IN_TOUCH", "YES"),
    ]


def test_166_review_date_blank() -> None:
    reviews = table(
        "Reviews",
        {"CHILD": "1", "REVIEW": "01/01/2021", "REVIEW_CODE": "PN1"},
        {"CHILD": "2", "REVIEW_CODE": "PN1"},  # fails
    )
    assert run("166", {"Reviews": reviews}) == [("903-166", 3, "REVIEW", None)]


def test_167_participation_code() -> None:
    reviews = table(
        "Reviews",
        {"CHILD": "1", "REVIEW": "01/02/2020", "REVIEW_CODE": "pr0"},  # fails
        {"CHILD": "2", "REVIEW": "12/12/2019", "REVIEW_CODE": "PN3"},
        {"CHILD": "3", "REVIEW": "05/07/2020"},  # fails: no code
        {"CHILD": "4", "REVIEW_CODE": "PN1"},  # fails: code without a review
        {"CHILD": "5"},
    )
    assert run("167", {"Reviews": reviews}) == [
        ("903-167", 2, "REVIEW_CODE", "pr0"),
        ("903-167", 4, "REVIEW_CODE", None),
        ("903-167", 5, "REVIEW_CODE", "PN1"),
    ]


def test_567_missing_ends_before_it_starts() -> None:
    missing = table(
        "Missing",
        {"CHILD": "1", "MIS_START": "01/06/2020", "MIS_END": "05/06/2020"},
        {"CHILD": "2", "MIS_START": "02/06/2020"},
        {"CHILD": "3", "MIS_START": "03/06/2020", "MIS_END": "01/06/2020"},  # fails
    )
    assert run("567", {"Missing": missing}) == [("903-567", 4, "MIS_END", "2020-06-01")]


def test_570_missing_starts_after_year_end() -> None:
    missing = table(
        "Missing",
        {"CHILD": "1", "MIS_START": "31/03/2025"},
        {"CHILD": "2", "MIS_START": "01/04/2025"},  # fails
    )
    assert run("570", {"Missing": missing}) == [("903-570", 3, "MIS_START", "2025-04-01")]


def test_586_missing_before_birth() -> None:
    missing = table(
        "Missing",
        {"CHILD": "1", "DOB": "02/02/2020", "MIS_START": "07/02/2020"},
        {"CHILD": "2", "DOB": "04/02/2020", "MIS_START": "03/02/2020"},  # fails
        {"CHILD": "3", "DOB": "05/02/2020", "MIS_START": "05/02/2020"},  # fails: the same day
        {"CHILD": "4", "DOB": "06/02/2020"},
    )
    assert run("586", {"Missing": missing}) == [
        ("903-586", 3, "MIS_START", "2020-02-03"),
        ("903-586", 4, "MIS_START", "2020-02-05"),
    ]


def test_sw02_social_worker_id_prefix() -> None:
    sw = table(
        "SWEpisodes",
        {"CHILD": "1", "SW_ID": "SW000"},
        {"CHILD": "2", "SW_ID": "XX000"},
        {"CHILD": "3", "SW_ID": "aa00"},  # fails
        {"CHILD": "4", "SW_ID": "xx000"},  # fails: lower case
        {"CHILD": "5"},  # fails: blank
    )
    assert run("SW02STG1", {"SWEpisodes": sw}) == [
        ("903-SW02STG1", 4, "SW_ID", "aa00"),
        ("903-SW02STG1", 5, "SW_ID", "xx000"),
        ("903-SW02STG1", 6, "SW_ID", None),
    ]
