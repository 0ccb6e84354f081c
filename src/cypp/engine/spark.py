"""The same definitions on Apache Spark (local mode here; a cluster in production).

The warehouse's current views are handed to Spark as temporary views of the same names, so
the backend-free expressions run unchanged. Each view is written once as Parquet, which
Spark reads in partitions as it would from a data lake: handing Spark the rows from Python
instead keeps them all on the driver and ships them inside every task, which ran a county
out of the driver's memory. Spark needs Java 17 and ``cypp[spark]``; the loopback address is
set because the machine may have no resolvable host name.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from cypp.engine.store import Store, quote
from cypp.errors import EngineError

# The driver holds query plans and the aggregates it collects; Spark's own default (1 GB) is
# for a cluster's driver, not local mode, where the driver also runs every task.
DRIVER_MEMORY = os.environ.get("CYPP_SPARK_DRIVER_MEMORY", "4g")


def spark_session() -> Any:
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError(
            "the pyspark backend needs the 'spark' extra: pip install 'cypp[spark]' (and Java 17)"
        ) from None
    return (
        SparkSession.builder.master("local[2]")
        .appName("cypp")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")  # cypp shows its own progress
        .config("spark.driver.memory", DRIVER_MEMORY)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def export_views(store: Store, folder: Path) -> dict[str, Path]:
    """Write every ``current__*`` view of the warehouse to ``folder`` as Parquet."""
    files: dict[str, Path] = {}
    for name in sorted(store.tables()):
        if name.startswith("current__"):
            path = folder / f"{name}.parquet"
            target = str(path).replace("'", "''")  # a string literal: COPY takes no parameter
            store.execute(f"COPY (SELECT * FROM {quote(name)}) TO '{target}' (FORMAT parquet)")
            files[name] = path
    return files


def spark_backend(store: Store, folder: Path | None = None) -> Any:
    """An Ibis PySpark backend with every ``current__*`` view of the warehouse registered.

    ``folder``: where the views' Parquet goes; by default a temporary folder removed when
    the process ends (Spark reads the files lazily, so they must outlive this call)."""
    import ibis

    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="cypp-spark-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    session = spark_session()
    for name, path in export_views(store, folder).items():
        session.read.parquet(str(path)).createOrReplaceTempView(name)
    return ibis.pyspark.connect(session)
