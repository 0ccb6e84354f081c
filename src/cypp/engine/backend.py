"""Ibis backends: where backend-free expressions are executed.

Everything outside ``cypp.engine`` builds Ibis expressions over unbound or in-memory tables
and hands them here to run, so the rest of the code never imports duckdb or pyspark.
"""

from __future__ import annotations

from typing import Any

import ibis
import pyarrow as pa


def memory() -> Any:
    """A fresh in-memory DuckDB backend, for validating tables before they are stored."""
    return ibis.duckdb.connect()


def to_arrow(expr: Any, backend: Any | None = None) -> pa.Table:
    """Execute an Ibis expression and return the result as an Arrow table."""
    con = backend if backend is not None else memory()
    return con.to_pyarrow(expr)
