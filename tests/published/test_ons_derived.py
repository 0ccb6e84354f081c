"""ONS population and conceptions, and the derived Attainment 8 FSM gap."""

from __future__ import annotations

import pyarrow as pa

from cypp.published import paths
from cypp.published.derived import ATTAIN8_FSM_GAP, attainment8_fsm_gap
from cypp.published.ons import POPULATION_MEASURE, read_ons_population, under18_conceptions
from cypp.published.schema import PUBLISHED_SCHEMA
from cypp.published.vendored import load_lait
from tests.published.helpers import rows, series


def test_population_is_a_mid_year_snapshot() -> None:
    population = read_ons_population(paths.ONS_POPULATION)
    (leics,) = rows(population, measure=POPULATION_MEASURE, la_number="855", end_year=2024)
    assert (leics["value"], leics["period"], leics["period_type"]) == (
        147439.0,
        "2024-06-30",
        "snapshot",
    )
    assert leics["source"] == "ons"
    (england,) = rows(
        population, measure=POPULATION_MEASURE, geographic_level="National", end_year=2024
    )
    assert england["value"] == 12183016.0


def test_conceptions_come_from_lait_until_an_ons_table_is_added() -> None:
    lait = load_lait()
    rates = under18_conceptions(lait)
    assert set(rates["source"].to_pylist()) == {"lait"}
    assert series(rates, source_la_number="855")[2022] == 13.5

    # An ONS table in the same shape, for one year, is preferred where it has a figure.
    leics_2022 = rows(lait, measure="Under18concep", source_la_number="855", end_year=2022)
    ons_row = leics_2022[0] | {"source": "ons", "measure": "ons.u18_rate", "value": 13.4}
    both = pa.concat_tables([lait, pa.Table.from_pylist([ons_row], schema=PUBLISHED_SCHEMA)])
    chosen = under18_conceptions(both, [("ons", "ons.u18_rate"), ("lait", "Under18concep")])
    leics = rows(chosen, source_la_number="855")
    assert {(r["end_year"], r["source"], r["value"]) for r in leics if r["end_year"] >= 2021} == {
        (2021, "lait", 10.7),
        (2022, "ons", 13.4),
    }


def test_attainment8_gap_is_non_fsm_minus_fsm() -> None:
    gap = attainment8_fsm_gap(load_lait())
    leics = series(gap, measure=ATTAIN8_FSM_GAP, source_la_number="855")
    # 2016: 50.7 - 35.3; 2019: 47.4 - 32.5; 2025: 49.2 - 32.2 (LAIT, by hand)
    assert (leics[2016], leics[2019], leics[2025]) == (15.4, 14.9, 17.0)
    (city,) = rows(gap, source_la_number="201", end_year=2016)
    assert (city["value"], city["state"], city["source"]) == (None, "-", "cypp")
    (row,) = rows(gap, source_la_number="970", end_year=2025)
    assert (row["value"], row["period"], row["polarity"]) == (15.0, "2024/25", "Low")
