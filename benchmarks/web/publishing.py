"""Issue 9.6: the public site under load while an analyst publishes and priority leads write.

For ``seconds``, locust runs ``users`` users: ``leads`` priority leads (``LeadUser``: sign in,
then in turn submit commentary, report on an action, add a milestone, all through the staff
forms with CSRF), one analyst approving what they submit (``ReviewerUser``) and public
visitors and API clients for the rest (``PublicUser``). Meanwhile an analyst publishes over
and over: enters a new NI 112 figure through the staff form (so that the content changes),
then runs ``cypp publish``; each publish must create a new publication.

Afterwards every item the users saved is looked for in the workspace database
(``verify.py``, through Django, so SQLite and PostgreSQL alike). Success: no request failed,
no publish failed, every item is there.
"""

from __future__ import annotations

import argparse
import re
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any

from benchmarks.web import site as sites
from benchmarks.web.bench import web_versions
from benchmarks.web.loadrun import run_locust, site_manifest, summarise
from benchmarks.web.server import Server, serving

PRIORITY = "emotional-health"  # the leads' priority, in the demo plan and the small plan
REPORTED = ("NI112", "2010")  # the figure the analyst changes before each publish
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Scenario:
    users: int = 100
    seconds: float = 300.0
    leads: int = 5
    reviewers: int = 1
    workers: int = 2
    threads: int | None = None  # cypp serve's default
    wait: tuple[float, float] = (1.0, 2.0)


def accounts(plan: Path, leads: int, reviewers: int) -> tuple[list[dict[str, Any]], ...]:
    """The leads (with their commentary subjects and actions), reviewers and publisher."""
    from cypp.plan.validate import load_plan

    p = load_plan(plan)
    priority = next(x for x in p.priorities if x.id == PRIORITY)
    codes = [c for m in priority.measures for c in m.indicators]
    subjects = [
        [i.code, i.period_type.value]
        for c in dict.fromkeys(codes)
        for i in [p.indicator(c)]
        if i.method.value != "not_yet_established"
    ]
    lead_accounts = [
        {
            "username": f"load-lead-{n + 1}",
            "password": sites.PASSWORD,
            "index": n,
            "of": leads,
            "subjects": subjects,
            "actions": [a.id for a in priority.actions],
        }
        for n in range(leads)
    ]
    reviewer_accounts = [
        {"username": f"load-analyst-{n + 1}", "password": sites.PASSWORD} for n in range(reviewers)
    ]
    publisher = [{"username": "load-publisher", "password": sites.PASSWORD}]
    return lead_accounts, reviewer_accounts, publisher


def make_accounts(
    site: sites.Site, scenario: Scenario
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The accounts made in the site's workspace; and what it held before the run."""
    leads, reviewers, publisher = accounts(site.plan, scenario.leads, scenario.reviewers)
    before = sites.add_accounts(
        site,
        [sites.Account(a["username"], "lead", priorities=(PRIORITY,)) for a in leads]
        + [sites.Account(a["username"], "analyst") for a in reviewers + publisher],
    )
    return leads, reviewers, publisher, before


@dataclass
class Publisher:
    """The analyst who publishes: a new NI 112 figure through the staff form, then
    ``cypp publish``, again and again until told to stop."""

    site: sites.Site
    server: Server
    account: dict[str, Any]
    stop: threading.Event = field(default_factory=threading.Event)
    values: list[float] = field(default_factory=list)
    publishes: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def run(self) -> None:
        # Secure cookies sent over http to loopback, as a browser does to localhost
        jar = CookieJar(DefaultCookiePolicy(secure_protocols=("https", "http")))
        session = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _Stay)
        try:
            self._post(session, "/staff/login/", {
                "username": self.account["username"], "password": self.account["password"]})  # fmt: skip
        except RuntimeError as e:
            self.errors.append(f"sign in: {e}")
            return
        n = 0
        while not self.stop.is_set():
            n += 1
            value = round(30.0 + n / 10, 1)
            code, period = REPORTED
            try:
                self._post(session, f"/staff/values/{code}/enter/", {
                    "period": period, "value": str(value), "note": f"load test {n}"})  # fmt: skip
                self.values.append(value)
                started = time.monotonic()
                said = self.site.publish()
                self.publishes.append({"seconds": time.monotonic() - started, "said": said})
                if not said.startswith("published:"):
                    self.errors.append(f"publish {n} created nothing: {said}")
            except RuntimeError as e:
                self.errors.append(f"round {n}: {e}"[:2000])
                time.sleep(1)

    def _post(
        self, session: urllib.request.OpenerDirector, path: str, data: dict[str, str]
    ) -> None:
        """GET the form, POST it with its CSRF token: success is the redirect (302)."""
        url = self.server.url + path
        status, text = _open(session, url)
        token = CSRF.search(text)
        if status != 200 or token is None:
            raise RuntimeError(f"GET {path}: {status}, no form")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token.group(1)}).encode()
        status, _ = _open(session, url, body)
        if status != 302:
            raise RuntimeError(f"POST {path}: {status} instead of 302")


