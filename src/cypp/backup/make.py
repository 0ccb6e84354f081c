"""``make_backup``: the warehouse and the workspace copied into a new folder, with a manifest.

The warehouse is opened read-write for the whole backup: DuckDB gives that to one process at
a time, so no ``cypp load``, ``compute`` or ``publish`` (which reads the warehouse) runs
meanwhile, and the two copies belong together. The workspace is read in one transaction, so
edits made in the web app during the backup are either wholly in it or not at all.
"""

from __future__ import annotations

import platform
import shutil
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from cypp.backup.errors import BackupError
from cypp.backup.manifest import (
    MANIFEST,
    WAREHOUSE_FILE,
    WORKSPACE_FILE,
    FileEntry,
    Manifest,
    WarehousePart,
    WorkspacePart,
    sha256_of,
    write_manifest,
)
from cypp.backup.warehouse import copy_warehouse, digest_of_file, warehouse_digest
from cypp.engine.store import Store
from cypp.problems import Problem


def make_backup(folder: Path, warehouse: Path, *, now: datetime | None = None) -> Manifest:
    """Back up ``warehouse`` and the workspace database Django is set up with into ``folder``
    (new, or empty). The manifest is written last: a folder without one is no backup."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(
            f"{folder} is not an empty folder; a backup goes into a new one",
            [
                Problem(
                    file=str(folder),
                    line=None,
                    rule="backup into a new folder",
                    found="a file" if not folder.is_dir() else "a folder with files in it",
                    expected="a folder that does not exist yet, or is empty",
                    fix="name a new folder, e.g. one with today's date",
                )
            ],
        )
    made = not folder.exists()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        return _write(folder, warehouse, now)
    except BaseException:
        # a failed backup leaves nothing behind (a killed one leaves no manifest.json)
        if made:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for name in (WAREHOUSE_FILE, WORKSPACE_FILE, f".{MANIFEST}.partial"):
                (folder / name).unlink(missing_ok=True)
        raise


def _write(folder: Path, warehouse: Path, now: datetime | None) -> Manifest:
    files: dict[str, FileEntry] = {}
    warehouse_part: WarehousePart | None = None
    workspace_part: WorkspacePart | None = None
    if warehouse.exists():
        copy = folder / WAREHOUSE_FILE
        with Store(warehouse) as store:  # read-write: nobody else writes until we are done
            sha, size = copy_warehouse(store, copy)
            live = warehouse_digest(store)
            workspace_part = _workspace(folder, files)
        if digest_of_file(copy) != live:
            raise BackupError(
                f"the copy of {warehouse} does not read back as the warehouse did",
                [
                    Problem(
                        file=str(copy),
                        line=None,
                        rule="warehouse copy reads back",
                        found="a table's rows or content hash differ from the live warehouse's",
                        expected="the same tables, rows and content",
                        fix="check the disk the backup is written to, and back up again",
                    )
                ],
            )
        files[WAREHOUSE_FILE] = FileEntry(sha256=sha, bytes=size)
        warehouse_part = WarehousePart(
            file=WAREHOUSE_FILE,
            source=str(warehouse.resolve()),
            duckdb_version=version("duckdb"),
            digest=live,
        )
    else:
        workspace_part = _workspace(folder, files)
    if warehouse_part is None and workspace_part is None:
        raise BackupError(
            "nothing to back up",
            [
                Problem(
                    file=str(warehouse),
                    line=None,
                    rule="something to back up",
                    found="no warehouse file and no workspace database",
                    expected="the settings 'warehouse' and 'workspace' (or 'database_url') "
                    "pointing at the data",
                    fix="run cypp backup where cypp.toml is, or set CYPP_WAREHOUSE and "
                    "CYPP_WORKSPACE / CYPP_DATABASE_URL",
                )
            ],
        )
    manifest = Manifest(
        format="cypp-backup",
        format_version=1,
        created=now or datetime.now(UTC),
        cypp_version=version("cypp"),
        python_version=platform.python_version(),
        files=files,
        warehouse=warehouse_part,
        workspace=workspace_part,
    )
    write_manifest(folder, manifest)
    return manifest


def _workspace(folder: Path, files: dict[str, FileEntry]) -> WorkspacePart | None:
    """Dump the workspace, unless there is none: a SQLite file not yet made, or a database
    never migrated (connecting to a missing SQLite file would create it)."""
    from cypp.backup.workspace import migrated, sqlite_file_missing, write_workspace

    if sqlite_file_missing() or not migrated():
        return None
    path = folder / WORKSPACE_FILE
    part = write_workspace(path)
    sha, size = sha256_of(path)
    files[WORKSPACE_FILE] = FileEntry(sha256=sha, bytes=size)
    return part
