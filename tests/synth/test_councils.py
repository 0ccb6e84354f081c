"""The vendored councils: England's 150 of 2010, their codes, sizes and districts."""

from __future__ import annotations

import pytest

from cypp.synth.councils import councils, find_council
from cypp.synth.years import SynthError


def test_one_hundred_and_fifty_councils_with_unique_codes() -> None:
    every = councils()
    assert len(every) == 150
    assert len({c.code for c in every}) == 150
    assert len({c.number for c in every}) == 150
    assert {c.region_name for c in every} >= {"London", "East Midlands", "North East"}


def test_sizes_vary_from_small_unitaries_to_large_counties() -> None:
    sizes = sorted(c.population for c in councils())
    assert sizes[0] < 30_000 < 250_000 < sizes[-1]


def test_leicestershire_has_its_seven_districts_with_le_postcodes() -> None:
    county = find_council("855")
    assert county.code == "E10000018" and county.name == "Leicestershire"
    assert [d.name for d in county.districts] == [
        "Blaby",
        "Charnwood",
        "Harborough",
        "Hinckley and Bosworth",
        "Melton",
        "North West Leicestershire",
        "Oadby and Wigston",
    ]
    assert all(code.startswith("LE") for d in county.districts for code in d.outward_codes)


def test_councils_are_found_by_code_number_or_name() -> None:
    assert find_council("e10000018") is find_council("Leicestershire") is find_council("855")
    # The councils of 2010: Dorset before the 2019 merger, Northamptonshire before 2021.
    assert find_council("835").code == "E10000009"
    assert find_council("Northamptonshire").code == "E10000021"


def test_an_unknown_area_suggests_close_names() -> None:
    with pytest.raises(SynthError, match="did you mean: E10000018 Leicestershire"):
        find_council("Leicestershir")
    with pytest.raises(SynthError, match="'City of London' is not one of the 150"):
        find_council("City of London")
