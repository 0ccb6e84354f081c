"""Loading returns into the warehouse: batches, all or nothing.

A batch's identity is the hash of its return, period, area and the files' contents, so
loading identical files again changes nothing. A new batch for the same return, period and
area supersedes the current one, which stays for lineage. Everything — rows, findings, batch
records, superseding — for all the batches of one load happens in one DuckDB transaction: a
failure or a killed process leaves the warehouse exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

import pyarrow as pa

from cypp.engine.store import Store, quote
from cypp.errors import ReturnError
from cypp.problems import Level, Problem
from cypp.returns.result import ReturnRead
from cypp.warehouse.catalog import Batch, data_table, ensure_catalog, find_batch, refresh_view
from cypp.warehouse.pseudonymise import Pseudonymiser
from cypp.warehouse.row_areas import batch_area, with_row_areas

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Incoming:
    """A return read and ready to store as one batch."""

    read: ReturnRead
    period: str
    default_area: str


@dataclass(frozen=True)
class LoadResult:
    batch: Batch
    created: bool  # False when identical files were already loaded (a no-op)
    superseded: tuple[str, ...]


def content_hash(read: ReturnRead, period: str, area: str) -> str:
    """The identity of a batch: return, period, area and the files' contents (not names)."""
    h = hashlib.sha256(f"{read.return_name}|{period}|{area}".encode())
    for sha in sorted(f.sha256 for f in read.files):
        h.update(sha.encode())
    return h.hexdigest()


def refuse_findings(reads: Sequence[ReturnRead]) -> None:
    """``--strict``: any finding refuses the whole load, listing them all."""
    findings = [f for r in reads for f in r.findings]
    if findings:
        n = len(findings)
        raise ReturnError(
            f"{n} finding{'s' * (n != 1)} and --strict was given, so nothing was stored; fix "
            "them, or load without --strict to keep them with the batch as data-quality findings",
            [_as_blocking(f) for f in findings],
        )


def load_batches(
    store: Store,
    incoming: Sequence[Incoming],
    *,
    pseudonymiser: Pseudonymiser,
    loaded_at: datetime,
    strict: bool = False,
    progress: Progress | None = None,
) -> list[LoadResult]:
    """Store every incoming return as a batch, in one transaction."""
    if strict:
        refuse_findings([i.read for i in incoming])
    ensure_catalog(store)
    prepared = [_prepare(i, pseudonymiser, progress) for i in incoming]
    results: list[LoadResult] = []
    with store.transaction():
        for p in prepared:
            results.append(_store(store, p, loaded_at, progress))
    return results


@dataclass(frozen=True)
class _Prepared:
    read: ReturnRead
    period: str
    area: str
    batch_id: str
    digest: str
    tables: dict[str, pa.Table]
    findings: list[Problem]


def _prepare(item: Incoming, pseudonymiser: Pseudonymiser, progress: Progress | None) -> _Prepared:
    """Row areas, then pseudonymisation: nothing identifying is kept past this point."""
    read = item.read
    located = {
        name: with_row_areas(table, item.default_area, read.return_name)
        for name, table in read.tables.items()
    }
    area = batch_area(located, item.default_area)
    digest = content_hash(read, item.period, area)
    batch_id = "b" + digest[:12]
    tables: dict[str, pa.Table] = {}
    raw_to_token: dict[str, str] = {}
    words = _words(read.findings)
    for name, table in located.items():
        if progress:
            progress(f"pseudonymising {read.return_name} {name} ({table.num_rows:,} rows)")
        raw_to_token.update(pseudonymiser.raw_to_token(table, words) if words else {})
        safe = pseudonymiser.table(table)
        tables[name] = safe.append_column(
            "_batch", pa.array([batch_id] * safe.num_rows, pa.string())
        )
    findings = _clean_findings(read.findings, raw_to_token)
    return _Prepared(read, item.period, area, batch_id, digest, tables, findings)


