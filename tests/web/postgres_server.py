"""A throwaway PostgreSQL 15 server for tests: its own data folder, a free port, trust auth.

Used by ``test_postgresql.py`` (the web suite run again on PostgreSQL) and by any test that
needs a real server (backup and restore). As root the server runs as the ``postgres`` user,
since PostgreSQL refuses to run as root; otherwise as the current user.

    with postgres_server() as server:
        os.environ["CYPP_DATABASE_URL"] = server.url
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path("/usr/lib/postgresql/15/bin")
INITDB = BIN / "initdb"


def available() -> bool:
    """Whether Debian's PostgreSQL 15 server binaries are installed."""
    return INITDB.exists()


def free_port() -> int:
    """A TCP port nothing listens on at the moment (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass(frozen=True)
class PostgresServer:
    """A running server: ``root`` holds ``data/``, the socket and ``server.log``."""

    root: Path
    port: int
    user: str  # the operating-system user that owns and runs the server

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        """A URL for ``CYPP_DATABASE_URL`` (superuser ``postgres``, no password)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL client or server tool (``psql``, ``pg_dump``, ``pg_ctl``…) as the
        server's owner; connection tools get ``-h 127.0.0.1 -p PORT -U postgres`` from the
        environment (PGHOST, PGPORT, PGUSER)."""
        env = {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(self.port), "PGUSER": "postgres"}
        return _run([str(BIN / tool), *args], self.user, env=env, check=check)


def _as_user(cmd: Sequence[str], user: str) -> list[str]:
    if os.geteuid() == 0 and user != "root":
        return ["runuser", "-u", user, "--", *cmd]
    return list(cmd)


def _run(
    cmd: Sequence[str], user: str, *, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        _as_user(cmd, user), capture_output=True, text=True, env=env, timeout=120, check=False
    )
    if check and done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}".rstrip()
        )
    return done


def _owner() -> tuple[str, int, int]:
    """The user to run the server as: ``postgres`` when we are root, else ourselves."""
    entry = pwd.getpwnam("postgres") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    return entry.pw_name, entry.pw_uid, entry.pw_gid


@contextlib.contextmanager
def postgres_server(port: int | None = None) -> Iterator[PostgresServer]:
    """Start a fresh server in a temporary folder; stop it and delete the folder afterwards,
    whatever happens in between."""
    if not available():
        raise FileNotFoundError(f"{INITDB} is missing: install Debian's postgresql-15")
    user, uid, gid = _owner()
    # Not pytest's tmp_path: it is private to root, and the postgres user must reach the folder.
    root = Path(tempfile.mkdtemp(prefix="cypp-pg-"))
    os.chown(root, uid, gid)
    server = PostgresServer(root=root, port=port or free_port(), user=user)
    try:
        _run([str(INITDB), "-D", str(server.data), "-U", "postgres", "--auth=trust"], user)
        options = f"-c listen_addresses=127.0.0.1 -p {server.port} -k {root} -c fsync=off"
        pg_ctl = [str(BIN / "pg_ctl"), "-D", str(server.data), "-l", str(server.log)]
        started = _run(
            [*pg_ctl, "-o", options, "-w", "-t", "60", "start"],
            user,
            check=False,
        )
        if started.returncode != 0:
            log = server.log.read_text(errors="replace") if server.log.exists() else ""
            raise RuntimeError(
                f"PostgreSQL did not start on port {server.port}:\n{started.stderr}\n{log}"
            )
        yield server
    finally:
        _stop(server)
        shutil.rmtree(root, ignore_errors=True)


def _stop(server: PostgresServer) -> None:
    """``pg_ctl stop``; if that fails, signal the postmaster named in its pid file."""
    pid_file = server.data / "postmaster.pid"
    if not pid_file.exists():
        return
    stopped = _run(
        [str(BIN / "pg_ctl"), "-D", str(server.data), "-m", "fast", "-w", "-t", "30", "stop"],
        server.user,
        check=False,
    )
    if stopped.returncode == 0 or not pid_file.exists():
        return
    with contextlib.suppress(ValueError, OSError):
        pid = int(pid_file.read_text().splitlines()[0])
        os.kill(pid, signal.SIGQUIT)  # immediate shutdown of the postmaster and its children
        for _ in range(50):
            os.kill(pid, 0)  # raises once the process is gone
            time.sleep(0.1)
