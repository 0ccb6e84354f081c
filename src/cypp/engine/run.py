"""A compute run over a plan: every computed indicator, values, suppression and lineage."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from cypp.engine import shared
from cypp.engine.compute import Computed, compute, plan_query
from cypp.engine.runs import Lineage, lineage_of, save_run
from cypp.engine.sql_cache import SqlCache
from cypp.engine.store import Store
from cypp.engine.values import Value, build_values
from cypp.indicators.definition import Definition, Gap, Kind, all_definitions
from cypp.indicators.sources import all_views, empty_view_sql, view_name
from cypp.plan.model import Method, Plan


@dataclass
class RunReport:
    run_id: str
    values: list[Value]
    lineages: list[Lineage]
    skipped: dict[str, str] = field(default_factory=dict)  # indicator -> why


def run_plan(
    store: Store,
    plan: Plan,
    *,
    as_at: date,
    started: datetime,
    threshold: int,
    level: float = 0.95,
    period: str | None = None,
    backend: Any | None = None,
    backend_name: str = "duckdb",
    only: set[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> RunReport:
    """Compute every computed indicator of ``plan`` present in the warehouse and save the run."""
    definitions = all_definitions()
    present = store.tables()
    for return_name, table in all_views():  # returns not loaded read as empty
        if view_name(return_name, table) not in present:
            store.execute(empty_view_sql(return_name, table))
    con = backend if backend is not None else store
    available = store.tables()
    sql_cache = SqlCache(store)
    run_id = f"r{started:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
    computed: list[Computed] = []
    skipped: dict[str, str] = {}
    jobs: dict[str, Definition] = {}
    for ind in plan.indicators:
        if ind.method is not Method.COMPUTED or (only and ind.code not in only):
            continue
        assert ind.definition is not None  # the plan validated
        d = definitions.get(ind.definition)
        if d is None:
            skipped[ind.code] = f"no computed definition {ind.definition!r} in this version of cypp"
            continue
        jobs[ind.code] = d
    execution = None
    if backend is None and len(jobs) > 1:  # DuckDB: shared work done once (see ``shared``)
        if progress:
            progress("planning the run")
        execution = shared.cached_plan(
            sql_cache,
            {
                code: SqlCache.key(d.name, d.version, d.resolve(), period)
                for code, d in jobs.items()
            },
            lambda: {code: plan_query(d, None, period)[0] for code, d in jobs.items()},
        )
        shared.create(store, execution)
    for code, d in jobs.items():
        if progress:
            progress(f"computing {code} ({d.name})")
        c = compute(
            con, code, d, period=period, available=available, sql_cache=sql_cache,
            run_sql=execution.queries[code] if execution is not None else None,
        )  # fmt: skip
        _keep(c, computed, skipped, period)
    # Dropped only when every query ran: after a failure DuckDB refuses further statements
    # until the transaction rolls back (which drops them, as does closing the connection),
    # and a drop here would hide the failure's own message.
    if execution is not None:
        shared.drop(store, execution)
    return _finish(
        store, plan, run_id, computed, skipped, started=started, as_at=as_at,
        threshold=threshold, level=level, backend_name=backend_name,
    )  # fmt: skip


def _keep(
    c: Computed, computed: list[Computed], skipped: dict[str, str], period: str | None
) -> None:
    """Keep a computed indicator, or say why it has no values."""
    if c.aggregates:
        computed.append(c)
        return
    skipped[c.indicator] = (
        "no rows in its cohort"
        + (f" for {period}" if period else "")
        + (f" (reads {', '.join(c.views)})")
    )


def _finish(
    store: Store,
    plan: Plan,
    run_id: str,
    computed: list[Computed],
    skipped: dict[str, str],
    *,
    started: datetime,
    as_at: date,
    threshold: int,
    level: float,
    backend_name: str,
) -> RunReport:
    """Values from the aggregates, lineage, and the run saved."""
    codes = {c.indicator for c in computed}
    indicators = {i.code: i for i in plan.indicators if i.code in codes}
    kinds: dict[str, Kind] = {c.indicator: c.definition.kind for c in computed}
    gaps: dict[str, Gap] = {c.indicator: c.definition.gap for c in computed if c.definition.gap}
    values = build_values(
        [a for c in computed for a in c.aggregates],
        kinds=kinds,
        units={k: i.unit.value for k, i in indicators.items()},
        polarities={k: i.polarity.value for k, i in indicators.items()},
        versions={c.indicator: c.version for c in computed},
        gaps=gaps,
        threshold=threshold,
        level=level,
    )
    counts: dict[str, int] = {}  # each view counted once per run, however many read it
    lineages = [lineage_of(store, run_id, c, counts) for c in computed]
    save_run(
        store,
        run_id=run_id,
        started=started,
        as_at=as_at,
        backend=backend_name,
        plan_id=plan.plan.id,
        threshold=threshold,
        level=level,
        values=values,
        lineages=lineages,
    )
    return RunReport(run_id, values, lineages, skipped)