class _Stay(urllib.request.HTTPRedirectHandler):
    """Redirects are answers to look at, not to follow."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _open(
    session: urllib.request.OpenerDirector, url: str, body: bytes | None = None
) -> tuple[int, str]:
    try:
        with session.open(url, data=body, timeout=60) as r:
            return int(r.status), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return int(e.code), e.read().decode("utf-8", "replace")


def run(
    site: sites.Site,
    scenario: Scenario,
    workdir: Path,
    then: Callable[[Server], Any] | None = None,
) -> dict[str, Any]:
    """The scenario against ``site``; its figures and what was found afterwards. ``then`` is
    called with the server once the load is over, before it stops (its answer is ``then``)."""
    leads, reviewers, publisher_account, before = make_accounts(site, scenario)
    with serving(
        site.folder, workers=scenario.workers, threads=scenario.threads, env=site.env()
    ) as server:
        manifest = {
            "site": site_manifest(server),
            "wait": list(scenario.wait),
            "leads": leads,
            "leads_running": scenario.leads,
            "first_subject": before["commentary_rows"],
            "reviewers": reviewers,
            "reviewers_running": scenario.reviewers,
        }
        publisher = Publisher(site, server, publisher_account[0])
        thread = threading.Thread(target=publisher.run, name="publisher", daemon=True)
        thread.start()
        record = run_locust(
            server,
            manifest,
            users=scenario.users,
            seconds=scenario.seconds,
            classes=("PublicUser", "LeadUser", "ReviewerUser"),
            workdir=workdir,
        )
        publisher.stop.set()
        thread.join(timeout=600)
        after = then(server) if then is not None else None
        log = server.log.read_text(errors="replace")
    found = site.python(
        "benchmarks.web.verify",
        {"items": record.items, "values": [[*REPORTED, v] for v in publisher.values[-1:]]},
    )
    assert isinstance(found, dict)
    figures = summarise(record)
    return {
        "scenario": {
            "users": scenario.users,
            "seconds": scenario.seconds,
            "leads": scenario.leads,
            "reviewers": scenario.reviewers,
            "workers": scenario.workers,
            "threads": scenario.threads,
            "think_time_seconds": list(scenario.wait),
        },
        "database": "postgresql" if site.database_url else "sqlite",
        "web_versions": web_versions(),
        "requests": figures,
        "publishing": {
            "publishes": len(publisher.publishes),
            "values_entered": len(publisher.values),
            "seconds": [p["seconds"] for p in publisher.publishes],
            "errors": publisher.errors,
        },
        "items_saved": _count_kinds(record.items),
        "found": found,
        "publications_before": before["publications"],
        "server_errors_logged": _server_errors(log),
        "then": after,
    }


def _count_kinds(items: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in items:
        out[i["kind"]] = out.get(i["kind"], 0) + 1
    return out


def _server_errors(log: str) -> list[str]:
    """Lines of the server's log that tell of a failure (tracebacks, 'database is locked')."""
    marks = (
        "Traceback",
        "database is locked",
        "Internal Server Error",
        "[CRITICAL]",
        "WORKER TIMEOUT",
    )
    return [line for line in log.splitlines() if any(m in line for m in marks)][:50]


def problems(result: dict[str, Any]) -> list[str]:
    """Everything that makes the run a failure; empty when it passed."""
    found = result["found"]
    out = []
    if result["requests"]["errors_whole_run"]:
        out.append(f"{result['requests']['errors_whole_run']} requests failed: "
                   f"{result['requests']['error_samples']}")  # fmt: skip
    out += [f"publisher: {e}" for e in result["publishing"]["errors"]]
    out += [f"missing after the run: {m}" for m in found["missing"]]
    created = found["publications"] - result["publications_before"]
    if created != result["publishing"]["publishes"]:
        out.append(f"{result['publishing']['publishes']} publishes but {created} new publications")
    if found["current_publications"] != 1:
        out.append(f"{found['current_publications']} current publications instead of 1")
    if found.get("integrity", "ok") != "ok":
        out.append(f"SQLite integrity check: {found['integrity']}")
    out += [f"server log: {line}" for line in result["server_errors_logged"]]
    return out


# --- the command ----------------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--minutes", type=float, default=5.0)
    p.add_argument("--users", type=int, default=100)
    p.add_argument("--leads", type=int, default=5)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--threads", type=int, default=None, help="threads per worker (gthread)")
    p.add_argument("--postgres", action="store_true", help="the workspace on PostgreSQL 15")
    p.add_argument("--name", help="results file name (default web-publishing[-postgresql])")
    p.add_argument("--site", type=Path, help="a published site folder to copy (default: the "
                   "benchmark's county)")  # fmt: skip


def scratch_site(source: sites.Site, folder: Path, database_url: str = "") -> sites.Site:
    """A copy of ``source`` (settings, warehouse, workspace) to write into; on PostgreSQL the
    workspace starts empty and the warehouse is published into it first."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in ("cypp.toml", "warehouse.duckdb", "workspace.sqlite3"):
        if (source.folder / name).exists():
            shutil.copy2(source.folder / name, folder / name)
    site = sites.Site(folder, source.plan, database_url)
    if database_url:
        site.publish()
    return site


def main_from(args: argparse.Namespace) -> int:
    from benchmarks.web.bench import write

    source = sites.Site(args.site, sites.DEMO_PLAN) if args.site else sites.county_site()
    scenario = Scenario(users=args.users, seconds=args.minutes * 60, leads=args.leads,
                        workers=args.workers, threads=args.threads)  # fmt: skip
    name = args.name or ("web-publishing-postgresql" if args.postgres else "web-publishing")
    folder = source.folder.parent / f"{name}-run"
    if args.postgres:
        from tests.web.postgres_server import postgres_server

        with postgres_server() as pg:
            result = run(scratch_site(source, folder, pg.url()), scenario, folder / "locust")
    else:
        result = run(scratch_site(source, folder), scenario, folder / "locust")
    failed = problems(result)
    result["problems"] = failed
    print(f"wrote {write(result, name)}")
    all_ = result["requests"]["all"]
    print(f"{all_['requests']:,} requests ({all_['requests_per_second']:.1f}/s), "
          f"{result['requests']['errors_whole_run']} errors; {result['publishing']['publishes']} publishes; "
          f"items saved {result['items_saved']}; missing {len(result['found']['missing'])}")  # fmt: skip
    for p in failed:
        print(f"PROBLEM: {p}")
    return 1 if failed else 0
