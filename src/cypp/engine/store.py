"""The warehouse file: an embedded DuckDB database, opened only here.

``Store`` wraps one DuckDB connection with the few operations the warehouse needs —
transactions, appending Arrow tables, queries returning Arrow — so that no code outside
``cypp.engine`` imports the driver. DuckDB commits a transaction atomically through its
write-ahead log: a process killed mid-load leaves the file as it was before the load.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pyarrow as pa

from cypp.errors import WarehouseError

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote(name: str) -> str:
    """A safely quoted SQL identifier (table or column names come from specs, never users)."""
    if not _IDENT.match(name):
        raise WarehouseError(f"{name!r} is not a valid table or column name")
    return f'"{name}"'


#: DuckDB's memory budget (buffers, hash tables, sorts, temporary tables). Past it DuckDB
#: spills to a temporary folder beside the file (``<warehouse>.tmp``) instead of growing
#: with the data (DuckDB's own default is 80% of the machine's memory). 2 GB was too little
#: for the half nation: the run's shared temporary tables and NI 87's windows over 20 million
#: census rows must be pinned at once. With 3 GB the whole nation peaks at 3.5 GB resident.
MEMORY_LIMIT = "3GB"


class Store:
    """One open warehouse file."""

    def __init__(self, path: Path | str, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self._in_transaction = False
        if read_only and not self.path.exists():
            raise WarehouseError(
                f"no warehouse at {self.path}; load a return first (cypp load ...) "
                "or point the 'warehouse' setting at an existing file"
            )
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(
                str(self.path), read_only=read_only, config={"memory_limit": MEMORY_LIMIT}
            )
        except duckdb.Error as exc:
            raise WarehouseError(
                f"cannot open the warehouse {self.path}: {exc}. Is another cypp process "
                "using it, or is the file not a DuckDB database?"
            ) from None

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together, or none do. A transaction begun inside
        another joins it: the outermost commits or rolls back everything."""
        if self._in_transaction:
            yield
            return
        self._con.execute("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._in_transaction = False
            self._con.execute("ROLLBACK")
            raise
        self._in_transaction = False
        self._con.execute("COMMIT")

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        self._con.execute(sql, params or [])

    def fetch(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, params or []).fetchall()

    def fetch_arrow(self, sql: str, params: Sequence[Any] | None = None) -> pa.Table:
        table: pa.Table = self._con.sql(sql, params=params or None).to_arrow_table()
        return table

    def tables(self) -> set[str]:
        """Names of the tables and views in the warehouse."""
        return {r[0] for r in self.fetch("SELECT table_name FROM information_schema.tables")}

    def append(self, table: str, data: pa.Table) -> None:
        """Append Arrow rows to ``table``, creating it with the data's schema the first time."""
        self._con.register("_cypp_incoming", data)
        try:
            if table in self.tables():
                # A later batch may carry an optional column the first did not: add it, then
                # insert by name so columns absent from this batch are null.
                have = {
                    r[0]
                    for r in self.fetch(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                        [table],
                    )
                }
                for name, kind in self.fetch(
                    "SELECT column_name, column_type FROM (DESCRIBE _cypp_incoming)"
                ):
                    if name not in have:
                        self._con.execute(
                            f"ALTER TABLE {quote(table)} ADD COLUMN {quote(name)} {kind}"
                        )
                self._con.execute(
                    f"INSERT INTO {quote(table)} BY NAME SELECT * FROM _cypp_incoming"
                )
            else:
                self._con.execute(f"CREATE TABLE {quote(table)} AS SELECT * FROM _cypp_incoming")
        finally:
            self._con.unregister("_cypp_incoming")

    def ibis(self) -> Any:
        """An Ibis backend over this same connection, for backend-free expressions."""
        return ibis.duckdb.from_connection(self._con)

    def checkpoint(self) -> None:
        self._con.execute("CHECKPOINT")
