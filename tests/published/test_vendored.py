"""The vendored extract: complete for every council, small, documented, reproducible."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.compute as pc

from cypp.published import paths
from cypp.published.csvfile import read_csv
from cypp.published.schema import PUBLISHED_SCHEMA
from cypp.published.vendor import CSC_FILTERS, LAIT_MEASURES, build
from cypp.published.vendored import load_published
from tests.published.helpers import FIXTURES, series

# (source, measure, first end year) for the plan's successor measures.
SUCCESSOR_MEASURES = [
    ("lait", "EngMaths9-4", 2017),
    ("lait", "FSM_AVG_Attain8_Score", 2016),
    ("lait", "NonFSM_AVG_Attain8_Score", 2016),
    ("cypp", "Attain8_FSM_gap", 2016),
    ("lait", "SFSecPerAbNew", 2016),
    ("lait", "16-17 NEET", 2018),
    ("lait", "16-17_not known_NEET", 2019),
    ("nccis", "neet_nk_la_dashboard.NEET_percent", 2021),
    ("nccis", "neet_nk_la_dashboard.Notknown_percent", 2021),
    ("lait", "Under18concep", 2016),
    ("lait", "LACStableNum_2016on", 2016),
    ("lait", "LACStable_2016on", 2016),
    ("lait", "LAC_LongStable%", 2018),
    ("lait", "CareLeaverEET", 2016),
]


def test_every_council_every_year() -> None:
    table = load_published()
    assert table.schema == PUBLISHED_SCHEMA
    councils = table.filter(pc.equal(table["geographic_level"], "Local authority"))
    for source, measure, first in SUCCESSOR_MEASURES:
        mask = pc.and_(pc.equal(councils["source"], source), pc.equal(councils["measure"], measure))
        rows = councils.filter(mask)
        last = 2022 if measure == "Under18concep" else 2025
        years = set(rows["end_year"].to_pylist())
        assert years == set(range(first, last + 1)), measure
        # LAIT lists 158 council numbers (152 today plus predecessors); NCCIS 150 or 151.
        per_year = len(rows) // len(years)
        assert per_year >= 150, measure
        assert rows["area_code"].null_count == 0, measure


def test_states_and_values_are_consistent() -> None:
    table = load_published()
    numbers = pc.equal(table["state"], "value")
    assert table.filter(numbers)["value"].null_count == 0
    assert (
        table.filter(pc.invert(numbers))["value"].null_count
        == table.filter(pc.invert(numbers)).num_rows
    )
    assert not pc.any(pc.is_nan(table["value"])).as_py()
    assert set(table["state"].to_pylist()) <= {"value", "c", "x", "z", "k", "-", "blank"}


def test_leicestershire_three_plus_placements_in_both_sources() -> None:
    table = load_published()
    lait = series(table, source="lait", measure="LACStableNum_2016on", la_number="855")
    csc = series(
        table,
        source="dfe-csc",
        la_number="855",
        measure="la_cla_placement_stability.children_count[cla_on_31_march|3_plus_placements_in_year]",
    )
    assert csc == {2021: 32.0, 2022: 40.0, 2023: 45.0, 2024: 63.0, 2025: 66.0}
    assert {y: lait[y] for y in csc} == csc


def test_extract_is_small_and_documented() -> None:
    files = [p for p in paths.DATA_DIR.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 5_000_000
    readme = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "Open Government Licence v3.0" in readme
    for path in files:
        if path.name != "README.md":
            assert path.name in readme, path.name


def _originals(tmp_path: Path) -> Path:
    """An originals folder: LAIT's parquet excerpt and workbook, and the vendored files in
    the place of the other originals (the filters keep all of their rows)."""
    root = tmp_path / "originals"
    shutil.copytree(paths.DATA_DIR, root, ignore=shutil.ignore_patterns("README.md"))
    lait = root / "dfe-lait"
    shutil.copy(FIXTURES / "bds_long_0_excerpt.parquet", lait / "bds_long_0.parquet")
    shutil.copy(FIXTURES / "la_code_list.xlsx", lait / "la_code_list.xlsx")
    shutil.copy(paths.LAIT_DICTIONARY, lait / "lait_data_dictionary.csv")
    return root


def test_rebuild_reproduces_the_vendored_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_originals(tmp_path), out)
    for name in [*CSC_FILTERS, "sn_model_2025_wide.csv"]:
        rebuilt = (out / "dfe-csc-outcomes" / name).read_bytes()
        assert rebuilt == (paths.CSC_DIR / name).read_bytes(), name
    for path in paths.NCCIS_DIR.glob("*.csv"):
        assert (out / "dfe-nccis" / path.name).read_bytes() == path.read_bytes()
    assert (out / "dfe-lait" / "la_code_list.csv").read_bytes() == paths.LA_CODE_LIST.read_bytes()
    dictionary = out / "dfe-lait" / paths.LAIT_DICTIONARY.name
    assert dictionary.read_bytes() == paths.LAIT_DICTIONARY.read_bytes()


def test_rebuild_keeps_only_the_plan_measures_and_years(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(_originals(tmp_path), out)
    header, records = read_csv(out / "dfe-lait" / paths.LAIT_EXTRACT.name)
    kept = [dict(zip(header, fields, strict=True)) for _, fields in records]
    assert {r["short_desc"] for r in kept} == {
        "LACStableNum_2016on",
        "16-17 NEET",
        "EngMaths9-4",
        "Under18concep",
    }  # RTA and LACFinance are not plan measures
    assert {r["short_desc"] for r in kept} <= set(LAIT_MEASURES)
    # four areas: 10 years of placements, 8 of NEET, 9 of English and maths, 7 of conceptions
    assert len(kept) == 4 * (10 + 8 + 9 + 7)
    leics = [
        r["value"]
        for r in kept
        if r["short_desc"] == "LACStableNum_2016on" and r["old_la_code"] == "855"
    ]
    assert leics == ["50", "45", "51", "51", "51", "32", "40", "45", "63", "66"]
