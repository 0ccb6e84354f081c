"""Backups of the warehouse and the workspace, and restoring them elsewhere.

A backup is a folder: ``warehouse.duckdb`` (a byte copy of the DuckDB file taken under its
exclusive lock after a checkpoint), ``workspace.json`` (every row of the web app's workspace
in Django's serialisation format, with natural foreign keys, so it loads into SQLite or
PostgreSQL alike) and ``manifest.json`` (SHA-256 and size of each file, versions, the time,
and a canonical digest of every table to check the restore against). See docs/reliability.md.
"""

from cypp.backup.errors import BackupError
from cypp.backup.make import make_backup
from cypp.backup.manifest import MANIFEST, Manifest, verify_backup
from cypp.backup.restore import restore_backup

__all__ = [
    "MANIFEST",
    "BackupError",
    "Manifest",
    "make_backup",
    "restore_backup",
    "verify_backup",
]
