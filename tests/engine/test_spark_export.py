"""The warehouse's current views as Spark reads them: one Parquet file each, rows unchanged."""

from __future__ import annotations

from pathlib import Path

import duckdb

from cypp.engine.spark import export_views
from cypp.engine.store import Store


def test_each_current_view_is_written_whole_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "it's here"  # a quote in the path must not break the COPY
    folder.mkdir()
    with Store(tmp_path / "w.duckdb") as store:
        store.execute("CREATE TABLE census__rows AS SELECT 'A1' AS UPN, DATE '2010-01-21' AS d")
        store.execute("INSERT INTO census__rows VALUES ('B2', NULL)")
        store.execute("CREATE VIEW current__census AS SELECT * FROM census__rows")
        store.execute("CREATE TABLE results AS SELECT 1 AS x")
        files = export_views(store, folder)
    assert list(files) == ["current__census"]
    rows = duckdb.execute(
        "SELECT UPN, d FROM read_parquet(?) ORDER BY UPN", [str(files["current__census"])]
    ).fetchall()
    assert [(u, str(d) if d else None) for u, d in rows] == [("A1", "2010-01-21"), ("B2", None)]
