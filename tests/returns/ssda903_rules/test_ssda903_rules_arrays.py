"""The vectorised helpers the rules stand on: date keys, birthdays, ordering, counts."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from cypp.returns.ssda903.rules.arrays import count_by, date_key, in_order, plus_years_key


def test_date_key_orders_like_the_date() -> None:
    dates = pa.array([dt.date(2024, 4, 1), None], pa.date32())
    assert date_key(dates).to_pylist() == [20240401, None]


def test_birthdays_of_29_february_fall_on_28_february_off_leap_years() -> None:
    dates = pa.array([dt.date(2000, 2, 29), dt.date(2004, 2, 29), dt.date(2001, 3, 5)], pa.date32())
    assert plus_years_key(dates, 18).to_pylist() == [20180228, 20220228, 20190305]
    assert plus_years_key(dates, 100).to_pylist() == [21000228, 21040229, 21010305]
    assert plus_years_key(dates, 400).to_pylist() == [24000229, 24040229, 24010305]


def test_count_by_counts_each_key_including_missing() -> None:
    assert count_by(pa.array(["a", "b", "a", None, None])).to_pylist() == [2, 1, 2, 2, 2]


def test_in_order_is_stable_with_missing_dates_last() -> None:
    rows = pa.table(
        {
            "CHILD": ["x", "x", "y", "x"],
            "DECOM": pa.array([dt.date(2020, 1, 2), None, dt.date(2019, 1, 1), dt.date(2020, 1, 2)],
                              pa.date32()),
        }
    )  # fmt: skip
    ordered = in_order(rows, [("CHILD", "ascending"), ("DECOM", "ascending")])
    assert ordered["_row"].to_pylist() == [0, 3, 1, 2]
