"""``cypp publish`` and ``cypp serve``: put the board report on the web app and serve it.

``publish`` copies the report's content (aggregates only) into the workspace database;
``serve`` runs the web app with gunicorn under production settings, after bringing the
database schema up to date and collecting the static files (``--dev`` uses Django's
development server instead).
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from cypp.cli.console import console, err_console
from cypp.errors import CyppError
from cypp.settings import load_settings

app = typer.Typer(no_args_is_help=True, add_completion=False)

SETTINGS_MODULE = "cypp.web.settings"


def _django(mode: str) -> None:
    """Set up Django in ``mode`` (development, test or production) in this process."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    os.environ.setdefault("CYPP_WEB_MODE", mode)
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@app.command()
def publish(
    plan: Annotated[
        Path | None, typer.Option(help="Plan folder (default: setting 'plan').")
    ] = None,
    area: Annotated[
        str | None, typer.Option(help="ONS code or LA number (default: the plan's area).")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="As-at period, e.g. 2010/11 (default: each indicator's latest)."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Publish even if unchanged (e.g. to redraw the charts)."),
    ] = False,
) -> None:
    """Publish the board report to the web app's public site: aggregates, assessments, charts
    and approved commentary. Publishing the same content again changes nothing."""
    settings = load_settings()
    _django("development")
    _migrate()
    from cypp.web.publish import publish as publish_report

    result = publish_report(
        plan or Path(settings.plan),
        settings,
        area=area,
        period=period,
        user=_cli_user(),
        force=force,
    )
    as_at = result.period or "latest"
    if result.created:
        replaced = (
            f"; publication {result.superseded} is kept as history" if result.superseded else ""
        )
        console.print(
            f"published: publication {result.publication_id}, {result.indicators} indicators "
            f"for {result.area_code} as at {as_at}{replaced}"
        )
    else:
        console.print(
            f"already published: publication {result.publication_id} ({result.area_code} as at "
            f"{as_at}) has the same content; nothing changed"
        )


def _cli_user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option(help="Address to listen on; 127.0.0.1 serves this machine only.")
    ] = "127.0.0.1",
    dev: Annotated[
        bool, typer.Option("--dev", help="Django's development server (DEBUG, auto-reload).")
    ] = False,
    workers: Annotated[int, typer.Option(help="gunicorn worker processes.")] = 2,
    threads: Annotated[
        int,
        typer.Option(
            help="Threads per worker (gunicorn's gthread workers; 1: sync workers). Threads keep "
            "public pages answering while a request waits on the database."
        ),
    ] = 4,
) -> None:
    """Serve the web app: gunicorn with production settings (secure cookies and headers, no
    DEBUG). It brings the database up to date and collects static files first."""
    settings = load_settings()
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    url = f"http://{'localhost' if is_loopback(host) else host}:{port}/"
    if dev:
        env["CYPP_WEB_MODE"] = "development"
        _manage(env, "migrate", "--no-input", "-v", "0")
        console.print(f"development server (not for production) at {url}")
        _run([sys.executable, "-m", "django", "runserver", f"{host}:{port}"], env)
        return
    env["CYPP_WEB_MODE"] = "production"
    if is_loopback(host):
        # No TLS on this machine's own address: a redirect to https would lead nowhere.
        # Cookies stay Secure; browsers accept those from http://localhost.
        env["CYPP_SSL_REDIRECT"] = "0"
        err_console.print(
            f"serving on the loopback address {host}: plain http, no redirect to https "
            "(CYPP_SSL_REDIRECT=0). Put a TLS proxy in front before serving other machines."
        )
        if not settings.secret_key:
            env["CYPP_SECRET_KEY"] = secrets.token_urlsafe(50)
            err_console.print(
                "setting 'secret_key' is empty: using a random key for this run (logins end "
                "when the server stops). Set CYPP_SECRET_KEY for a lasting one."
            )
    elif not settings.secret_key:
        raise CyppError(
            "setting 'secret_key' is empty; serving on a network address needs one: set "
            "CYPP_SECRET_KEY to a long random string (python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))')"
        )
    _manage(env, "migrate", "--no-input", "-v", "0")
    _manage(env, "collectstatic", "--no-input", "-v", "0")
    shape = f"{workers} workers" + (f" of {threads} threads" if threads > 1 else "")
    console.print(f"cypp web app at {url} (gunicorn, {shape}; Ctrl-C stops it)")
    _run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "cypp.web.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            *(["--worker-class", "gthread", "--threads", str(threads)] if threads > 1 else []),
            "--access-logfile",
            "-",
        ],
        env,
    )


def _manage(env: dict[str, str], *args: str) -> None:
    """A Django management command in a child process with ``env``'s settings."""
    done = subprocess.run([sys.executable, "-m", "django", *args], env=env, check=False)
    if done.returncode != 0:
        raise CyppError(f"'django-admin {' '.join(args)}' failed (exit {done.returncode})")


def _run(cmd: list[str], env: dict[str, str]) -> None:
    """Run the server in the foreground until it ends or Ctrl-C stops it."""
    child = subprocess.Popen(cmd, env=env)
    try:
        code = child.wait()
    except KeyboardInterrupt:
        child.terminate()
        child.wait(timeout=30)
        raise
    if code != 0:
        raise CyppError(f"the server stopped with exit status {code}")
