"""UPNs with their check letter, serial numbers, and whole-array date arithmetic."""

from __future__ import annotations

import datetime as dt

import numpy as np

from cypp.synth.days import age_on, as_date, day, plus_years, ymd
from cypp.synth.ids import scrambled, serials, upn_check, upns


def test_upn_check_letter_worked_by_hand() -> None:
    # 855 2001 06 000: 8*2 + 5*3 + 5*4 + 2*5 + 1*8 + 6*10 = 129; 129 mod 23 = 14 -> Q
    # (A=0 ... H=7, J=8, ..., N=12, P=13, Q=14: I and O are not used).
    assert upn_check(np.array([855200106000])).tolist() == ["Q"]
    assert upn_check(np.array([0])).tolist() == ["A"]


def test_upns_are_thirteen_characters() -> None:
    made = upns(855, np.array([2001, 4010]), np.array([2006, 2010]), np.array([0, 123]))
    assert made.to_pylist() == ["Q855200106000", "A855401010123"]


def test_serials_count_within_groups() -> None:
    school = np.array([1, 1, 2, 1, 2])
    year = np.array([5, 5, 5, 6, 5])
    assert serials(school, year).tolist() == [0, 1, 0, 0, 1]


def test_scrambled_numbers_are_distinct_and_in_range() -> None:
    numbers = scrambled(np.arange(5000), low=100_000, high=1_000_000)
    assert np.unique(numbers).size == 5000
    assert numbers.min() >= 100_000 and numbers.max() < 1_000_000


def test_birthdays_and_ages() -> None:
    leap = np.array([day(dt.date(2008, 2, 29)), day(dt.date(1993, 4, 1))])
    assert [as_date(d) for d in plus_years(leap, 18)] == [dt.date(2026, 2, 28), dt.date(2011, 4, 1)]
    assert age_on(leap, day(dt.date(2011, 3, 31))).tolist() == [3, 17]
    years, months, doms = ymd(leap)
    assert (years.tolist(), months.tolist(), doms.tolist()) == ([2008, 1993], [2, 4], [29, 1])
