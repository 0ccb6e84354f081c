"""Direction of travel and forecasts, on hand-worked cases."""

from __future__ import annotations

import pytest

from cypp.assess.direction import Direction, direction
from cypp.assess.forecast import Likely, linear_forecast


def test_direction_uses_the_intervals() -> None:
    # 50 ± 2 then 56 ± 2: se 1.02 each, se of difference 1.443, z = 6/1.443 = 4.16 > 1.96
    assert direction((50, 48, 52), (56, 54, 58), "high") is Direction.IMPROVING
    assert direction((50, 48, 52), (56, 54, 58), "low") is Direction.WORSENING
    # 50 ± 4 then 53 ± 4: se of difference 2.886, z = 1.04: noise
    assert direction((50, 46, 54), (53, 49, 57), "high") is Direction.NO_CHANGE
    assert direction((50, None, None), (53, None, None), "high") is Direction.NOT_ASSESSED
    assert direction((None, None, None), (53, 50, 56), "high") is Direction.NOT_ASSESSED


def test_forecast_by_hand() -> None:
    # points (1, 10), (2, 12), (3, 14), (4, 15): slope 1.7, intercept 8.5; at 6 → 18.7
    # residuals -0.2, 0.1, 0.4, -0.3: SSE 0.30, s = sqrt(0.15) = 0.3873; sxx = 5, mean x 2.5
    # half = t(0.975, 2) 4.3027 × 0.3873 × sqrt(1 + 1/4 + 12.25/5) = 1.6667 × 1.9235 = 3.2058
    f = linear_forecast([(1, 10), (2, 12), (3, 14), (4, 15)], 6, target=16, polarity="high")
    assert f.value == pytest.approx(18.7)
    assert (f.low, f.high) == (pytest.approx(15.494, abs=0.01), pytest.approx(21.906, abs=0.01))
    assert f.likely is Likely.UNCERTAIN  # the interval's low end is under 16
    assert linear_forecast([(1, 10), (2, 12), (3, 14), (4, 15)], 6, 15, "high").likely is Likely.YES
    assert linear_forecast([(1, 10), (2, 12), (3, 14), (4, 15)], 6, 23, "high").likely is Likely.NO
    assert linear_forecast([(1, 10), (2, 12), (3, 14), (4, 15)], 6, 23, "low").likely is Likely.YES


def test_single_and_two_periods() -> None:
    assert linear_forecast([(1, 10)], 3, 12, "high").value is None
    two = linear_forecast([(1, 10), (2, 12)], 3, 12, "high")
    assert two.value == pytest.approx(14) and two.likely is Likely.UNCERTAIN and two.low is None


def test_published_whole_population_figures_compare_directly() -> None:
    assert (
        direction((50, None, None), (53, None, None), "high", whole_population=True)
        is Direction.IMPROVING
    )
    assert (
        direction((50, None, None), (50, None, None), "low", whole_population=True)
        is Direction.NO_CHANGE
    )
