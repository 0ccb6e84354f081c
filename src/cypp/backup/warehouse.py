"""The warehouse's part of a backup: a byte copy of the DuckDB file, and its canonical digest.

Why a file copy and not ``EXPORT DATABASE``: the copy is taken while this process holds the
file open read-write, which DuckDB allows one process at a time, so no load or compute can
commit during it; a ``CHECKPOINT`` first folds the write-ahead log into the file, so the one
file is the whole committed state. The copy is byte for byte what was running (its SHA-256
checks it end to end), takes seconds where an export rewrites every table, and keeps every
type exactly. The price is that the file is in DuckDB's storage format: the manifest records
the DuckDB version, and a newer DuckDB reads older files.

The digest of a warehouse is, for every table, its columns and types, its row count and a
hash of its rows in any order (the sums of their MD5s, so it takes constant memory); for every
view, its SQL. Two warehouses with equal digests hold the same data.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection
from pathlib import Path

from cypp.backup.errors import BackupError
from cypp.backup.manifest import Digest
from cypp.engine.store import Store
from cypp.errors import WarehouseError
from cypp.problems import Problem

_CHUNK = 1 << 20


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def warehouse_digest(store: Store, *, mask: Collection[str] = ()) -> Digest:
    """Canonical digest of every table and view. Columns named in ``mask`` (``column`` in any
    table, or ``table.column``) are left out of the row hashes: a test compares two runs that
    differ only in their run ids and times."""
    digest: Digest = {}
    columns: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in store.fetch(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main' "
        "ORDER BY table_name, ordinal_position"
    ):
        columns.setdefault(table, []).append((column, kind))
    views = dict(
        store.fetch(
            "SELECT view_name, sql FROM duckdb_views() "
            "WHERE NOT internal AND NOT temporary AND database_name = current_database()"
        )
    )
    for name, sql in sorted(views.items()):
        digest[name] = {"kind": "view", "sql": sql}
    for table, cols in sorted(columns.items()):
        if table in views:
            continue
        kept = [c for c, _ in cols if c not in mask and f"{table}.{c}" not in mask]
        row = "to_json(struct_pack(" + ", ".join(f"{_ident(c)} := {_ident(c)}" for c in kept) + "))"
        # Each row's MD5 as two 64-bit numbers, summed: the same for the same rows in any
        # order, duplicates counted, in constant memory however large the table
        rows, upper, lower = store.fetch(
            f"SELECT count(*), sum(md5_number_upper({row})::HUGEINT), "
            f"sum(md5_number_lower({row})::HUGEINT) FROM {_ident(table)}"
            if kept
            else f"SELECT count(*), 0, 0 FROM {_ident(table)}"
        )[0]
        digest[table] = {
            "kind": "table",
            "columns": [[c, k] for c, k in cols],
            "rows": rows,
            "hash": hashlib.sha256(f"{upper or 0}:{lower or 0}".encode()).hexdigest(),
        }
    return digest


def copy_warehouse(store: Store, target: Path) -> tuple[str, int]:
    """Checkpoint the open (read-write, hence exclusively locked) warehouse and copy its file
    to ``target``; returns the copy's SHA-256 and size."""
    store.checkpoint()
    h = hashlib.sha256()
    size = 0
    with store.path.open("rb") as src, target.open("xb") as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)
            h.update(chunk)
            size += len(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    os.chmod(target, 0o600)
    return h.hexdigest(), size


def digest_of_file(path: Path) -> Digest:
    """The digest of a warehouse file, opened read-only."""
    with Store(path, read_only=True) as store:
        return warehouse_digest(store)


def warehouse_in_use(path: Path) -> str | None:
    """Why ``path`` may not be restored over (it holds tables, or is not a warehouse), or None
    when it is free: missing, or a warehouse with no tables."""
    wal = Path(f"{path}.wal")
    if not path.exists():
        return f"{wal} is left over from another warehouse" if wal.exists() else None
    try:
        with Store(path, read_only=True) as store:
            tables = store.tables()
    except WarehouseError as exc:
        return f"it is not a warehouse cypp can open ({exc})"
    if tables:
        return f"it holds {len(tables)} tables and views"
    return None


def stage_warehouse(source: Path, target: Path, expected: Digest) -> Path:
    """Copy the backup's warehouse beside ``target`` and check its digest against the
    manifest's; returns the staged file, which ``commit_warehouse`` moves into place."""
    staged = target.with_name(f".{target.name}.restoring")
    staged.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (staged, Path(f"{staged}.wal")):
        leftover.unlink(missing_ok=True)
    with source.open("rb") as src, staged.open("xb") as dst:
        while chunk := src.read(_CHUNK):
            dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    found = digest_of_file(staged)
    if found != expected:
        staged.unlink()
        differ = sorted(
            name for name in set(found) | set(expected) if found.get(name) != expected.get(name)
        )
        raise BackupError(
            "the restored warehouse does not match the backup's manifest; nothing was restored",
            [
                Problem(
                    file=str(source),
                    line=None,
                    rule="warehouse digest",
                    found=f"tables that differ: {', '.join(differ[:10])}",
                    expected="every table's rows and content hash as the manifest records",
                    fix="the backup is inconsistent: restore from another backup",
                )
            ],
        )
    return staged


def commit_warehouse(staged: Path, target: Path) -> None:
    """Move the checked copy into place; a write-ahead log left beside the target would be
    replayed onto the restored file, so it goes first."""
    Path(f"{target}.wal").unlink(missing_ok=True)
    os.replace(staged, target)


def discard_staged(staged: Path) -> None:
    staged.unlink(missing_ok=True)
    Path(f"{staged}.wal").unlink(missing_ok=True)
