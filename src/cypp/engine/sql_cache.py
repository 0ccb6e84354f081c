"""Compiled SQL, kept in the warehouse so that a definition is compiled once, not every run.

Compiling a definition's Ibis expression to SQL takes a third of a second to a second of
Python, whatever the size of the data: for a county, most of ``cypp compute``. The SQL is a
pure function of the definition, its parameters, the period, and the code that builds and
compiles it, so it is kept (table ``compiled_sql``) under a key made of all of those — the
hash of the source files it is made from and the versions of Ibis and sqlglot included. Any change
to any of them gives a new key, and the definition is compiled again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from cypp.engine.store import Store

DDL = """CREATE TABLE IF NOT EXISTS compiled_sql (
    key VARCHAR PRIMARY KEY, definition VARCHAR, sql VARCHAR, views VARCHAR)"""


#: The parts of cypp a definition's SQL is made from: the definitions, the engine, the
#: canonical tables (returns, published) and the few modules they import.
COMPILED_FROM = ("indicators", "engine", "returns", "published", "errors.py", "problems.py",
                 "periods.py")  # fmt: skip


@cache
def code_fingerprint() -> str:
    """A hash of the source a definition's SQL is made from, and of the compiler's versions."""
    import cypp

    digest = hashlib.sha256()
    root = Path(cypp.__file__).resolve().parent
    sources = [root / part for part in COMPILED_FROM]
    files = [p for s in sources for p in ([s] if s.is_file() else s.rglob("*.py"))]
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for package in ("ibis-framework", "sqlglot"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - both are dependencies
            digest.update(package.encode())
    return digest.hexdigest()


class SqlCache:
    """The warehouse's compiled SQL, read once when opened."""

    def __init__(self, store: Store) -> None:
        self._store = store
        store.execute(DDL)
        self._entries: dict[str, tuple[str, tuple[str, ...]]] = {
            key: (sql, tuple(json.loads(views)))
            for key, sql, views in store.fetch("SELECT key, sql, views FROM compiled_sql")
        }

    @staticmethod
    def key(name: str, version: int, parameters: Mapping[str, Any], period: str | None) -> str:
        payload = json.dumps(
            {"definition": name, "version": version, "parameters": parameters,
             "period": period, "code": code_fingerprint()},
            sort_keys=True,
            default=str,
        )  # fmt: skip
        return hashlib.sha256(payload.encode()).hexdigest()

    def get(self, key: str) -> tuple[str, tuple[str, ...]] | None:
        """The compiled SQL and the views it reads, if this key was compiled before."""
        return self._entries.get(key)

    def put(self, key: str, name: str, sql: str, views: tuple[str, ...]) -> None:
        if key in self._entries:
            return
        self._entries[key] = (sql, views)
        self._store.execute(
            "INSERT INTO compiled_sql VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [key, name, sql, json.dumps(list(views))],
        )
