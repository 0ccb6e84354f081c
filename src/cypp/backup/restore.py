"""``restore_backup``: a checked backup put back into a fresh warehouse path and workspace.

Order, so that a refusal or a failure leaves the targets as they were:

1. every file's SHA-256 and size against the manifest (``verify_backup``);
2. the targets: each must be empty (a missing warehouse file or one with no tables; a
   workspace database with no rows beyond the role groups ``migrate`` makes) unless ``force``,
   and the backup's workspace schema must be this cypp's;
3. the warehouse copied beside its target and its digest checked against the manifest;
4. the workspace migrated, then in one transaction emptied (``force``), loaded, and its
   digest checked: a difference rolls the transaction back;
5. the checked warehouse renamed into place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cypp.backup.errors import BackupError
from cypp.backup.manifest import Manifest, verify_backup
from cypp.backup.warehouse import (
    commit_warehouse,
    discard_staged,
    stage_warehouse,
    warehouse_in_use,
)
from cypp.problems import Problem


@dataclass(frozen=True)
class Restored:
    manifest: Manifest
    warehouse: Path | None  # where the warehouse went, None when the backup had none
    workspace: str | None  # the workspace database's engine and name, None when none


def restore_backup(folder: Path, warehouse: Path, *, force: bool = False) -> Restored:
    """Restore ``folder`` into ``warehouse`` and the workspace database Django is set up with.
    Targets that hold data are refused unless ``force``, which replaces them."""
    from django.db import connection

    from cypp.backup.workspace import load_workspace, migration_problems, workspace_in_use

    folder = Path(folder)
    manifest = verify_backup(folder)
    problems: list[Problem] = []
    if manifest.warehouse is not None and not force:
        why = warehouse_in_use(warehouse)
        if why:
            problems.append(_occupied(str(warehouse), why, "CYPP_WAREHOUSE (or --warehouse)"))
    if manifest.workspace is not None:
        problems += migration_problems(manifest.workspace.migrations, folder / "manifest.json")
        why = None if force else workspace_in_use()
        if why:
            name = f"{connection.vendor} database {connection.settings_dict['NAME']}"
            problems.append(
                _occupied(name, why, "CYPP_WORKSPACE or CYPP_DATABASE_URL (or the options)")
            )
    if problems:
        raise BackupError(f"cannot restore {folder}; nothing was changed", problems)
    staged = None
    if manifest.warehouse is not None:
        staged = stage_warehouse(
            folder / manifest.warehouse.file, warehouse, manifest.warehouse.digest
        )
    try:
        if manifest.workspace is not None:
            load_workspace(
                folder / manifest.workspace.file, manifest.workspace.digest, replace=force
            )
    except BaseException:
        if staged is not None:
            discard_staged(staged)
        raise
    if staged is not None:
        commit_warehouse(staged, warehouse)
    return Restored(
        manifest,
        warehouse if staged is not None else None,
        f"{connection.vendor} {connection.settings_dict['NAME']}"
        if manifest.workspace is not None
        else None,
    )


def _occupied(target: str, why: str, setting: str) -> Problem:
    return Problem(
        file=target,
        line=None,
        rule="restore into an empty target",
        found=why,
        expected="a new warehouse path and an empty workspace database",
        fix=f"point {setting} at a new one, or give --force to replace what is there",
    )
