"""Single-episode rules. The collection year is 2024/25 (ends 31 March 2025)."""

from __future__ import annotations

import pytest

from .canonical import run, table


def test_148_dec_and_rec_together() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "DECOM": "01/06/2020", "DEC": "04/06/2020"},  # fails: REC blank
        {"CHILD": "2", "DECOM": "06/06/2020", "REC": "E11"},  # fails: DEC blank
        {"CHILD": "3", "DECOM": "06/06/2020", "DEC": "07/06/2020", "REC": "E11"},
        {"CHILD": "4", "DECOM": "07/06/2020"},
    )
    assert run("148", {"Episodes": episodes}) == [
        ("903-148", 2, "REC", None),
        ("903-148", 3, "REC", "E11"),
    ]


def test_178_provider_code() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "PLACE_PROVIDER": "PR0", "PLACE": "U1"},
        {"CHILD": "2", "PLACE_PROVIDER": "PR1", "PLACE": "T0"},  # fails: T0 has no provider
        {"CHILD": "3", "PLACE": "U2"},
        {"CHILD": "4", "PLACE_PROVIDER": "pr4", "PLACE": "U1"},  # fails
    )
    assert run("178", {"Episodes": episodes}) == [
        ("903-178", 3, "PLACE_PROVIDER", "PR1"),
        ("903-178", 5, "PLACE_PROVIDER", "pr4"),
    ]


@pytest.mark.parametrize(
    ("code", "provider", "bad_place", "good_place"),
    [
        ("527", "PR1", "R2", "U1"),
        ("528", "PR2", "P1", "U1"),
        ("529", "PR3", "A3", "T1"),
        ("530", "PR4", "P1", "R2"),
        ("531", "PR5", "P1", "R2"),
    ],
)
def test_provider_cannot_provide_placement(
    code: str, provider: str, bad_place: str, good_place: str
) -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "PLACE_PROVIDER": provider, "PLACE": good_place},
        {"CHILD": "2", "PLACE_PROVIDER": provider, "PLACE": bad_place},
        {"CHILD": "3", "PLACE_PROVIDER": "PR0", "PLACE": bad_place},
    )
    assert run(code, {"Episodes": episodes}) == [(f"903-{code}", 3, "PLACE_PROVIDER", provider)]


def test_353_decom_before_october_1991() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "DECOM": "13/10/1991"},
        {"CHILD": "2", "DECOM": "14/10/1991"},
        {"CHILD": "3"},
    )
    assert run("353", {"Episodes": episodes}) == [("903-353", 2, "DECOM", "1991-10-13")]


def test_354_decom_after_year_end() -> None:
    episodes = table(
        "Episodes", {"CHILD": "1", "DECOM": "31/03/2025"}, {"CHILD": "2", "DECOM": "01/04/2025"}
    )
    assert run("354", {"Episodes": episodes}) == [("903-354", 3, "DECOM", "2025-04-01")]


def test_385_dec_after_year_end() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "DECOM": "01/01/2025", "DEC": "01/04/2025"},
        {"CHILD": "2", "DECOM": "01/01/2025", "DEC": "31/03/2025"},
    )
    assert run("385", {"Episodes": episodes}) == [("903-385", 2, "DEC", "2025-04-01")]


def test_355_episode_under_a_day() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "DECOM": "01/04/2024", "DEC": "01/04/2024"},  # fails
        {"CHILD": "2", "DECOM": "01/04/2024", "DEC": "02/04/2024"},
        {"CHILD": "3", "DECOM": "01/04/2024"},
    )
    assert run("355", {"Episodes": episodes}) == [("903-355", 2, "DEC", "2024-04-01")]


def test_356_dec_before_decom() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "DECOM": "14/03/2021", "DEC": "08/12/2020"},  # fails
        {"CHILD": "2", "DECOM": "16/06/2019", "DEC": "24/08/2021"},
        {"CHILD": "3", "DECOM": "03/10/2020"},
        {"CHILD": "4", "DECOM": "07/09/2021", "DEC": "07/09/2021"},
    )
    assert run("356", {"Episodes": episodes}) == [("903-356", 2, "DEC", "2020-12-08")]


def test_445_freeing_order_after_2005() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "1", "LS": "D1", "DECOM": "31/12/2005"},
        {"CHILD": "2", "LS": "D1", "DECOM": "20/01/2006"},  # fails
        {"CHILD": "3", "LS": "C1", "DECOM": "01/10/2012"},
    )
    assert run("445", {"Episodes": episodes}) == [("903-445", 3, "LS", "D1")]


def test_302_first_episode_before_birth() -> None:
    header = table(
        "Header", {"CHILD": "A", "DOB": "01/06/2020"}, {"CHILD": "B", "DOB": "01/01/2019"}
    )
    episodes = table(
        "Episodes",
        {"CHILD": "A", "DECOM": "15/05/2020"},  # before birth too, but not the first episode
        {"CHILD": "A", "DECOM": "01/05/2020"},  # A's first episode: fails
        {"CHILD": "B", "DECOM": "01/01/2019"},  # starts the day B is born: passes
    )
    problems = run("302", {"Header": header, "Episodes": episodes})
    assert problems == [("903-302", 3, "DECOM", "2020-05-01")]


def test_302_needs_the_header() -> None:
    episodes = table("Episodes", {"CHILD": "A", "DECOM": "01/05/2020"})
    assert run("302", {"Episodes": episodes}) == []


def test_352_started_care_aged_18() -> None:
    header = table("Header", {"CHILD": "A", "DOB": "10/05/2000"})
    episodes = table(
        "Episodes",
        {"CHILD": "A", "RNE": "S", "DECOM": "09/05/2018"},  # the day before 18: passes
        {"CHILD": "A", "RNE": "S", "DECOM": "10/05/2018"},  # 18th birthday: fails
        {"CHILD": "A", "RNE": "P", "DECOM": "01/01/2019"},
    )
    assert run("352", {"Header": header, "Episodes": episodes}) == [
        ("903-352", 3, "DECOM", "2018-05-10")
    ]
