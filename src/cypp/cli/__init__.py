"""The ``cypp`` command: one sub-application per area, errors printed without tracebacks."""

from __future__ import annotations

import sys

import typer

from cypp.cli import compute_commands, load_commands, plan_commands, settings_commands
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


def main() -> None:
    """Entry point of the console script: a ``CyppError`` becomes a message and status 1."""
    try:
        app()
    except CyppError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        sys.exit(1)
