"""``cypp serve`` as a user starts it (gunicorn, production settings, loopback), for a site
folder: started in its own session, waited for, measured (CPU of its processes) and stopped.

Only the processes started here are ever signalled: gunicorn's master, the child of the
``cypp serve`` started here, by its pid (SIGTERM: a graceful stop), then, if anything is
left, the process group of that ``cypp serve`` (started in a session of its own).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from benchmarks.harness import processes

CYPP = str(Path(sys.executable).parent / "cypp")
_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def descendants(pid: int) -> list[int]:
    """``pid``'s children, grandchildren…, read from ``/proc``."""
    children: dict[int, list[int]] = {}
    for child, fields in processes():
        children.setdefault(int(fields[1]), []).append(child)
    found: list[int] = []
    todo = list(children.get(pid, []))
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds of each live process (its own, not its children's)."""
    out: dict[int, float] = {}
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rindex(b")") + 2 :].split()
        out[pid] = (int(fields[11]) + int(fields[12])) / _TICKS
    return out


#: gunicorn's access log line for each request: when, status, microseconds in the worker, request
TIMING_FORMAT = 'cypp-timing %(t)s %(s)s %(D)s "%(r)s"'
_TIMING = re.compile(r'^cypp-timing \[([^\]]+)\] (\d+) (\d+) "\S+ (\S+)')


def peak_rss_mb(pids: list[int]) -> float:
    """The sum of each live process's peak resident set (VmHWM), in MB."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


@dataclass
class Server:
    """A running ``cypp serve``: its URL, its process and the log it writes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_size(self) -> int:
        return self.log.stat().st_size

    def timings(self, since: int = 0) -> list[tuple[float, str, int, float]]:
        """(when, to the second; path; status; milliseconds in the worker) of each request
        logged after byte ``since`` of the log: the server's own time, without the client's
        or the queue's."""
        with self.log.open("rb") as f:
            f.seek(since)
            text = f.read().decode("utf-8", "replace")
        out = []
        for line in text.splitlines():
            m = _TIMING.match(line)
            if m:
                when = datetime.strptime(m.group(1), "%d/%b/%Y:%H:%M:%S %z").timestamp()
                out.append((when, m.group(4), int(m.group(2)), int(m.group(3)) / 1000))
        return out

    def worker_pids(self) -> list[int]:
        """gunicorn's master and workers (the children of ``cypp serve``)."""
        return descendants(self.process.pid)

    def get(self, path: str, timeout: float = 10) -> int:
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as r:
                r.read()
                return int(r.status)
        except urllib.error.HTTPError as e:
            return int(e.code)


def serve_command(port: int, workers: int, threads: int | None) -> list[str]:
    command = [CYPP, "serve", "--port", str(port), "--workers", str(workers)]
    if threads is not None:
        command += ["--threads", str(threads)]
    return command


@contextlib.contextmanager
def serving(
    site: Path,
    *,
    workers: int = 2,
    threads: int | None = None,
    env: Mapping[str, str] | None = None,
    port: int | None = None,
    ready_path: str = "/",
    timeout: float = 180,
) -> Iterator[Server]:
    """``cypp serve`` in ``site`` (its ``cypp.toml``) on 127.0.0.1, ready to answer."""
    port = port or free_port()
    log = site / f"serve-{port}.log"
    environment = dict(os.environ if env is None else env)
    # gunicorn reads extra options from this variable: the access log with each request's time
    environment["GUNICORN_CMD_ARGS"] = f"--access-logformat '{TIMING_FORMAT}'"
    with log.open("wb") as out:
        process = subprocess.Popen(
            serve_command(port, workers, threads),
            cwd=site,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_ready(server, ready_path, timeout)
        yield server
    finally:
        stop(process)


def _wait_ready(server: Server, path: str, timeout: float) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"cypp serve stopped (exit {server.process.returncode}):\n"
                + server.log.read_text(errors="replace")[-4000:]
            )
        with contextlib.suppress(OSError):
            if server.get(path, timeout=5) == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"cypp serve did not answer {path} within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to gunicorn's master (it stops its workers gracefully, and then ``cypp serve``
    ends); SIGKILL to the process group started here if anything lingers."""
    if process.poll() is None:
        for pid in _children(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=40)
    lingering = _group(process.pid)  # the session started here: its leader's pid is its id
    if process.poll() is None:
        lingering.append(process.pid)
    for pid in lingering:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def _group(pgid: int) -> list[int]:
    """Live processes of process group ``pgid``."""
    return [pid for pid, fields in processes() if int(fields[2]) == pgid]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]
