"""Running definitions: unit-level frames aggregated inside the warehouse, with lineage.

For each definition the engine builds its frame, adds the whole-cohort and per-breakdown
group-bys in one query, and executes it on the backend (DuckDB over the warehouse file, or
Spark). Only aggregates come back. The definition version is the hash of the compiled SQL
with the parameters, so any change to what is computed gives a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ibis
import pyarrow as pa

from cypp.engine.aggregates import Aggregate
from cypp.engine.sql_cache import SqlCache
from cypp.engine.store import Store
from cypp.indicators.definition import Definition, Kind
from cypp.indicators.sources import tables_read


@dataclass(frozen=True)
class Computed:
    """One indicator's aggregates and what they were computed from."""

    indicator: str
    definition: Definition
    parameters: dict[str, Any]
    version: str
    sql: str
    views: tuple[str, ...]
    aggregates: tuple[Aggregate, ...]


def aggregated(frame: Any, breakdowns: tuple[str, ...]) -> Any:
    """Whole-cohort and per-group sums of a unit-level frame, as one expression."""
    base = frame.mutate(_sq=frame.num * frame.num)
    metrics = {"num": base.num.sum(), "den": base.den.sum(), "sq": base._sq.sum()}
    parts = [
        base.group_by([base._area, base.period])
        .aggregate(**metrics)
        .mutate(breakdown=ibis.literal("all"), group=ibis.literal("all"))
    ]
    for b in breakdowns:
        parts.append(
            base.group_by([base._area, base.period, base[b].cast("string").name("group")])
            .aggregate(**metrics)
            .mutate(breakdown=ibis.literal(b))
        )
    columns = ["_area", "period", "breakdown", "group", "num", "den", "sq"]
    return ibis.union(*(p.select(*columns) for p in parts))


_GENERATED = re.compile(r"\bibis_[a-z_]+?_[a-z0-9]{26}\b")


_EXCLUDE = re.compile(r"EXCLUDE \(([^()]*)\)")


def stable_sql(sql: str) -> str:
    """The SQL with Ibis's random generated names numbered in order of appearance, and the
    columns of each ``EXCLUDE (...)`` sorted (Ibis writes them in set order, which changes
    with the hash seed), so the same definition always compiles to the same text (and the
    same version)."""
    names: dict[str, str] = {}
    sql = _EXCLUDE.sub(
        lambda m: "EXCLUDE (" + ", ".join(sorted(c.strip() for c in m.group(1).split(","))) + ")",
        sql,
    )
    return _GENERATED.sub(
        lambda m: names.setdefault(m.group(0), f"ibis_generated_{len(names)}"), sql
    )


def definition_version(definition: Definition, sql: str, parameters: Mapping[str, Any]) -> str:
    payload = json.dumps(
        {"sql": sql, "parameters": parameters, "version": definition.version},
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:12]


def plan_query(
    definition: Definition, overrides: Mapping[str, Any] | None = None, period: str | None = None
) -> tuple[Any, dict[str, Any]]:
    """The aggregate expression of a definition (optionally for one period) and its parameters."""
    parameters = definition.resolve(overrides)
    frame = definition.build(**parameters)
    if period is not None:
        frame = frame.filter(frame.period == period)
    return aggregated(frame, definition.breakdowns), parameters


def _execute(
    backend: Any,
    definition: Definition,
    parameters: dict[str, Any],
    period: str | None,
    sql: str,
) -> pa.Table:
    """Run the aggregation with the unit-level frame computed once for every breakdown's
    group-by. DuckDB does that itself for the compiled query (``sql``: the frame is a CTE
    every branch of the union reads, which DuckDB materialises), so the SQL compiled for the
    version is run as it is, saving a second compilation. Spark would compute the frame once
    per branch, so there it is materialised first with the caching behind Ibis's
    ``Table.cache()``. A ``Store`` runs the SQL on its own connection (no Ibis backend to
    start: a quarter of a second, a tenth of a county's run)."""
    if isinstance(backend, Store):
        return backend.fetch_arrow(sql)
    if backend.name == "duckdb":
        result: pa.Table = backend.con.sql(sql).to_arrow_table()
        return result
    frame = definition.build(**parameters)
    if period is not None:
        frame = frame.filter(frame.period == period)
    name = f"_cypp_frame_{uuid.uuid4().hex[:12]}"
    cached = backend._create_cached_table(name, frame)
    try:
        result = backend.to_pyarrow(aggregated(cached, definition.breakdowns))
    finally:
        backend._drop_cached_table(name)
    return result


def compute(
    backend: Any,  # an Ibis backend (DuckDB or Spark), or a Store (DuckDB, its own connection)
    indicator: str,
    definition: Definition,
    overrides: Mapping[str, Any] | None = None,
    period: str | None = None,
    available: set[str] | None = None,
    sql_cache: SqlCache | None = None,
    run_sql: str | None = None,
) -> Computed:
    """Execute one definition on ``backend`` and return its aggregates with lineage.

    ``sql_cache``: where the definition's compiled SQL is kept between runs (see
    ``sql_cache``); without it the definition is compiled every time. ``run_sql``: the query
    to run instead of the definition's own (DuckDB; the same result, reading relations that
    a run's execution plan has already made: see ``shared``)."""
    parameters = definition.resolve(overrides)
    key = SqlCache.key(definition.name, definition.version, parameters, period)
    cached = sql_cache.get(key) if sql_cache is not None else None
    if cached is None:
        expr, parameters = plan_query(definition, overrides, period)
        compiled = str(ibis.to_sql(expr, dialect="duckdb"))
        views = tuple(sorted(tables_read(expr)))
        if sql_cache is not None:
            sql_cache.put(key, definition.name, compiled, views)
    else:
        compiled, views = cached
    sql = stable_sql(compiled)
    version = definition_version(definition, sql, parameters)
    if available is not None and not set(views) <= available:
        return Computed(indicator, definition, parameters, version, sql, views, ())
    table = _execute(backend, definition, parameters, period, run_sql or compiled)
    is_sum = definition.kind is Kind.MEAN
    aggregates = tuple(
        Aggregate(
            indicator,
            r["_area"],
            str(r["period"]),
            r["breakdown"],
            r["group"] if r["group"] is not None else "unknown",
            float(r["num"] or 0),
            float(r["den"] or 0),
            float(r["sq"] or 0),
            is_sum,
        )
        for r in table.to_pylist()
        if r["period"] is not None
    )
    return Computed(indicator, definition, parameters, version, sql, views, aggregates)
