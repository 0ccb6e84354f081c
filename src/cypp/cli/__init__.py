"""The ``cypp`` command: one sub-application per area, errors printed without tracebacks."""

from __future__ import annotations

import os
import sys

import typer
from rich.markup import escape

from cypp.cli import (
    assess_commands,
    backup_commands,
    compute_commands,
    load_commands,
    plan_commands,
    report_commands,
    settings_commands,
    staff_commands,
    synth_commands,
    web_commands,
)
from cypp.cli.console import err_console
from cypp.errors import CyppError

app = typer.Typer(
    name="cypp",
    help="A Children and Young People's Plan as data: indicators, assessment and publishing.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(plan_commands.app, name="plan")
app.add_typer(settings_commands.app, name="settings")
app.command(name="load")(load_commands.load)
app.command(name="batches")(load_commands.batches)
app.command(name="findings")(load_commands.findings)
app.command(name="compute")(compute_commands.compute)
app.command(name="explain")(compute_commands.explain)
app.command(name="definitions")(compute_commands.definitions)
app.command(name="assess")(assess_commands.assess)
app.command(name="synth")(synth_commands.synth)
app.command(name="report")(report_commands.report)
app.command(name="publish")(web_commands.publish)
app.command(name="serve")(web_commands.serve)
app.add_typer(staff_commands.app, name="staff")
app.command(name="backup")(backup_commands.backup)
app.command(name="restore")(backup_commands.restore)


def main() -> None:
    """Entry point of the console script: a ``CyppError`` becomes a message and status 1."""
    try:
        app()
    except CyppError as exc:
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted: nothing half-done was kept")
        sys.exit(130)
    except Exception as exc:
        # A bug, not bad input: say so plainly; the traceback only on request.
        if os.environ.get("CYPP_DEBUG"):
            raise
        err_console.print(
            f"[bold red]internal error:[/] {type(exc).__name__}: {escape(str(exc))}\n"
            "This is a fault in cypp, not in your files. Run again with CYPP_DEBUG=1 for the "
            "traceback and report it.",
            markup=True,
            highlight=False,
        )
        sys.exit(2)
