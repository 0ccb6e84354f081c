"""A run's shared work done once (``shared``) and compiled SQL kept (``sql_cache``): the same
values as each definition computed on its own, and nothing compiled twice."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import ibis
import pytest

from cypp.engine.run import run_plan
from cypp.engine.shared import PREFIX, ExecutionPlan, shared_relations
from cypp.engine.sql_cache import SqlCache
from cypp.engine.store import Store
from cypp.plan.validate import load_plan
from cypp.warehouse.catalog import ensure_catalog
from tests.indicators.harness import load_fixture, warehouse

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "indicators"

#: Indicators sharing work three ways: a KS4 cohort's groups (NI 75, NI 102, NI 105), the
#: chain of care episodes (NI 62, NI 63, and the children in care of every pupil breakdown),
#: the NCCIS cohort (NI 117, not known).
ONLY = {"NI075", "NI102KS4", "NI105", "NI062", "NI063", "NI117", "NI117-NK"}

T = ibis.table({"a": "string", "b": "int64"}, name="t")


def _ranked(table: Any) -> Any:
    return table.mutate(r=ibis.row_number().over(group_by="a", order_by="b"))


def test_a_costly_relation_two_queries_read_is_shared_and_a_cheap_one_is_not() -> None:
    ranked = _ranked(T)  # a window: worth computing once
    cheap = T.filter(T.b > 0)  # a filter of a table: reading it again costs as much
    one = ranked.filter(ranked.r == 0).group_by("a").aggregate(n=ranked.b.sum())
    two = ranked.group_by("b").aggregate(n=ranked.a.count())
    three = cheap.group_by("a").aggregate(n=cheap.b.max())
    four = cheap.group_by("b").aggregate(n=cheap.a.count())
    assert shared_relations([q.op() for q in (one, two, three, four)]) == [ranked.op()]


def test_a_shared_relation_inside_a_larger_one_with_the_same_readers_is_left_inside() -> None:
    inner = _ranked(T)
    outer = inner.group_by("a").aggregate(top=inner.r.max())  # reads inner
    one = outer.filter(outer.top > 1)
    two = outer.filter(outer.top > 2)
    assert shared_relations([one.op(), two.op()]) == [outer.op()]
    # a third query reading the inner relation itself: both are computed once, inner first
    three = inner.filter(inner.b > 5)
    assert shared_relations([one.op(), two.op(), three.op()]) == [inner.op(), outer.op()]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Every indicator fixture's rows in one warehouse, each fixture as its own council."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for i, path in enumerate(sorted(FIXTURES.glob("*.yaml"))):
        for key, rows in load_fixture(path)["tables"].items():
            area = f"E06{i:06d}"
            tables.setdefault(key, []).extend({"_area": area, **row} for row in rows)
    s = warehouse(tmp_path_factory.mktemp("shared") / "w.duckdb", tables)
    ensure_catalog(s)  # a run's lineage lists the batches behind its views (none here)
    yield s
    s.close()


def _values(store: Store, backend: Any) -> dict[tuple[str, ...], tuple[Any, ...]]:
    report = run_plan(
        store,
        load_plan(ROOT / "plans" / "demo"),
        as_at=date(2011, 3, 31),
        started=datetime(2011, 3, 31, 12),
        threshold=5,
        backend=backend,
        only=ONLY,
    )
    return {
        (v.indicator, v.area, v.period, v.breakdown, v.group): (
            v.numerator, v.denominator, v.value, v.ci_low, v.ci_high, v.suppressed,
            v.definition_version,
        )
        for v in report.values
    }  # fmt: skip


@pytest.fixture(scope="module")
def runs(store: Store) -> dict[str, Any]:
    """Three runs: with the execution plan (compiling and keeping the SQL), each definition
    on its own, and with the plan again; and the compiled SQL kept after each."""
    kept = []
    planned = _values(store, None)  # DuckDB: the execution plan, shared tables
    kept.append(store.fetch("SELECT count(*) FROM compiled_sql")[0][0])
    alone = _values(store, store.ibis())  # each definition's own whole query
    kept.append(store.fetch("SELECT count(*) FROM compiled_sql")[0][0])
    again = _values(store, None)
    kept.append(store.fetch("SELECT count(*) FROM compiled_sql")[0][0])
    return {"planned": planned, "alone": alone, "again": again, "kept": kept}


def test_a_run_with_shared_work_gives_the_values_of_each_definition_run_alone(
    store: Store, runs: dict[str, Any]
) -> None:
    assert len(runs["planned"]) > 100
    assert {key[0] for key in runs["planned"]} == ONLY
    assert runs["planned"] == runs["alone"] == runs["again"]
    # the temporary tables are gone when the run ends
    assert not [t for t in store.tables() if t.startswith(PREFIX)]


def test_compiled_sql_is_kept_and_later_runs_compile_nothing(runs: dict[str, Any]) -> None:
    # the seven definitions and the run's execution plan, kept once
    assert runs["kept"] == [8, 8, 8]


def test_the_plan_computes_the_shared_relations_once(store: Store, runs: dict[str, Any]) -> None:
    [(text,)] = store.fetch("SELECT sql FROM compiled_sql WHERE definition = '(execution plan)'")
    plan = ExecutionPlan.from_json(text)
    assert set(plan.queries) == ONLY
    # at least the KS4 cohort with its groups, the care episode chain and the NCCIS cohort
    assert len(plan.shared) >= 3
    read = [name for name, _ in plan.shared if any(name in q for q in plan.queries.values())]
    assert read  # the definitions' queries read the shared tables


def test_the_cache_key_changes_with_what_the_sql_is_made_from() -> None:
    key = SqlCache.key("ks4_5ac_em", 1, {}, None)
    assert key == SqlCache.key("ks4_5ac_em", 1, {}, None)
    assert len({
        key,
        SqlCache.key("ks4_5ac_em", 2, {}, None),
        SqlCache.key("ks4_5ac_em", 1, {"unmatched": "include"}, None),
        SqlCache.key("ks4_5ac_em", 1, {}, "2009/10"),
        SqlCache.key("fsm_gap_ks4", 1, {}, None),
    }) == 5  # fmt: skip


def test_a_query_failing_mid_run_is_reported_as_itself_and_nothing_is_kept(
    store: Store, runs: dict[str, Any]
) -> None:
    """A query failing after the shared tables exist (here: the kept execution plan edited so
    that NI 75's query raises, as DuckDB's out-of-memory error does at scale) surfaces with its
    own message, not DuckDB's "transaction is aborted" from cleaning up after it, and the run's
    transaction leaves the warehouse as it was."""
    [(key, text)] = store.fetch(
        "SELECT key, sql FROM compiled_sql WHERE definition = '(execution plan)'"
    )
    plan = ExecutionPlan.from_json(text)
    broken = ExecutionPlan(plan.shared, {**plan.queries, "NI075": "SELECT error('NI 75 failed')"})
    store.execute("UPDATE compiled_sql SET sql = ? WHERE key = ?", [broken.as_json(), key])
    runs_before = store.fetch("SELECT count(*) FROM runs")
    try:
        with pytest.raises(Exception, match="NI 75 failed") as raised, store.transaction():
            _values(store, None)
        assert "aborted" not in str(raised.value)
    finally:
        store.execute("UPDATE compiled_sql SET sql = ? WHERE key = ?", [text, key])
    assert store.fetch("SELECT count(*) FROM runs") == runs_before
    assert not [t for t in store.tables() if t.startswith(PREFIX)]
