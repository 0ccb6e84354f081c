"""LAIT long data: the vendored CSV extract and the parquet, read as published."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.published.errors import PublishedFileError
from cypp.published.lait import read_lait
from cypp.published.paths import LAIT_EXTRACT
from cypp.published.vendored import load_lait
from tests.published.helpers import FIXTURES, rows, series

LEICS = "855"


def test_leicestershire_cla_with_three_or_more_placements() -> None:
    # Read off bds_long_0.parquet: Leicestershire, LACStableNum_2016on.
    got = series(load_lait(), measure="LACStableNum_2016on", source_la_number=LEICS)
    assert got == {
        2016: 50.0,
        2017: 45.0,
        2018: 51.0,
        2019: 51.0,
        2020: 51.0,
        2021: 32.0,
        2022: 40.0,
        2023: 45.0,
        2024: 63.0,
        2025: 66.0,
    }


def test_leicestershire_neet_is_a_financial_year_measure_with_low_polarity() -> None:
    got = rows(load_lait(), measure="16-17 NEET", source_la_number=LEICS, end_year=2021)
    assert len(got) == 1
    row = got[0]
    assert row["value"] == 2.4
    assert row["state"] == "value"
    assert row["time_period"] == "2021"
    assert row["period"] == "2020-21"  # LAIT's Years is the end year; Year_Type: Financial
    assert row["period_type"] == "financial_year"
    assert row["polarity"] == "Low"
    assert row["unit"] == "% of 16 - 17 year olds"
    assert row["measure_title"] == (
        "16-17 year olds that are Not in Education, Employment or Training (%)"
    )
    assert row["area_code"] == "E10000018"
    assert row["la_number"] == LEICS
    assert row["area_name"] == "Leicestershire"
    assert row["geographic_level"] == "Local authority"
    assert (row["breakdown"], row["group"]) == ("all", "all")
    later = series(load_lait(), measure="16-17 NEET", source_la_number=LEICS)
    assert [later[y] for y in range(2021, 2026)] == [2.4, 1.3, 0.8, 0.7, 1.2]


def test_leicestershire_ks4_absence_and_conceptions() -> None:
    lait = load_lait()
    english_maths = series(lait, measure="EngMaths9-4", source_la_number=LEICS)
    assert english_maths[2017] == 67.0
    assert english_maths[2018] == 67.1  # published as 67.099999999999994
    assert english_maths[2025] == 66.6
    assert 2016 not in english_maths  # grade 9-4 measure starts in 2017
    (row,) = rows(lait, measure="EngMaths9-4", source_la_number=LEICS, end_year=2025)
    assert row["period"] == "2024/25"
    absence = series(lait, measure="SFSecPerAbNew", source_la_number=LEICS)
    assert (absence[2016], absence[2023], absence[2025]) == (12.75, 24.07, 21.77)
    conceptions = series(lait, measure="Under18concep", source_la_number=LEICS)
    assert conceptions == {
        2016: 13.7,
        2017: 12.3,
        2018: 12.2,
        2019: 13.3,
        2020: 10.8,
        2021: 10.7,
        2022: 13.5,
    }
    (concep,) = rows(lait, measure="Under18concep", source_la_number=LEICS, end_year=2022)
    assert (concep["period"], concep["period_type"]) == ("2022", "calendar_year")


def test_fsm_split_is_a_breakdown() -> None:
    lait = load_lait()
    (fsm,) = rows(lait, measure="FSM_AVG_Attain8_Score", source_la_number=LEICS, end_year=2025)
    (non,) = rows(lait, measure="NonFSM_AVG_Attain8_Score", source_la_number=LEICS, end_year=2025)
    assert (fsm["breakdown"], fsm["group"], fsm["value"]) == ("fsm", "FSM", 32.2)
    assert (non["breakdown"], non["group"], non["value"]) == ("fsm", "non-FSM", 49.2)


def test_england_and_regions_keep_lait_numbers_apart_from_la_number() -> None:
    lait = load_lait()
    (england,) = rows(lait, measure="LACStableNum_2016on", source_la_number="970", end_year=2025)
    assert england["geographic_level"] == "National"
    assert england["area_code"] == "E92000001"
    assert england["la_number"] is None
    assert england["value"] == 8500.0
    (region,) = rows(lait, measure="LACStableNum_2016on", source_la_number="983", end_year=2025)
    assert (region["geographic_level"], region["area_code"]) == ("Regional", "E12000004")
    assert (region["area_name"], region["value"]) == ("East Midlands", 610.0)


def test_suppressed_cells_are_kept_as_states_not_zero() -> None:
    lait = load_lait()
    (rutland,) = rows(lait, measure="LACStableNum_2016on", source_la_number="857", end_year=2025)
    assert (rutland["value"], rutland["state"]) == (None, "-")
    (zero,) = rows(lait, measure="LACStableNum_2016on", source_la_number="857", end_year=2016)
    assert (zero["value"], zero["state"]) == (0.0, "value")  # a real zero stays a zero
    (city,) = rows(lait, measure="EngMaths9-4", source_la_number="201", end_year=2017)
    assert (city["value"], city["state"]) == (None, "-")


def test_parquet_reads_like_the_csv_extract() -> None:
    excerpt = read_lait(FIXTURES / "bds_long_0_excerpt.parquet")
    from_parquet = series(excerpt, measure="LACStableNum_2016on", source_la_number=LEICS)
    assert from_parquet == series(
        load_lait(), measure="LACStableNum_2016on", source_la_number=LEICS
    )
    rta = rows(excerpt, measure="RTA", source_la_number=LEICS)
    first = next(r for r in rta if r["time_period"] == "2014-16")
    assert (first["period"], first["period_type"], first["end_year"]) == (
        "2014-2016",
        "rolling",
        2016,
    )
    assert first["value"] == 12.51
    missing = next(r for r in rta if r["time_period"] == "2019-21")
    assert (missing["value"], missing["state"]) == (None, "-")
    finance = rows(
        excerpt, measure="LACFinance", source_la_number=LEICS, time_period="2016-17 (OT)"
    )
    assert [(r["period"], r["value"]) for r in finance] == [("2016-17 (OT)", 1115.0)]


def test_measures_argument_limits_what_is_read() -> None:
    table = read_lait(FIXTURES / "bds_long_0_excerpt.parquet", measures=["Under18concep"])
    assert set(table["measure"].to_pylist()) == {"Under18concep"}
    assert table.num_rows == 4 * 7  # four areas, 2016-2022


HEADER = "short_desc,data_item,years,la_or_region,value,old_la_code,region\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lait.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_column_is_a_problem_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "short_desc,data_item,years,la_or_region,old_la_code\n")
    with pytest.raises(PublishedFileError) as caught:
        read_lait(path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == (str(path), 1, "value")
    assert "value" in str(caught.value)


def test_bad_number_is_a_problem_with_file_line_column_and_value(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "16-17 NEET,,2021,Leicestershire,2.4,855,East Midlands\n"
        + "16-17 NEET,,2022,Leicestershire,1.3%,855,East Midlands\n"
        + "16-17 NEET,,2023,Nowhere,0.8,999,East Midlands\n",
    )
    with pytest.raises(PublishedFileError) as caught:
        read_lait(path)
    bad, unknown = caught.value.problems
    assert (bad.file, bad.line, bad.column, bad.value) == (str(path), 3, "value", "1.3%")
    assert "'1.3%'" in bad.found
    assert (unknown.line, unknown.column, unknown.value) == (4, "old_la_code", "999")
    assert "nothing was imported" in str(caught.value)


def test_vendored_extract_is_the_csv_layout() -> None:
    assert LAIT_EXTRACT.read_text(encoding="utf-8").startswith(HEADER)
