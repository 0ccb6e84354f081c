"""Confidence intervals against published worked examples."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cypp.engine.statistics import byar, mean_t, newcombe_difference, wilson


def test_wilson_matches_newcombe_1998_table_i() -> None:
    # Newcombe (1998) Stat Med 17:857, Table I: 81/263 → 0.2553 to 0.3662
    low, high = wilson(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_wilson_at_zero_and_all() -> None:
    # 0/10: 0 to 0.2775; 10/10: 0.7225 to 1 (Wilson without continuity correction)
    assert wilson(0, 10)[0] == 0 and round(wilson(0, 10)[1], 4) == 0.2775
    assert round(wilson(10, 10)[0], 4) == 0.7225 and wilson(10, 10)[1] == 1


def test_newcombe_difference_matches_newcombe_1998() -> None:
    # Newcombe (1998) Stat Med 17:873, method 10, example (a): 56/70 - 48/80 → 0.0524 to 0.3339
    low, high = newcombe_difference(56, 70, 48, 80)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_byar_is_close_to_the_exact_poisson_interval() -> None:
    # exact Poisson 95% limits for 10 events: 4.7954 and 18.3904
    low, high = byar(10, 1000, per=1000)
    assert abs(low - 4.7954) / 4.7954 < 0.01 and abs(high - 18.3904) / 18.3904 < 0.01


def test_mean_t_by_hand() -> None:
    # values 2, 4, 6, 8, 10: mean 6, sd sqrt(10), t(0.975, 4) = 2.7764 → 6 ± 3.9265
    low, high = mean_t(30, 220, 5)
    assert (round(low, 3), round(high, 3)) == (2.074, 9.926)


def test_higher_level_gives_wider_interval() -> None:
    assert wilson(30, 100, 0.998)[0] < wilson(30, 100, 0.95)[0]


@given(st.integers(0, 500), st.integers(1, 500))
def test_wilson_contains_the_estimate(num: int, den: int) -> None:
    num = min(num, den)
    low, high = wilson(num, den)
    assert 0 <= low <= num / den <= high <= 1


def test_bad_inputs_are_named() -> None:
    with pytest.raises(ValueError, match="numerator 5 must be between 0 and the denominator 3"):
        wilson(5, 3)
    with pytest.raises(ValueError, match="between 0 and 1"):
        wilson(1, 3, level=95)
