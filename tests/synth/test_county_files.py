"""A mini county: the layout, byte-for-byte determinism, and every file read by the readers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from cypp.returns.attainment import read_attainment
from cypp.returns.build import canonical
from cypp.returns.census import read_census
from cypp.returns.nccis import read_nccis
from cypp.returns.ssda903 import read_ssda903
from cypp.returns.ssda903.rules import check_ssda903
from cypp.returns.survey import read_survey
from cypp.synth.generate import SynthSummary, generate
from tests.synth.conftest import FRACTION, SEED, year_folders

YEARS = ("2006-07", "2007-08", "2008-09", "2009-10", "2010-11")
SSDA903_FILES = {
    "header.csv", "episodes.csv", "uasc.csv", "oc2.csv", "oc3.csv", "ad1.csv", "reviews.csv",
    "missing.csv", "placed_for_adoption.csv", "previous_permanence.csv", "sw_episodes.csv",
}  # fmt: skip


def _hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_layout_follows_the_load_command(mini_county: SynthSummary) -> None:
    root = mini_county.out
    assert {p.name for p in root.iterdir()} == {
        "ssda903", "ssda903-xml", "census", "attainment", "nccis", "survey", "published", "synth",
    }  # fmt: skip
    for kind in ("ssda903", "ssda903-xml", "census", "attainment", "nccis", "survey"):
        assert [p.name for p in year_folders(root, kind)] == list(YEARS)
    # One SSDA903 return per collection year (to 31 March), as CSV tables and as XML.
    for year in YEARS:
        assert {p.name for p in (root / "ssda903" / year).iterdir()} == SSDA903_FILES
        assert [p.name for p in (root / "ssda903-xml" / year).iterdir()] == ["return.xml"]
    assert sorted(p.name for p in (root / "census" / "2009-10").iterdir()) == [
        "attendance_2009-10.csv",
        "school_census_2009-10.csv",
    ]
    # County scale: all twelve month-end NCCIS snapshots, September to August.
    months = sorted(p.name for p in (root / "nccis" / "2009-10").iterdir())
    assert len(months) == 12 and months[0] == "nccis_2009-09-30.csv"
    assert "nccis_2010-02-28.csv" in months
    summary = json.loads((root / "synth" / "summary.json").read_text(encoding="utf-8"))
    assert summary == json.loads(json.dumps(mini_county.as_json()))
    assert (
        mini_county.bytes
        == sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
        - (root / "synth" / "summary.json").stat().st_size
    )


def test_same_seed_same_bytes_other_seed_other_bytes(
    mini_county: SynthSummary, tmp_path: Path
) -> None:
    again = generate(tmp_path / "again", scale="county", seed=SEED, fraction=FRACTION)
    first, second = _hashes(mini_county.out), _hashes(again.out)
    assert first == second
    other = generate(tmp_path / "other", scale="county", seed=SEED + 1, fraction=FRACTION)
    third = _hashes(other.out)
    assert third.keys() == first.keys()
    same = [name for name in first if first[name] == third[name]]
    # All but the postcode lookup (the council's own geography) and tables with a header line
    # and no rows (SWEpisodes; a small year's AD1, OC3 or PlacedAdoption).
    same.remove("synth/postcode_districts.csv")
    assert all(len((mini_county.out / name).read_bytes().splitlines()) == 1 for name in same)
    assert len(same) < 15


@pytest.mark.parametrize(
    ("kind", "reader", "tables"),
    [
        ("census", read_census, {"SchoolCensus", "Attendance"}),
        ("attainment", read_attainment, {"KS2", "KS3", "KS4"}),
        ("nccis", read_nccis, {"Activity"}),
        ("survey", read_survey, {"Responses"}),
    ],
)
def test_every_year_reads_without_problems(
    mini_county: SynthSummary, kind: str, reader: object, tables: set[str]
) -> None:
    for folder in year_folders(mini_county.out, kind):
        read = reader([folder])  # type: ignore[operator]
        assert set(read.tables) == tables
        assert read.findings == ()
        assert all(t.num_rows > 0 for t in read.tables.values())


def test_each_years_ssda903_return_reads_as_csv_and_as_xml_alike(
    mini_county: SynthSummary,
) -> None:
    root = mini_county.out
    for year in YEARS:
        from_csv = read_ssda903([root / "ssda903" / year])
        from_xml = read_ssda903([root / "ssda903-xml" / year / "return.xml"])
        assert from_csv.findings == () and from_xml.findings == ()
        assert set(from_csv.tables) - set(from_xml.tables) == {"SWEpisodes"}
        for name, table in from_xml.tables.items():
            assert canonical(table).equals(canonical(from_csv.tables[name])), (year, name)


def test_the_dfe_rules_find_nothing_in_any_year(mini_county: SynthSummary) -> None:
    for year in YEARS:
        read = read_ssda903([mini_county.out / "ssda903" / year])
        end = dt.date(int(year[:4]) + 1, 3, 31)
        assert check_ssda903(read.tables, collection_year_end=end) == (), year
