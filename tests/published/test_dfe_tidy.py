"""DfE tidy CSVs: the CSC outcomes files, by their specs, and the generic reader's checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.published import paths
from cypp.published.csc import ABSENCE_LA, CSC_SPECS, KS4_LA, read_csc
from cypp.published.errors import PublishedFileError
from cypp.published.tidy import Indicator, TidySpec, read_dfe_tidy
from cypp.published.vendored import load_lait
from tests.published.helpers import FIXTURES, rows, series

LEICS = "855"
THREE_PLUS = "la_cla_placement_stability.children_count[cla_on_31_march|3_plus_placements_in_year]"
SAME_CARER = (
    "la_cla_placement_stability.children_percent[cla_2_5_years_under_16|same_carer_2_years]"
)
EET = (
    "la_care_leavers_activity.care_leaver_percent"
    "[19_to_21_years|total_in_education_employment_or_training]"
)


def test_placement_stability_agrees_with_lait() -> None:
    csc = read_csc(paths.CSC_DIR / "la_cla_placement_stability.csv")
    three_plus = series(csc, measure=THREE_PLUS, la_number=LEICS)
    assert three_plus == {2021: 32.0, 2022: 40.0, 2023: 45.0, 2024: 63.0, 2025: 66.0}
    lait = series(load_lait(), measure="LACStableNum_2016on", source_la_number=LEICS)
    assert all(lait[year] == value for year, value in three_plus.items())
    (row,) = rows(csc, measure=THREE_PLUS, la_number=LEICS, end_year=2025)
    assert (row["time_period"], row["period"], row["period_type"]) == (
        "2025",
        "2024-25",
        "financial_year",
    )
    assert row["measure_title"] == (
        "Number of children: CLA on 31 March, With 3 or more placements during the year"
    )
    assert (row["source"], row["unit"], row["area_code"]) == ("dfe-csc", "count", "E10000018")

    same_carer = series(csc, measure=SAME_CARER, la_number=LEICS)
    assert same_carer == {2021: 80.0, 2022: 78.0, 2023: 79.0, 2024: 77.0, 2025: 75.0}
    long_term = series(load_lait(), measure="LAC_LongStable%", source_la_number=LEICS)
    assert all(long_term[year] == value for year, value in same_carer.items())


def test_care_leavers_in_eet_agree_with_lait() -> None:
    csc = read_csc(paths.CSC_DIR / "la_care_leavers_activity.csv")
    eet = series(csc, measure=EET, la_number=LEICS)
    assert eet == {2021: 60.0, 2022: 61.0, 2023: 57.0, 2024: 59.0, 2025: 59.0}
    lait = series(load_lait(), measure="CareLeaverEET", source_la_number=LEICS)
    assert all(lait[year] == value for year, value in eet.items())


def test_symbols_in_csc_files_are_states() -> None:
    csc = read_csc(paths.CSC_DIR / "la_cla_placement_stability.csv")
    (rutland,) = rows(csc, measure=THREE_PLUS, la_number="857", end_year=2025)
    assert (rutland["value"], rutland["state"]) == (None, "c")
    (cumbria,) = rows(csc, measure=SAME_CARER, la_number="909", end_year=2025)
    assert (cumbria["value"], cumbria["state"]) == (None, "z")
    leavers = read_csc(paths.CSC_DIR / "la_care_leavers_activity.csv")
    wirral = rows(
        leavers,
        la_number="344",
        end_year=2025,
        measure="la_care_leavers_activity.care_leaver_percent[19_to_21_years|total_information_not_known]",
    )
    assert [(r["value"], r["state"]) for r in wirral] == [(None, "k")]
    numbers = read_csc(paths.CSC_DIR / "cla_number_and_rate_per_10k_children.csv")
    (pop,) = rows(
        numbers,
        la_number="909",
        end_year=2025,
        measure="cla_number_and_rate_per_10k_children.population_estimate[on_31_march]",
    )
    assert (pop["value"], pop["state"]) == (None, "x")
    (rate,) = rows(
        numbers,
        la_number=LEICS,
        end_year=2025,
        measure="cla_number_and_rate_per_10k_children.rate_per_10000[on_31_march]",
    )
    assert (rate["value"], rate["unit"]) == (47.0, "per 10,000")


def test_ks4_social_care_groups_are_a_breakdown() -> None:
    ks4 = read_dfe_tidy(FIXTURES / "ks4_la.csv", KS4_LA)
    got = rows(ks4, measure="ks4_la.avg_att8", la_number=LEICS, end_year=2025)
    assert {(r["breakdown"], r["group"]): r["value"] for r in got} == {
        ("social_care_group", "CINO at 31 March"): 19.8,
        ("social_care_group", "CLA 12 months at 31 March"): 18.0,
        ("social_care_group", "CPPO at 31 March"): 16.0,
    }
    assert got[0]["period"] == "2024/25"
    (c,) = rows(
        ks4,
        measure="ks4_la.pt_l2basics_95",
        la_number=LEICS,
        end_year=2025,
        group="CLA 12 months at 31 March",
    )
    assert (c["value"], c["state"]) == (None, "c")
    (x,) = rows(
        ks4, measure="ks4_la.t_inp8calc", la_number=LEICS, end_year=2025, group="CINO at 31 March"
    )
    assert (x["value"], x["state"]) == (None, "x")
    (k,) = rows(ks4, measure="ks4_la.p8score_CI_upp", la_number="317", end_year=2023)
    assert (k["value"], k["state"]) == (None, "k")
    (p8,) = rows(
        ks4, measure="ks4_la.t_p8score", la_number=LEICS, end_year=2024, group="CINO at 31 March"
    )
    assert p8["value"] == -143.775


def test_absence_phase_is_part_of_the_measure() -> None:
    absence = read_dfe_tidy(FIXTURES / "absence_la.csv", ABSENCE_LA)
    measure = "absence_la.pt_pupils_pa_10_exact[state_funded_secondary]"
    (leics,) = rows(absence, measure=measure, la_number=LEICS)
    assert (leics["value"], leics["group"], leics["period"]) == (
        59.0,
        "CINO at 31 March",
        "2024/25",
    )
    (ap,) = rows(
        absence,
        measure="absence_la.t_pupils[state_funded_alternative_provision_school]",
        la_number=LEICS,
    )
    assert (ap["value"], ap["state"]) == (None, "c")
    (k,) = rows(
        absence, measure="absence_la.pt_sess_unauthorised[state_funded_primary]", la_number="823"
    )
    assert (k["value"], k["state"]) == (None, "k")


def test_school_moves_and_accommodation_specs_read_their_files() -> None:
    moves = read_dfe_tidy(
        FIXTURES / "la_cla_school_moves.csv", CSC_SPECS["la_cla_school_moves.csv"]
    )
    (leics,) = rows(
        moves,
        la_number=LEICS,
        measure="la_cla_school_moves.number"
        "[cla_2_years_on_31_march|any_moves|with_one_or_more_moves_during_the_previous_2_years]",
    )
    assert (leics["value"], leics["period"]) == (76.0, "2023-24")
    national = rows(moves, geographic_level="National", end_year=2020)
    assert {r["state"] for r in national} == {"x"}
    spec = CSC_SPECS["la_care_leavers_accommodation_suitability.csv"]
    accommodation = read_dfe_tidy(FIXTURES / "la_care_leavers_accommodation_suitability.csv", spec)
    (total,) = rows(
        accommodation,
        la_number=LEICS,
        measure=(
            "la_care_leavers_accommodation_suitability.care_leaver_count[17_to_18_years|suitability_total]"
        ),
    )
    assert total["value"] == 157.0


SPEC = TidySpec(
    dataset="demo",
    source="dfe",
    indicators=(Indicator("children_count", "Number of children", "count"),),
    measure_filters=("cla_group",),
    breakdown="sex",
    total_group="Total",
    fixed={"age": "All ages"},
    reporting_year="financial_year",
)
GEOG = "geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name"
HEADER = f"time_period,time_identifier,{GEOG},cla_group,sex,age,children_count\n"
LEICS_GEOG = (
    "Local authority,E92000001,England,E12000004,East Midlands,855,E10000018,Leicestershire"
)


def _write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "demo.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_generic_reader_ids_totals_and_groups(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"2025,Reporting year,{LEICS_GEOG},CLA on 31 March,Total,All ages,694\n"
        f"2025,Reporting year,{LEICS_GEOG},CLA on 31 March,Female,All ages,c\n"
        "2025,Reporting year,National,E92000001,England,,,,,,CLA on 31 March,Total,All ages,81770\n",
    )
    table = read_dfe_tidy(path, SPEC)
    assert table.num_rows == 3
    got = {
        (r["area_name"], r["breakdown"], r["group"]): (r["value"], r["state"])
        for r in table.to_pylist()
    }
    assert got == {
        ("Leicestershire", "all", "all"): (694.0, "value"),
        ("Leicestershire", "sex", "Female"): (None, "c"),
        ("England", "all", "all"): (81770.0, "value"),
    }
    assert set(table["measure"].to_pylist()) == {"demo.children_count[cla_on_31_march]"}
    england = rows(table, area_name="England")[0]
    assert (england["la_number"], england["area_code"]) == (None, "E92000001")


def test_missing_and_unexpected_columns(tmp_path: Path) -> None:
    header = f"time_period,time_identifier,{GEOG},cla_group,sex,age,extra,number\n"
    path = _write(tmp_path, "", header)
    with pytest.raises(PublishedFileError) as caught:
        read_dfe_tidy(path, SPEC)
    found = {(p.rule, p.column, p.line) for p in caught.value.problems}
    assert found == {
        ("published.column.missing", "children_count", 1),
        ("published.column.unexpected", "extra", 1),
        ("published.column.unexpected", "number", 1),
    }


def test_bad_cells_are_problems_with_their_place(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        f"2025,Reporting year,{LEICS_GEOG},CLA on 31 March,Total,All ages,694\n"
        f"2025,Reporting year,{LEICS_GEOG},CLA on 31 March,Male,All ages,six\n"
        f"2025,Reporting year,{LEICS_GEOG},CLA on 31 March,Male,All ages,7\n"
        f"2025,Reporting year,{LEICS_GEOG},CLA on 31 March,Female,Under 1,3\n"
        f"25,Reporting year,{LEICS_GEOG},CLA on 31 March,Total,All ages,3\n",
    )
    with pytest.raises(PublishedFileError) as caught:
        read_dfe_tidy(path, SPEC)
    problems = caught.value.problems
    assert [(p.line, p.column, p.value, p.rule) for p in problems] == [
        (3, "children_count", "six", "published.value.unparseable"),
        (4, None, None, "published.row.duplicate"),
        (5, "age", "Under 1", "published.filter.fixed"),
        (6, "time_period", "25", "published.period.unreadable"),
    ]
    assert all(p.file == str(path) for p in problems)
    assert "line 3" in problems[1].found
    assert f"{path}:3: [children_count] 'six' is neither" in str(caught.value)


def test_unknown_csc_file_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mystery.csv"
    path.write_text(HEADER, encoding="utf-8")
    with pytest.raises(PublishedFileError, match="no spec for this file"):
        read_csc(path)