def _store(
    store: Store, p: _Prepared, loaded_at: datetime, progress: Progress | None
) -> LoadResult:
    existing = find_batch(store, p.batch_id)
    if existing is not None and existing.status == "current":
        return LoadResult(existing, created=False, superseded=())
    key = [p.read.return_name, p.period, p.area]
    previous = [
        r[0]
        for r in store.fetch(
            "SELECT batch_id FROM batches WHERE return_name = ? AND period = ? AND area = ? "
            "AND status = 'current'",
            key,
        )
    ]
    store.execute(
        "UPDATE batches SET status = 'superseded', superseded_by = ? "
        "WHERE return_name = ? AND period = ? AND area = ? AND status = 'current'",
        [p.batch_id, *key],
    )
    if existing is not None:  # the superseded batch is loaded again: it becomes current
        for table in ("batches", "batch_files", "findings"):
            store.execute(f"DELETE FROM {table} WHERE batch_id = ?", [p.batch_id])
        for name in p.tables:
            target = data_table(p.read.return_name, name)
            if target in store.tables():
                store.execute(f"DELETE FROM {quote(target)} WHERE _batch = ?", [p.batch_id])
    counts = {name: t.num_rows for name, t in p.tables.items()}
    store.execute(
        "INSERT INTO batches VALUES (?, ?, ?, ?, ?, ?, 'current', NULL, ?, ?)",
        [p.batch_id, *key, p.digest, loaded_at, json.dumps(counts), len(p.findings)],
    )
    for f in p.read.files:
        store.execute(
            "INSERT INTO batch_files VALUES (?, ?, ?, ?, ?)",
            [p.batch_id, f.name, f.sha256, f.encoding, ",".join(f.tables)],
        )
    if p.findings:
        store.append("findings", _findings_table(p.batch_id, p.findings))
    for name, table in p.tables.items():
        if progress:
            progress(f"storing {p.read.return_name} {name} ({table.num_rows:,} rows)")
        target = data_table(p.read.return_name, name)
        store.append(target, table)
        refresh_view(store, target)
    batch = find_batch(store, p.batch_id)
    assert batch is not None
    return LoadResult(batch, created=True, superseded=tuple(previous))


def _as_blocking(problem: Problem) -> Problem:
    return Problem(
        problem.file,
        problem.line,
        problem.rule,
        problem.found,
        problem.expected,
        problem.fix,
        problem.column,
        problem.value,
        Level.BLOCKING,
    )


_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _words(findings: Sequence[Problem]) -> set[str]:
    """Every word of the findings' texts: the only raw identifiers cleaning can replace."""
    return {
        word
        for f in findings
        for text in (f.found, f.expected, f.fix, f.value)
        if text
        for word in _TOKEN.findall(text)
    }


def _clean_findings(findings: Sequence[Problem], raw_to_token: dict[str, str]) -> list[Problem]:
    """Findings with any raw identifier in their text replaced by its pseudonym."""
    if not raw_to_token:
        return list(findings)

    def clean(text: str | None) -> str | None:
        if text is None:
            return None
        return _TOKEN.sub(lambda m: raw_to_token.get(m.group(0), m.group(0)), text)

    return [
        Problem(
            f.file,
            f.line,
            f.rule,
            clean(f.found) or "",
            clean(f.expected) or "",
            clean(f.fix) or "",
            f.column,
            clean(f.value),
            f.level,
        )
        for f in findings
    ]


def _findings_table(batch_id: str, findings: list[Problem]) -> pa.Table:
    rows = [f.as_row() for f in findings]

    def col(key: str) -> list[object]:
        return [r[key] for r in rows]

    return pa.table(
        {
            "batch_id": [batch_id] * len(rows),
            "file": col("file"),
            "line": pa.array(col("line"), pa.int32()),
            "rule": col("rule"),
            "column_name": col("column"),
            "value": col("value"),
            "found": col("found"),
            "expected": col("expected"),
            "fix": col("fix"),
            "level": col("level"),
        }
    )
