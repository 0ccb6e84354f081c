"""The engine: the only package that imports a database driver (DuckDB, PySpark)."""
