"""Rules on a child's episodes in order: overlaps, and RNE/REC agreeing across episodes."""

from __future__ import annotations

from cypp.returns.ssda903.rules import RULES_BY_CODE

from .canonical import END_2025, run, table


def _episode(child: str, decom: str, dec: str | None = None, rec: str | None = None,
             rne: str | None = None) -> dict[str, object]:  # fmt: skip
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "RNE": rne}


def test_142_earlier_episode_not_ended() -> None:
    episodes = table(
        "Episodes",
        _episode("A", "01/06/2020", "04/06/2020", "X1"),
        _episode("A", "04/06/2020"),  # A's latest may be open
        _episode("B", "01/03/2020"),  # B's latest (listed first)
        _episode("B", "01/01/2020", "01/02/2020", None),  # fails: ended without REC
        _episode("C", "06/06/2020", None, "E11"),  # fails: earlier episode with no DEC
        _episode("C", "07/06/2020"),
    )
    assert run("142", {"Episodes": episodes}) == [
        ("903-142", 5, "DEC", "2020-02-01"),
        ("903-142", 6, "DEC", None),
    ]


def test_357_first_episode_in_year_must_start_care() -> None:
    # 2024/25 starts 1 April 2024
    episodes = table(
        "Episodes",
        _episode("A", "01/05/2024", rne="P"),  # fails
        _episode("B", "01/05/2024", rne="S"),
        _episode("C", "01/01/2024", rne="P"),  # began before the year: not checked
        _episode("D", "01/06/2024", rne="S"),
        _episode("D", "01/05/2024", rne="L"),  # D's first: fails
    )
    assert run("357", {"Episodes": episodes}) == [
        ("903-357", 2, "RNE", "P"),
        ("903-357", 6, "RNE", "L"),
    ]


def test_388_x1_needs_a_same_day_continuation() -> None:
    episodes = table(
        "Episodes",
        _episode("A", "01/06/2020", "04/06/2020", "X1"),  # fails: next starts 05/06
        _episode("A", "05/06/2020", "06/06/2020", "E11"),
        _episode("B", "06/06/2020", "07/06/2020", "E11"),  # fails: next starts 07/06, not X1
        _episode("B", "07/06/2020"),
        _episode("C", "11/06/2020", "12/06/2020", "X1"),  # fails: C's latest ends X1
        _episode("D", "01/01/2020", "01/02/2020", "X1"),
        _episode("D", "01/02/2020"),
    )
    assert run("388", {"Episodes": episodes}) == [
        ("903-388", 2, "REC", "X1"),
        ("903-388", 4, "REC", "E11"),
        ("903-388", 6, "REC", "X1"),
    ]


def test_431_started_care_the_day_the_last_episode_ended() -> None:
    episodes = table(
        "Episodes",
        _episode("A", "01/06/2020", "05/06/2020", "E3", rne="S"),
        _episode("A", "05/06/2020", rne="S"),  # fails: no gap
        _episode("B", "01/06/2020", "05/06/2020", "E3", rne="S"),
        _episode("B", "06/06/2020", rne="S"),
    )
    assert run("431", {"Episodes": episodes}) == [("903-431", 3, "RNE", "S")]


def test_432_after_leaving_care_rne_is_s() -> None:
    episodes = table(
        "Episodes",
        _episode("A", "01/06/2020", "05/06/2020", "E3", rne="S"),
        _episode("A", "10/06/2020", rne="P"),  # fails
        _episode("B", "01/06/2020", "05/06/2020", "X1", rne="S"),
        _episode("B", "05/06/2020", rne="P"),
        _episode("C", "01/06/2020", "05/06/2020", "E3", rne="S"),
        _episode("C", "10/06/2020", rne="S"),
        _episode("D", "01/06/2020", "05/06/2020", "E11", rne="S"),
        _episode("D", "10/06/2020"),  # fails: blank RNE is not S
    )
    assert run("432", {"Episodes": episodes}) == [
        ("903-432", 3, "RNE", "P"),
        ("903-432", 9, "RNE", None),
    ]


def test_433_continuing_episode_starts_when_the_last_ended() -> None:
    episodes = table(
        "Episodes",
        _episode("A", "20/10/2021", "20/11/2021", "E3", rne="S"),
        _episode("B", "19/11/2021", rne="P"),  # B's second, listed first
        _episode("B", "17/06/2021", "19/11/2021", "X1", rne="P"),  # B's first: not compared
        _episode("C", "04/04/2020", "12/09/2020", "X1", rne="B"),
        _episode("C", "11/09/2020", "06/05/2021", "X1", rne="B"),  # fails: starts a day early
        _episode("C", "07/05/2021", rne="B"),  # fails: starts a day late
    )
    assert run("433", {"Episodes": episodes}) == [
        ("903-433", 6, "RNE", "B"),
        ("903-433", 7, "RNE", "B"),
    ]


def test_501_episodes_overlap() -> None:
    episodes = table(
        "Episodes",
        _episode("A", "01/06/2020", "04/06/2020"),
        _episode("A", "02/06/2020", "06/06/2020"),  # fails
        _episode("A", "06/06/2020"),
        _episode("A", "08/06/2020", "09/06/2020"),  # previous is open: 142's business
        _episode("B", "10/06/2020", "11/06/2020"),
        _episode("C", "04/06/2020", "07/06/2020"),
        _episode("C", "05/06/2020"),  # fails
    )
    assert run("501", {"Episodes": episodes}) == [
        ("903-501", 3, "DECOM", "2020-06-02"),
        ("903-501", 8, "DECOM", "2020-06-05"),
    ]


def test_501_finding_names_the_previous_dec() -> None:
    episodes = table(
        "Episodes", _episode("A", "01/06/2020", "04/06/2020"), _episode("A", "02/06/2020")
    )
    [problem] = RULES_BY_CODE["501"].check({"Episodes": episodes}, collection_year_end=END_2025)
    assert problem.found == (
        "A new episode has started before the end date of the previous episode "
        "(DECOM 2020-06-02; previous episode DEC 2020-06-04)"
    )
