"""The web test suite again, on a real PostgreSQL 15 server this run starts and stops.

The suite's own run uses SQLite (the default workspace). Here a fresh server is started in a
temporary folder and ``tests/web`` (browser tests aside: they test pages, not the database) is
run in a subprocess with ``CYPP_DATABASE_URL`` pointing at it, so every web test also passes on
PostgreSQL: JSON fields, constraints, transactions and ordering as the production database has
them.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.web import postgres_server as pg

# set in the subprocess, so that this file does not run itself again there
NESTED = "CYPP_TEST_ON_POSTGRESQL"


@pytest.mark.skipif(not pg.available(), reason=f"{pg.INITDB} is missing (Debian postgresql-15)")
@pytest.mark.skipif(NESTED in os.environ, reason="already the PostgreSQL run")
def test_web_suite_passes_on_postgresql(postgres: pg.PostgresServer) -> None:
    version = postgres.run("psql", "-Atc", "show server_version_num").stdout.strip()
    assert version.startswith("15"), version
    env = {
        **os.environ,
        "CYPP_DATABASE_URL": postgres.url(),
        NESTED: "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    cmd = [sys.executable, "-m", "pytest", "tests/web", "-m", "not browser"]
    cmd += ["-q", "-p", "no:cacheprovider"]
    done = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    tail = "\n".join(done.stdout.splitlines()[-60:])
    assert done.returncode == 0, f"web tests failed on PostgreSQL:\n{tail}\n{done.stderr[-3000:]}"
    assert " passed" in tail, tail


@pytest.mark.skipif(NESTED not in os.environ, reason="only on the PostgreSQL run")
@pytest.mark.django_db
def test_the_nested_run_talks_to_postgresql() -> None:
    """On the nested run Django really uses the server (not SQLite with the URL ignored)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select version()")
        (version,) = cursor.fetchone()
    assert connection.vendor == "postgresql"
    assert version.startswith("PostgreSQL 15"), version
