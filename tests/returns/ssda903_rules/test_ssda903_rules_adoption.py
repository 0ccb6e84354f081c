"""PlacedAdoption and AD1 rules. The collection year is 2024/25: 1 April 2024 to 31 March 2025."""

from __future__ import annotations

from .canonical import run, table


def _placed(child: str, placed: str | None, ceased: str | None = None,
            reason: str | None = None) -> dict[str, object]:  # fmt: skip
    return {
        "CHILD": child,
        "DATE_PLACED": placed,
        "DATE_PLACED_CEASED": ceased,
        "REASON_PLACED_CEASED": reason,
    }


def test_119_ceased_date_and_reason_together() -> None:
    placed = table(
        "PlacedAdoption",
        _placed("1", "01/01/2020", "22/11/2020", "RD1"),
        _placed("2", "01/01/2020", "08/05/2020"),  # fails: no reason
        _placed("3", "01/01/2020", None, "RD2"),  # fails: no date
        _placed("4", "01/01/2020"),
    )
    assert run("119", {"PlacedAdoption": placed}) == [
        ("903-119", 3, "REASON_PLACED_CEASED", None),
        ("903-119", 4, "REASON_PLACED_CEASED", "RD2"),
    ]


def test_184_decision_before_birth() -> None:
    header = table(
        "Header", {"CHILD": "A", "DOB": "10/03/2019"}, {"CHILD": "B", "DOB": "01/10/2017"}
    )
    placed = table(
        "PlacedAdoption",
        _placed("A", "10/02/2019"),  # fails
        _placed("B", "01/10/2017"),  # the day of birth: passes
        _placed("C", "01/01/2000"),  # no Header record: INT02's business
    )
    assert run("184", {"Header": header, "PlacedAdoption": placed}) == [
        ("903-184", 2, "DATE_PLACED", "2019-02-10")
    ]


def test_522_ceased_before_decision() -> None:
    placed = table(
        "PlacedAdoption",
        _placed("1", "26/05/2000", "26/05/2000"),
        _placed("2", "01/02/2003", "26/05/2000"),  # fails
        _placed("3", None, "26/05/2000"),
        _placed("4", "26/05/2000"),
    )
    assert run("522", {"PlacedAdoption": placed}) == [
        ("903-522", 3, "DATE_PLACED_CEASED", "2000-05-26")
    ]


def test_563_ceased_without_a_decision_date() -> None:
    placed = table(
        "PlacedAdoption",
        _placed("1", "26/05/2000", "01/02/2003", "RD1"),
        _placed("2", None, "26/05/2001", "RD1"),  # fails
        _placed("3", None),
    )
    assert run("563", {"PlacedAdoption": placed}) == [("903-563", 3, "DATE_PLACED", None)]


def test_579_decisions_overlap() -> None:
    placed = table(
        "PlacedAdoption",
        _placed("111", "01/06/2020", "05/06/2020"),
        _placed("111", "04/06/2020"),  # fails: before the previous ceased
        _placed("222", "03/06/2020", "04/06/2020"),
        _placed("222", "04/06/2020"),
        _placed("222", "07/06/2020", "09/06/2020"),  # fails: previous still open
        _placed("333", "03/06/2020", "09/06/2020"),  # fails: 333's second decision
        _placed("333", "02/06/2020", "04/06/2020"),
        _placed("555", None, "05/06/2020"),
        _placed("555", None, "05/06/2020"),  # blank dates: nothing to compare
    )
    assert run("579", {"PlacedAdoption": placed}) == [
        ("903-579", 3, "DATE_PLACED", "2020-06-04"),
        ("903-579", 6, "DATE_PLACED", "2020-06-07"),
        ("903-579", 7, "DATE_PLACED", "2020-06-03"),
    ]


def test_583_earlier_decision_left_open() -> None:
    placed = table(
        "PlacedAdoption",
        _placed("c1", "01/02/2020", "02/02/2020"),
        _placed("c1", "03/02/2020", "04/02/2020"),
        _placed("c2", "01/02/2020"),  # fails: two open decisions
        _placed("c2", "02/02/2020"),  # fails
        _placed("c3", "01/02/2020", "02/02/2020"),
        _placed("c3", "03/02/2020"),  # the latest may stay open
        _placed("c4", "01/02/2020", "02/02/2020"),
        _placed("c4", "01/01/2020"),  # fails: open but not the latest
    )
    assert run("583", {"PlacedAdoption": placed}) == [
        ("903-583", 4, "DATE_PLACED_CEASED", None),
        ("903-583", 5, "DATE_PLACED_CEASED", None),
        ("903-583", 9, "DATE_PLACED_CEASED", None),
    ]


def test_1003_decision_before_care_started() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "A", "RNE": "S", "DECOM": "01/03/2020"},
        {"CHILD": "B", "RNE": "L", "DECOM": "01/01/2019"},
        {"CHILD": "B", "RNE": "S", "DECOM": "01/03/2020"},
        {"CHILD": "C", "RNE": "S", "DECOM": "01/01/2019"},
        {"CHILD": "C", "RNE": "S", "DECOM": "01/01/2021"},
        {"CHILD": "D", "RNE": "P", "DECOM": "01/01/2019"},
    )
    placed = table(
        "PlacedAdoption",
        _placed("A", "26/05/2019"),  # fails
        _placed("B", "01/06/2019"),  # fails: care (S) started 01/03/2020
        _placed("C", "01/06/2019"),  # C's first S episode is 01/01/2019: passes
        _placed("D", "01/02/1960"),  # no S episode: not checked
    )
    assert run("1003", {"Episodes": episodes, "PlacedAdoption": placed}) == [
        ("903-1003", 2, "DATE_PLACED", "2019-05-26"),
        ("903-1003", 3, "DATE_PLACED", "2019-06-01"),
    ]


