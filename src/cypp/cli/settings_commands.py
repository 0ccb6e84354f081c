"""``cypp settings``: what every setting is, its value and where the value came from."""

from __future__ import annotations

import typer
from rich.table import Table

from cypp.cli.console import console
from cypp.settings import REGISTRY, load_settings

app = typer.Typer(help="Show settings.", invoke_without_command=True)

SECRET = {"pseudonym_key", "database_url", "secret_key"}


@app.callback()
def show() -> None:
    """List every setting with its value and source (secrets masked)."""
    settings = load_settings()
    table = Table("setting", "value", "source", "env", "meaning")
    for s in REGISTRY:
        value = getattr(settings, s.name)
        shown = "••••" if s.name in SECRET and value else repr(value)
        table.add_row(s.name, shown, settings.source(s.name), s.env_var, s.help)
    console.print(table)
