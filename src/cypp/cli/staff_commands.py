"""``cypp staff``: staff accounts, partner agencies and reminder emails for the web workspace.

Each command sets Django up (``cypp.web.setup``) and first brings the workspace database up
to date (``migrate``) when it is not, so that a fresh machine needs no separate step.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from cypp.cli.console import console, err_console

app = typer.Typer(
    help="Staff accounts, partner agencies and reminders for the web workspace.",
    no_args_is_help=True,
)


def ready() -> None:
    """Django set up and the workspace database migrated."""
    from cypp.web import setup

    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        err_console.print("bringing the workspace database up to date (migrate)")
        call_command("migrate", interactive=False, verbosity=0)


@app.command("add-user")
def add_user(
    username: Annotated[str, typer.Argument(help="The new account's username.")],
    role: Annotated[
        str,
        typer.Option(
            help="administrator, analyst (performance analyst), lead (priority lead), "
            "partner (partner-agency user) or viewer."
        ),
    ],
    priority: Annotated[
        list[str] | None,
        typer.Option(help="A plan priority id the lead owns; repeat for several."),
    ] = None,
    agency: Annotated[str, typer.Option(help="A partner user's agency (plan partner id).")] = "",
    email: Annotated[str, typer.Option(help="Address for reminder emails.")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
) -> None:
    """Create a staff account with its role (the password is asked for, never an argument)."""
    ready()
    from cypp.web.workspace import users

    chosen = users.parse_role(role)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    users.add_user(
        username,
        chosen,
        password,
        priorities=tuple(priority or ()),
        agency=agency,
        email=email,
    )
    console.print(f"added {username} ({chosen.label})")


@app.command("list")
def list_users() -> None:
    """Every staff account with its role, priorities or agency."""
    ready()
    from cypp.web.workspace import users

    table = Table("username", "role", "priorities / agency", "email", "active")
    for s in users.staff():
        table.add_row(
            s.username,
            s.role,
            ", ".join(s.priorities) or s.agency,
            s.email,
            "yes" if s.active else "no",
        )
    console.print(table)


@app.command("add-agency")
def add_agency(
    partner_id: Annotated[str, typer.Argument(help="Id in lower case and hyphens.")],
    name: Annotated[str, typer.Argument(help="The agency's name.")],
) -> None:
    """Add a partner agency the plan does not name (it then counts in Hear by Right)."""
    ready()
    from cypp.web.workspace import agencies

    agencies.add_agency(partner_id, name)
    console.print(f"added partner agency {partner_id} ({name})")


@app.command("remind")
def remind(
    days: Annotated[int, typer.Option(help="Remind when the deadline is this close.")] = 7,
    today: Annotated[
        str | None, typer.Option(help="Pretend today is this date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Email everyone who owes something to an open round closing within --days (run daily)."""
    ready()
    from cypp.web.workspace import rounds, throttle

    on = date.fromisoformat(today) if today else None
    sent = rounds.remind(on, days)
    throttle.prune()
    for s in sent:
        console.print(f"reminded {s.username} <{s.email}>: {s.tasks} item(s) for {s.period}")
    console.print(f"{len(sent)} reminder(s) sent")


@app.command("demo-users")
def demo_users(
    out: Annotated[
        str, typer.Option(help="File to write the accounts and passwords to.")
    ] = "staff-accounts.txt",
) -> None:
    """For a demonstration only: one account per role with a generated password, written to
    a file (an existing demo account gets a new password). Never use on a real workspace."""
    import secrets
    from pathlib import Path

    ready()
    from django.contrib.auth import get_user_model

    from cypp.web.workspace import hbr, users
    from cypp.web.workspace.plan_source import current_plan

    plan = current_plan()
    first_agency = hbr.agencies(plan)[0][0]
    wanted = [
        ("demo-admin", "administrator", (), ""),
        ("demo-analyst", "analyst", (), ""),
        ("demo-lead", "lead", tuple(p.id for p in plan.priorities[:2]), ""),
        ("demo-partner", "partner", (), first_agency),
        ("demo-viewer", "viewer", (), ""),
    ]
    lines = ["# Demo staff accounts (generated; a real workspace never has these)"]
    model = get_user_model()
    for username, role, priorities, agency in wanted:
        password = "demo-" + secrets.token_urlsafe(12)
        existing = model.objects.filter(username=username).first()
        if existing is None:
            users.add_user(
                username, users.parse_role(role), password, priorities=priorities, agency=agency
            )
        else:
            existing.set_password(password)
            existing.save(update_fields=["password"])
        scope = ", ".join(priorities) or agency
        lines.append(f"{username:14} {password:24} {role}{f' ({scope})' if scope else ''}")
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    console.print("\n".join(lines[1:]))
    console.print(f"written to {out}")
