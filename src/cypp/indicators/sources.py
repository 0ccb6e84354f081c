"""The canonical tables, as unbound Ibis tables named after the warehouse's current views.

Definitions are written against these, never against a live connection, so the same
expression compiles for DuckDB and for Spark. A view ``current__<return>__<table>`` holds the
rows of current batches, with the lineage columns ``_file``, ``_line``, ``_area``, ``_batch``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import ibis
import ibis.expr.datatypes as dt
import pyarrow as pa

from cypp.returns.spec import TableSpec

LINEAGE_SCHEMA = {"_file": "string", "_line": "int32", "_area": "string", "_batch": "string"}


def view_name(return_name: str, table: str) -> str:
    return f"current__{return_name}__{table.lower()}"


def _ibis_type(arrow: pa.DataType) -> dt.DataType:
    return dt.dtype(arrow)


@cache
def _specs() -> dict[tuple[str, str], TableSpec]:
    """Every canonical table spec, by (return name, table name), from the returns catalogue."""
    from cypp.returns.catalogue import returns

    return {(kind.name, spec.name): spec for kind in returns() for spec in kind.specs}


def source(return_name: str, table: str) -> Any:
    """The unbound Ibis table for a canonical table (e.g. ``source("ssda903", "Episodes")``)."""
    spec = _specs()[(return_name, table)]
    schema = {c.name: _ibis_type(c.type) for c in spec.columns}
    schema.update({k: dt.dtype(v) for k, v in LINEAGE_SCHEMA.items()})
    return ibis.table(ibis.schema(schema), name=view_name(return_name, table))


def tables_read(expr: Any) -> set[str]:
    """Names of the warehouse views an expression reads (for lineage)."""
    from ibis.expr.operations import UnboundTable

    return {op.name for op in expr.op().find(UnboundTable)}


def empty_view_sql(return_name: str, table: str) -> str:
    """SQL creating an empty view with a canonical table's columns, for a return not loaded,
    so definitions that join it optionally (e.g. care status in pupil breakdowns) still run.
    ``cypp load`` replaces it with the real view."""
    spec = _specs()[(return_name, table)]
    arrow_to_sql = {"string": "VARCHAR", "date32[day]": "DATE", "int32": "INTEGER",
                    "double": "DOUBLE", "bool": "BOOLEAN", "int64": "BIGINT"}
    columns = [(c.name, arrow_to_sql[str(c.type)]) for c in spec.columns]
    columns += [("_file", "VARCHAR"), ("_line", "INTEGER"), ("_area", "VARCHAR"), ("_batch", "VARCHAR")]
    select = ", ".join(f'CAST(NULL AS {kind}) AS "{name}"' for name, kind in columns)
    return f'CREATE VIEW "{view_name(return_name, table)}" AS SELECT {select} WHERE false'


def all_views() -> list[tuple[str, str]]:
    """Every canonical (return, table) pair."""
    return sorted(_specs())
