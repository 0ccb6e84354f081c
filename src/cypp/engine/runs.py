"""The results store: every run's values and lineage, kept in the warehouse file.

Values are stored with their suppression decision and figures (the warehouse is inside the
security boundary); everything that leaves it goes through ``Value.public()``. Each run
records when and how it ran; each indicator's lineage records its definition version, the
SQL, the parameters, the batches it read with their content hashes, and row counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyarrow as pa

from cypp.engine.compute import Computed
from cypp.engine.store import Store, quote
from cypp.engine.values import Value

DDL = (
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, started TIMESTAMP, as_at DATE, backend VARCHAR,
        plan_id VARCHAR, suppression_threshold INTEGER, ci_level DOUBLE)""",
    """CREATE TABLE IF NOT EXISTS lineage (
        run_id VARCHAR, indicator VARCHAR, definition VARCHAR, definition_version VARCHAR,
        sql VARCHAR, parameters VARCHAR, batches VARCHAR, row_counts VARCHAR)""",
)

VALUE_SCHEMA = pa.schema(
    [
        ("run_id", pa.string()),
        ("indicator", pa.string()),
        ("area", pa.string()),
        ("period", pa.string()),
        ("breakdown", pa.string()),
        ("group", pa.string()),
        ("numerator", pa.float64()),
        ("denominator", pa.float64()),
        ("value", pa.float64()),
        ("ci_low", pa.float64()),
        ("ci_high", pa.float64()),
        ("unit", pa.string()),
        ("polarity", pa.string()),
        ("suppressed", pa.bool_()),
        ("suppression_reason", pa.string()),
        ("definition_version", pa.string()),
    ]
)


@dataclass(frozen=True)
class Lineage:
    run_id: str
    indicator: str
    definition: str
    definition_version: str
    sql: str
    parameters: dict[str, Any]
    batches: list[dict[str, str]]
    row_counts: dict[str, int]


def lineage_of(
    store: Store, run_id: str, c: Computed, counted: dict[str, int] | None = None
) -> Lineage:
    """What ``c`` read: the current batches behind its views, and their row counts
    (``counted``: views already counted in this run, which do not change within it)."""
    returns = sorted({v.split("__")[1] for v in c.views})
    batches: list[dict[str, str]] = []
    if returns:
        marks = ", ".join("?" for _ in returns)
        rows = store.fetch(
            f"SELECT batch_id, return_name, period, area, content_hash FROM batches "
            f"WHERE status = 'current' AND return_name IN ({marks}) ORDER BY batch_id",
            returns,
        )
        batches = [
            dict(zip(("batch_id", "return", "period", "area", "content_hash"), r, strict=True))
            for r in rows
        ]
    present = store.tables()
    known = {} if counted is None else counted
    for v in c.views:
        if v in present and v not in known:
            known[v] = store.fetch(f"SELECT count(*) FROM {quote(v)}")[0][0]
    counts = {v: known[v] for v in c.views if v in present}
    return Lineage(
        run_id, c.indicator, c.definition.name, c.version, c.sql, c.parameters, batches, counts
    )


def save_run(
    store: Store,
    *,
    run_id: str,
    started: datetime,
    as_at: date,
    backend: str,
    plan_id: str,
    threshold: int,
    level: float,
    values: list[Value],
    lineages: list[Lineage],
) -> None:
    """Write a run, its values and lineage in one transaction."""
    with store.transaction():
        for statement in DDL:
            store.execute(statement)
        store.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [run_id, started, as_at, backend, plan_id, threshold, level],
        )
        for line in lineages:
            store.execute(
                "INSERT INTO lineage VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    line.run_id,
                    line.indicator,
                    line.definition,
                    line.definition_version,
                    line.sql,
                    json.dumps(line.parameters, default=str),
                    json.dumps(line.batches),
                    json.dumps(line.row_counts),
                ],
            )
        if values:
            store.append("results", _values_table(run_id, values))


def _values_table(run_id: str, values: list[Value]) -> pa.Table:
    """The values as the ``results`` table's rows, built column by column (a nation's run has
    hundreds of thousands of values; one dict per value would take seconds)."""
    columns: dict[str, pa.Array] = {"run_id": pa.array([run_id] * len(values), pa.string())}
    for field in VALUE_SCHEMA.names[1:]:
        kind = VALUE_SCHEMA.field(field).type
        columns[field] = pa.array([getattr(v, field) for v in values], kind)
    return pa.Table.from_pydict(columns, schema=VALUE_SCHEMA)


def latest_lineage(store: Store, indicator: str) -> tuple[dict[str, Any], Lineage] | None:
    """The most recent run's lineage of an indicator, with the run's own record."""
    if "lineage" not in store.tables():
        return None
    rows = store.fetch(
        "SELECT l.*, r.started, r.as_at, r.backend, r.plan_id, r.suppression_threshold, r.ci_level "
        "FROM lineage l JOIN runs r USING (run_id) WHERE l.indicator = ? "
        "ORDER BY r.started DESC LIMIT 1",
        [indicator],
    )
    if not rows:
        return None
    r = rows[0]
    line = Lineage(
        r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), json.loads(r[6]), json.loads(r[7])
    )
    run = dict(
        zip(
            ("started", "as_at", "backend", "plan_id", "suppression_threshold", "ci_level"),
            r[8:],
            strict=True,
        )
    )
    return run, line
