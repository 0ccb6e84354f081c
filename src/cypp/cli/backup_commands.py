"""``cypp backup`` and ``cypp restore``: the warehouse and the workspace, checked both ways.

Wiring (in ``cypp.cli``): ``app.command(name="backup")(backup_commands.backup)`` and
``app.command(name="restore")(backup_commands.restore)``. Until then ``python -m
cypp.cli.backup_commands backup|restore ...`` runs the same commands.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cypp.cli.console import console, err_console
from cypp.errors import CyppError
from cypp.settings import load_settings


def _django() -> None:
    from cypp.web import setup

    os.environ.setdefault("CYPP_WEB_MODE", "development")
    setup()


@contextmanager
def _database_errors() -> Iterator[None]:
    """A workspace database that cannot be reached is the user's to fix, not a fault."""
    from django.db import Error, connection

    try:
        yield
    except Error as exc:
        name = f"{connection.vendor} database {connection.settings_dict.get('NAME')}"
        raise CyppError(
            f"the workspace {name} failed: {exc}. Check the setting 'database_url' (or "
            "'workspace') and that the database exists and accepts connections"
        ) from None


def backup(
    folder: Annotated[Path, typer.Argument(help="A new (or empty) folder for the backup.")],
) -> None:
    """Back up the warehouse and the workspace database into FOLDER, with a manifest of
    SHA-256 checksums. Loads, computes and publishes wait (are refused) while it runs."""
    from cypp.backup import make_backup

    started = time.monotonic()
    settings = load_settings()
    _django()
    with _database_errors():
        manifest = make_backup(folder, Path(settings.warehouse))
    table = Table("file", "bytes", "SHA-256")
    for name, entry in sorted(manifest.files.items()):
        table.add_row(name, f"{entry.bytes:,}", entry.sha256)
    console.print(table)
    parts = []
    if manifest.warehouse is not None:
        rows = sum(t.get("rows", 0) for t in manifest.warehouse.digest.values())
        parts.append(f"warehouse {manifest.warehouse.source} ({rows:,} rows)")
    if manifest.workspace is not None:
        rows = sum(m["rows"] for m in manifest.workspace.digest.values())
        parts.append(
            f"workspace {manifest.workspace.engine} {manifest.workspace.source} ({rows:,} rows)"
        )
    console.print(
        f"backed up {' and '.join(parts)} to {folder} in {time.monotonic() - started:.1f} s"
    )


def restore(
    folder: Annotated[Path, typer.Argument(help="A folder written by cypp backup.")],
    warehouse: Annotated[
        Path | None, typer.Option(help="Restore the warehouse here (default: setting).")
    ] = None,
    workspace: Annotated[
        Path | None,
        typer.Option(help="Restore the workspace into this SQLite file (default: setting)."),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(help="Restore the workspace into this PostgreSQL database instead."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a warehouse or workspace that holds data.")
    ] = False,
) -> None:
    """Check every file of a backup against its manifest, then restore it into a new
    warehouse path and an empty workspace database (migrated first). Nothing is restored
    when a checksum differs; targets holding data are refused unless --force."""
    from cypp.backup import restore_backup, verify_backup

    started = time.monotonic()
    verify_backup(folder)  # before anything else, Django included
    # the options become settings before Django reads them
    if warehouse is not None:
        os.environ["CYPP_WAREHOUSE"] = str(warehouse)
    if workspace is not None:
        os.environ["CYPP_WORKSPACE"] = str(workspace)
        os.environ["CYPP_DATABASE_URL"] = ""
    if database_url is not None:
        os.environ["CYPP_DATABASE_URL"] = database_url
    settings = load_settings()
    _django()
    with _database_errors():
        done = restore_backup(folder, Path(settings.warehouse), force=force)
    made = done.manifest.created.strftime("%Y-%m-%d %H:%M:%S %Z")
    where = [str(w) for w in (done.warehouse, done.workspace) if w is not None]
    console.print(
        f"restored the backup of {made} (cypp {done.manifest.cypp_version}) into "
        f"{' and '.join(where)}; every checksum and table matched, in "
        f"{time.monotonic() - started:.1f} s"
    )


app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
app.command(name="backup")(backup)
app.command(name="restore")(restore)


def main() -> None:
    """Run the two commands on their own, printing errors as ``cypp`` does."""
    try:
        app()
    except CyppError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
        sys.exit(1)


if __name__ == "__main__":
    main()
