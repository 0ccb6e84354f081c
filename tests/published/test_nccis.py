"""NCCIS LA dashboards 2021–2025: every year's layout, and agreement with LAIT."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from cypp.published import paths
from cypp.published.errors import PublishedFileError
from cypp.published.nccis import detect_layout, read_nccis
from cypp.published.vendored import load_lait
from tests.published.helpers import rows, series

FILES = {
    2021: "UD_NEETNK_LA_dashboard_2021_vg_removed.csv",
    2022: "UD_NEETNK_LA_dashboard_2022_final.csv",
    2023: "UD_NEETNK_LA_dashboard_2023_final.csv",
    2024: "UD_NEETNK_LA_dashboard_final@4e3a0d5_2024.csv",
    2025: "UD_NEETNK_LA_dashboard_final@HEAD_2025.csv",
}
NEET = "neet_nk_la_dashboard.NEET_percent"
NEET_NK = "neet_nk_la_dashboard.NEET_not_known_percent"


def _all_years() -> pa.Table:
    return pa.concat_tables([read_nccis(paths.NCCIS_DIR / name) for name in FILES.values()])


def test_each_year_has_its_layout() -> None:
    from cypp.published.csvfile import read_csv

    layouts = {year: detect_layout(read_csv(paths.NCCIS_DIR / n)[0]) for year, n in FILES.items()}
    assert layouts == {
        2021: "2021",
        2022: "2022-2023",
        2023: "2022-2023",
        2024: "2024-",
        2025: "2024-",
    }


def test_leicestershire_neet_agrees_with_lait() -> None:
    nccis = _all_years()
    neet = series(nccis, measure=NEET, la_number="855")
    assert neet == {2021: 2.4, 2022: 1.3, 2023: 0.8, 2024: 0.7, 2025: 1.2}
    lait = series(load_lait(), measure="16-17 NEET", source_la_number="855")
    assert {year: lait[year] for year in neet} == neet
    neet_nk = series(nccis, measure=NEET_NK, la_number="855")
    assert neet_nk == {2021: 4.7, 2022: 3.2, 2023: 3.7, 2024: 4.7, 2025: 6.0}
    lait_nk = series(load_lait(), measure="16-17_not known_NEET", source_la_number="855")
    assert {year: lait_nk[year] for year in (2023, 2024, 2025)} == {2023: 3.7, 2024: 4.7, 2025: 6.0}


def test_columns_that_changed_between_years() -> None:
    nccis = _all_years()
    old = series(
        nccis, measure="neet_nk_la_dashboard.sess_overall_percent_pa_10_exact", la_number="855"
    )
    new = series(
        nccis, measure="neet_nk_la_dashboard.enrolments_pa_10_exact_percent", la_number="855"
    )
    assert sorted(old) == [2021, 2022, 2023]
    assert new == {2024: 24.1, 2025: 23.6}
    population = series(
        nccis, measure="neet_nk_la_dashboard.Age1617_ONS_population", la_number="855"
    )
    assert population == {2021: 15937.0, 2022: 16651.0, 2023: None}  # 2023 publishes z


def test_symbols_and_blanks_are_states() -> None:
    y2021 = read_nccis(paths.NCCIS_DIR / FILES[2021])
    (england,) = rows(
        y2021, measure="neet_nk_la_dashboard.NEET_NK_quintile", geographic_level="National"
    )
    assert (england["value"], england["state"]) == (None, "z")
    (blank,) = rows(y2021, measure="neet_nk_la_dashboard.NEET_NK_NoSEN_quintile", la_number="855")
    assert (blank["value"], blank["state"]) == (None, "blank")
    y2025 = read_nccis(paths.NCCIS_DIR / FILES[2025])
    (rutland,) = rows(y2025, measure="neet_nk_la_dashboard.VG_NEET_NK_percentage", la_number="857")
    assert (rutland["value"], rutland["state"]) == (None, "c")
    (leics,) = rows(y2025, measure=NEET, la_number="855")
    assert (leics["period"], leics["period_type"], leics["area_code"]) == (
        "2025",
        "calendar_year",
        "E10000018",
    )
    assert leics["unit"] == "%"


def test_a_header_from_no_known_year_is_reported(tmp_path: Path) -> None:
    source = (paths.NCCIS_DIR / FILES[2025]).read_text(encoding="utf-8").splitlines()
    header = source[0].replace("NEET_percent,", "NEET_pct,")
    path = tmp_path / "nccis.csv"
    path.write_text("\n".join([header, source[1]]) + "\n", encoding="utf-8")
    with pytest.raises(PublishedFileError) as caught:
        read_nccis(path)
    assert {(p.rule, p.column) for p in caught.value.problems} == {
        ("published.column.missing", "NEET_percent"),
        ("published.column.unexpected", "NEET_pct"),
    }


def test_placeholder_rows_of_2021_are_skipped_but_codeless_rows_are_not(tmp_path: Path) -> None:
    y2021 = read_nccis(paths.NCCIS_DIR / FILES[2021])
    assert "LA demo" not in set(y2021["area_name"].to_pylist())
    assert y2021["area_code"].null_count == 0
    source = (paths.NCCIS_DIR / FILES[2021]).read_text(encoding="utf-8").splitlines()
    demo = next(line for line in source if ",LA demo," in line)
    path = tmp_path / "nccis.csv"
    path.write_text(
        source[0] + "\n" + demo.replace("LA demo", "Somewhere") + "\n", encoding="utf-8"
    )
    with pytest.raises(PublishedFileError) as caught:
        read_nccis(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.rule) == (
        2,
        "new_la_code",
        "published.geography.code",
    )
