"""NEET and survey definitions beyond their fixtures: exact shares, parameters, Spark parity."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.engine.compute import compute
from cypp.engine.store import Store
from cypp.errors import EngineError
from cypp.indicators.definition import all_definitions
from tests.conftest import FIXTURES
from tests.indicators.harness import load_fixture, run, warehouse


def test_the_neet_share_is_the_mean_count_over_the_mean_known(tmp_path: Path) -> None:
    # 5 NEET person-months of 14 (see the fixture): the share is exactly 5/14, though each
    # person-month is worth 0.333333 rather than a third
    fixture = load_fixture(FIXTURES / "indicators" / "ni117_neet_16_18.yaml")
    with warehouse(tmp_path / "w.duckdb", fixture["tables"]) as store:
        got = run(store, "neet_16_18", period="2009/10")
    whole = next(a for a in got if a.breakdown == "all")
    assert whole.numerator / whole.denominator == pytest.approx(5 / 14, abs=1e-15)


def test_an_unknown_age_basis_is_refused() -> None:
    definition = all_definitions()["neet_16_18"]
    with pytest.raises(
        EngineError, match=r"age_on 'birthday' is not one of '31 August', 'snapshot'"
    ):
        definition.frame({"age_on": "birthday"})


def test_survey_answers_are_matched_to_the_given_question_ids(tmp_path: Path) -> None:
    # a provider whose NI 110 question is called something else: with the default id nobody
    # answered it, so the cohort is empty; with its own id the fixture's 1.5 of 3.5 returns
    fixture = load_fixture(FIXTURES / "indicators" / "ni110_positive_activities.yaml")
    rows = [
        {**r, "Question": "Q23"} if r["Question"] == "NI110_GROUP_ACTIVITY" else r
        for r in fixture["tables"]["survey/Responses"]
    ]
    with warehouse(tmp_path / "w.duckdb", {"survey/Responses": rows}) as store:
        default = run(store, "positive_activities")
        own = run(store, "positive_activities", {"activity_question": "Q23"})
    assert default == []
    assert [(a.numerator, a.denominator) for a in own if a.breakdown == "all"] == [(1.5, 3.5)]


SPARK_FIXTURES = ("ni117_neet_16_18", "ni050_emotional_health", "ni115_substance_misuse")


@pytest.mark.spark
def test_decimal_counts_are_identical_on_spark(tmp_path: Path) -> None:
    """Thirds and weights are exact decimals, so Spark's sums equal DuckDB's to the last digit."""
    pytest.importorskip("pyspark")
    from cypp.engine.spark import spark_backend

    definitions = all_definitions()
    for name in SPARK_FIXTURES:
        fixture = load_fixture(FIXTURES / "indicators" / f"{name}.yaml")
        path = tmp_path / f"{name}.duckdb"
        warehouse(path, fixture["tables"]).close()
        with Store(path, read_only=True) as store:
            d = definitions[fixture["definition"]]
            on_duckdb = compute(store.ibis(), name, d, fixture.get("parameters"))
            on_spark = compute(spark_backend(store), name, d, fixture.get("parameters"))
        assert on_duckdb.aggregates
        assert sorted(on_duckdb.aggregates, key=repr) == sorted(on_spark.aggregates, key=repr), name