def test_117_decision_after_year_end_or_after_care_ended() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "A", "DECOM": "01/01/2024"},
        {"CHILD": "B", "DECOM": "01/01/2024", "DEC": "01/06/2024", "REC": "E11"},
        {"CHILD": "C", "DECOM": "01/01/2024", "DEC": "01/06/2024", "REC": "E11"},
        {"CHILD": "C", "DECOM": "01/06/2024", "DEC": "01/09/2024", "REC": "X1"},  # X1: ignored
        {"CHILD": "D", "DECOM": "01/01/2024"},
    )
    placed = table(
        "PlacedAdoption",
        _placed("A", "01/04/2025"),  # fails: after 31 March 2025
        _placed("B", "01/03/2024", "02/06/2024", "RD1"),  # fails: ceased after care ended
        _placed("C", "01/07/2024"),  # fails: after C's latest non-X1 DEC
        _placed("D", "01/01/2025"),
        _placed("E", "01/04/2025"),  # no episodes: not checked
    )
    assert run("117", {"Episodes": episodes, "PlacedAdoption": placed}) == [
        ("903-117", 2, "DATE_PLACED", "2025-04-01"),
        ("903-117", 3, "DATE_PLACED", "2024-03-01"),
        ("903-117", 4, "DATE_PLACED", "2024-07-01"),
    ]


def test_118_ceased_before_year_or_before_care() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "A", "LS": "C2", "DECOM": "01/01/2024"},
        {"CHILD": "B", "LS": "V3", "DECOM": "01/01/2023"},  # respite: ignored
        {"CHILD": "B", "LS": "C2", "DECOM": "01/06/2024"},
        {"CHILD": "C", "LS": "C2", "DECOM": "01/05/2024"},
        {"CHILD": "D", "LS": "C2", "DECOM": "01/05/2024"},
    )
    placed = table(
        "PlacedAdoption",
        _placed("A", "01/01/2024", "01/03/2024", "RD1"),  # fails: before 1 April 2024
        _placed("B", "01/01/2024", "01/05/2024", "RD1"),  # fails: before care (01/06/2024)
        _placed("C", "01/05/2024", "01/06/2024", "RD1"),
        _placed("D", "01/05/2024"),
    )
    assert run("118", {"Episodes": episodes, "PlacedAdoption": placed}) == [
        ("903-118", 2, "DATE_PLACED_CEASED", "2024-03-01"),
        ("903-118", 3, "DATE_PLACED_CEASED", "2024-05-01"),
    ]


def test_552_decision_after_placement_for_adoption() -> None:
    episodes = table(
        "Episodes",
        {"CHILD": "A", "PLACE": "A3", "DECOM": "01/05/2024"},
        {"CHILD": "B", "PLACE": "A4", "DECOM": "01/05/2024"},
        {"CHILD": "C", "PLACE": "U1", "DECOM": "01/01/2024"},
        {"CHILD": "C", "PLACE": "A5", "DECOM": "01/05/2024"},
    )
    placed = table(
        "PlacedAdoption",
        _placed("A", "01/06/2024"),  # fails
        _placed("B", "01/01/2024", "01/02/2024", "RD1"),
        _placed("B", "01/03/2024"),
        _placed("C", "01/07/2024"),  # fails: C's latest decision
        _placed("C", "01/06/2024"),  # also after, but not C's latest: not checked
    )
    assert run("552", {"Episodes": episodes, "PlacedAdoption": placed}) == [
        ("903-552", 2, "DATE_PLACED", "2024-06-01"),
        ("903-552", 5, "DATE_PLACED", "2024-07-01"),
    ]


def test_333_interest_after_match() -> None:
    ad1 = table(
        "AD1",
        {"CHILD": "1", "DATE_INT": "01/06/2020", "DATE_MATCH": "05/06/2020"},
        {"CHILD": "2", "DATE_INT": "02/06/2020"},
        {"CHILD": "3", "DATE_INT": "03/06/2020", "DATE_MATCH": "01/06/2020"},  # fails
        {"CHILD": "4", "DATE_MATCH": "05/06/2020"},  # fails: no DATE_INT
    )
    assert run("333", {"AD1": ad1}) == [
        ("903-333", 4, "DATE_INT", "2020-06-03"),
        ("903-333", 5, "DATE_INT", None),
    ]


def test_511_two_adopters_coded_single() -> None:
    ad1 = table(
        "AD1",
        {"CHILD": "1", "NB_ADOPTR": "2", "SEX_ADOPTR": "MF"},
        {"CHILD": "2", "NB_ADOPTR": "2", "SEX_ADOPTR": "F1"},  # fails
        {"CHILD": "3", "NB_ADOPTR": "1", "SEX_ADOPTR": "F1"},
    )
    assert run("511", {"AD1": ad1}) == [("903-511", 3, "SEX_ADOPTR", "F1")]
