"""The warehouse's own tables: batches, their files, and their data-quality findings.

Data tables are named ``<return>__<table>`` (``ssda903__episodes``) and carry ``_batch`` and
``_area``; a view ``current__<return>__<table>`` shows only rows of current batches, which is
what the indicator engine reads. Superseded batches keep their rows, for lineage.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cypp.engine.store import Store, quote

DDL = (
    """CREATE TABLE IF NOT EXISTS batches (
        batch_id VARCHAR PRIMARY KEY,
        return_name VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        area VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        loaded_at TIMESTAMP NOT NULL,
        status VARCHAR NOT NULL,            -- current | superseded
        superseded_by VARCHAR,
        row_counts VARCHAR NOT NULL,        -- JSON: table -> rows
        findings INTEGER NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS batch_files (
        batch_id VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        sha256 VARCHAR NOT NULL,
        encoding VARCHAR,
        tables VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS findings (
        batch_id VARCHAR NOT NULL,
        file VARCHAR, line INTEGER, rule VARCHAR NOT NULL, column_name VARCHAR,
        value VARCHAR, found VARCHAR, expected VARCHAR, fix VARCHAR, level VARCHAR
    )""",
)


def data_table(return_name: str, table: str) -> str:
    """The warehouse table holding a canonical table of a return."""
    return f"{return_name}__{table.lower()}"


def current_view(return_name: str, table: str) -> str:
    """The view of a data table restricted to current batches."""
    return f"current__{data_table(return_name, table)}"


def ensure_catalog(store: Store) -> None:
    for statement in DDL:
        store.execute(statement)


def refresh_view(store: Store, table: str) -> None:
    store.execute(
        f"CREATE OR REPLACE VIEW {quote('current__' + table)} AS "
        f"SELECT t.* FROM {quote(table)} t JOIN batches b ON t._batch = b.batch_id "
        "WHERE b.status = 'current'"
    )


@dataclass(frozen=True)
class Batch:
    """One loaded set of files of a return for a period and area."""

    batch_id: str
    return_name: str
    period: str
    area: str
    content_hash: str
    loaded_at: datetime
    status: str
    superseded_by: str | None
    row_counts: dict[str, int]
    findings: int

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Batch:
        batch_id, return_name, period, area, digest, loaded_at, status, superseded_by = row[:8]
        return cls(
            batch_id,
            return_name,
            period,
            area,
            digest,
            loaded_at,
            status,
            superseded_by,
            json.loads(row[8]),
            row[9],
        )


_COLUMNS = (
    "batch_id, return_name, period, area, content_hash, loaded_at, status, superseded_by, "
    "row_counts, findings"
)


def list_batches(store: Store, return_name: str | None = None) -> list[Batch]:
    if "batches" not in store.tables():
        return []
    where, params = ("WHERE return_name = ?", [return_name]) if return_name else ("", [])
    rows = store.fetch(
        f"SELECT {_COLUMNS} FROM batches {where} ORDER BY loaded_at, batch_id", params
    )
    return [Batch.from_row(r) for r in rows]


def find_batch(store: Store, batch_id: str) -> Batch | None:
    if "batches" not in store.tables():
        return None
    rows = store.fetch(
        f"SELECT {_COLUMNS} FROM batches WHERE batch_id = ? OR batch_id LIKE ?",
        [batch_id, batch_id + "%"],
    )
    return Batch.from_row(rows[0]) if len(rows) == 1 else None
