"""The Area lookup: ONS codes, LA numbers, LAIT's codes and names."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.errors import CyppError
from cypp.published import paths
from cypp.published.areas import Area, load_areas, read_la_code_list, resolve_area
from cypp.published.errors import PublishedFileError, UnknownAreaError
from tests.published.helpers import FIXTURES

LEICESTERSHIRE = Area(
    ons_code="E10000018",
    la_number="855",
    name="Leicestershire",
    region_code="E12000004",
    region_name="East Midlands",
    geographic_level="Local authority",
    current=True,
)


@pytest.mark.parametrize(
    "value", ["E10000018", "e10000018", "855", 855, "Leicestershire", " leicestershire "]
)
def test_leicestershire_however_named(value: str | int) -> None:
    assert resolve_area(value) == LEICESTERSHIRE


def test_london_boroughs_are_in_london_and_lait_codes_name_regions() -> None:
    camden = resolve_area("202")
    assert (camden.ons_code, camden.region_code, camden.region_name) == (
        "E09000007",
        "E12000007",
        "London",
    )
    england = resolve_area("970")
    assert (england.ons_code, england.geographic_level, england.la_number) == (
        "E92000001",
        "National",
        None,
    )
    inner = resolve_area("987")
    assert (inner.ons_code, inner.region_code) == ("E13000001", "E12000007")
    assert resolve_area("London (Inner)") == inner
    assert resolve_area("E12000004").name == "East Midlands"


def test_reorganised_councils_resolve_to_the_current_one() -> None:
    north_yorkshire = resolve_area("815")
    assert (north_yorkshire.ons_code, north_yorkshire.current) == ("E06000065", True)
    old = resolve_area("E10000023")
    assert (old.la_number, old.name, old.current) == ("815", "North Yorkshire", False)
    assert resolve_area("Dorset").ons_code == "E06000059"
    assert resolve_area("E10000009").la_number == "835"  # Dorset County Council, before 2019


def test_other_spellings_from_the_vendored_sources() -> None:
    # dfeR says "Bristol, City of"; the ONS lookup and LAIT say "Bristol, City of"/"Bristol".
    assert resolve_area("Bristol, City of").la_number == "801"
    assert resolve_area("Kingston upon Hull, City of").ons_code == "E06000010"


def test_districts_map_to_their_council() -> None:
    from cypp.published.areas import default_areas

    assert default_areas().upper_tier("E07000129") == LEICESTERSHIRE  # Blaby
    assert default_areas().upper_tier("E10000018") == LEICESTERSHIRE


def test_unknown_code_names_the_value_and_suggests_close_matches() -> None:
    with pytest.raises(UnknownAreaError) as caught:
        resolve_area("E10000081")
    message = str(caught.value)
    assert "'E10000081'" in message
    assert "855 Leicestershire (E10000018)" in message
    assert isinstance(caught.value, CyppError)


def test_unknown_name_suggests_the_council() -> None:
    with pytest.raises(UnknownAreaError) as caught:
        resolve_area("Leicestershir")
    assert "Did you mean: 855 Leicestershire (E10000018)" in str(caught.value)


def test_unknown_number_is_refused() -> None:
    with pytest.raises(UnknownAreaError, match="'999'"):
        resolve_area("999")


def test_la_code_list_xlsx_and_csv_agree() -> None:
    xlsx = read_la_code_list(FIXTURES / "la_code_list.xlsx")
    csv = read_la_code_list(paths.LA_CODE_LIST)
    assert xlsx == csv
    assert ("855", "Leicestershire", "East Midlands", "SC") in xlsx


def test_registry_from_explicit_files() -> None:
    registry = load_areas(paths.OLD_LA_CODES, paths.LTLA_UTLA, paths.ONS_POPULATION)
    assert registry.resolve("856").name == "Leicester"
    assert registry.resolve("856").region_code == "E12000004"


def test_a_codes_file_without_its_columns_is_refused(tmp_path: Path) -> None:
    codes = tmp_path / "old_la_codes.csv"
    codes.write_text("la_name,la_code\nLeicestershire,855\n", encoding="utf-8")
    with pytest.raises(PublishedFileError) as caught:
        load_areas(codes, paths.LTLA_UTLA, paths.ONS_POPULATION)
    assert {(p.line, p.column) for p in caught.value.problems} == {
        (1, "old_la_code"),
        (1, "new_la_code"),
    }
