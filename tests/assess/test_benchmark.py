"""Quartile bands, ranks and neighbours' means, worked by hand (R type 7 quantiles)."""

from __future__ import annotations

from cypp.assess.benchmark import band, neighbours_mean, quartiles, rank

# eight councils: 10 20 30 40 50 60 70 80 → type 7: Q1 = 27.5, Q2 = 45, Q3 = 62.5
VALUES = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0]


def test_quartiles_type_7() -> None:
    q = quartiles(VALUES)
    assert q is not None and (q.q1, q.q2, q.q3) == (27.5, 45.0, 62.5)


def test_bands_by_polarity() -> None:
    assert [band(v, VALUES, "high") for v in (80, 62.5, 62, 45, 30, 27.5, 27)] == [
        "A",
        "A",
        "B",
        "B",
        "C",
        "C",
        "D",
    ]
    assert [band(v, VALUES, "low") for v in (10, 27.5, 28, 45, 62.5, 63)] == [
        "A",
        "A",
        "B",
        "B",
        "C",
        "D",
    ]
    assert (
        band(None, VALUES, "high") is None
        and band(50, [], "high") is None
        and band(50, VALUES, "none") is None
    )


def test_rank_with_ties() -> None:
    values = [70.0, 65.0, 65.0, 60.0]
    assert rank(65.0, values, "high") == (2, 4)  # both 65s rank 2
    assert rank(60.0, values, "high") == (4, 4)
    assert rank(60.0, values, "low") == (1, 4)
    assert rank(65.0, values, "low") == (2, 4)


def test_neighbours_mean_skips_missing() -> None:
    assert neighbours_mean([10.0, None, 20.0, None]) == (15.0, 2)
    assert neighbours_mean([None, None]) == (None, 0)
