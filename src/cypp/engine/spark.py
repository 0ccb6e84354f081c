"""The same definitions on Apache Spark (local mode here; a cluster in production).

The warehouse's current views are handed to Spark as temporary views of the same names, so
the backend-free expressions run unchanged. Spark needs Java 17 and ``cypp[spark]``; the
loopback address is set because the machine may have no resolvable host name.
"""

from __future__ import annotations

import os
from typing import Any

from cypp.engine.store import Store
from cypp.errors import EngineError


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
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def spark_backend(store: Store) -> Any:
    """An Ibis PySpark backend with every ``current__*`` view of the warehouse registered."""
    import ibis

    session = spark_session()
    for name in sorted(store.tables()):
        if name.startswith("current__"):
            table = store.fetch_arrow(f'SELECT * FROM "{name}"')
            session.createDataFrame(table).createOrReplaceTempView(name)
    return ibis.pyspark.connect(session)
