"""Access (issue 9.5): no response of the web app, to anyone, identifies a child or publishes
a count from 1 to 5.

A small synthetic county (5% of Leicestershire, three years, every return) is generated,
loaded, computed (``cypp load``, ``cypp compute --all``) and published (``cypp publish``, the
demo plan as at 2010/11, by the function the command runs) into the test database, with workspace content around it (commentary
submitted and approved, a self-assessment, a consultation record, a round, a reported value).
Then anonymous visitors and one account of every role crawl the site with Django's test
client: from the start pages, following every link, plus every URL pattern of the URL conf
with real parameters (every outcome, priority, indicator and its downloads, every API
endpoint, every staff page for every indicator, action, agency, record and round).

Every response body, whatever its status, is searched for

- every pseudonymised identifier the warehouse holds (CHILD, UPN, CCISID, RespondentID in
  every table), read straight from the warehouse with DuckDB;
- every raw identifier of the synthetic files the warehouse was loaded from, and every full
  postcode in them (the warehouse keeps only the district);

and in every JSON and CSV response every count field (``numerator``, ``denominator``) must be
0, 6 or more, or absent because the figure is suppressed. Counting units: the numerator of a
mean (unit ``score``: a sum of scores, not of people) is not a count; its denominator is.

Then the production settings (``CYPP_WEB_MODE=production``, in a child process): cookies,
sessions, password validators and hashers, and ``django-admin check --deploy`` with no
warning. Rate limiting of sign-in and of the API is tested where it is built
(``tests/web/staff/test_login.py``, ``tests/web/api/test_ratelimit.py``) and under load by
``test_load_while_publishing.py``; here only that production keeps the API's limit on.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import duckdb
import pytest
from benchmarks.web import site as sites
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from cypp.settings import load_settings
from cypp.web.publish import publish
from cypp.web.published.models import Publication
from cypp.web.workspace import commentary, hbr, rounds, users, values, voice
from cypp.web.workspace.models import Consultation, ReportingRound, Role, Standard
from cypp.web.workspace.plan_source import (
    actions,
    commentable_indicators,
    current_plan,
    enterable_indicators,
)

FRACTION, YEARS, SEED = 0.05, "2008/09..2010/11", 3
ID_COLUMNS = ("CHILD", "UPN", "CCISID", "RespondentID")
POSTCODE_COLUMNS = ("Postcode", "HOME_POST", "PL_POST")
COUNT_FIELDS = ("numerator", "denominator")
THRESHOLD = 5
PASSWORD = "correct-horse-battery-staple-42"
LEAD_PRIORITY = "emotional-health"  # measures NI 50, NI 115, NI 112
SEARCHES = ("school", "care", "young people", "NI 75", "attendance", "conception", "zzz")
MAX_PER_IDENTITY = 3000  # a crawl that reaches this is looping: it fails

# tokens: runs of letters and digits, a decimal part kept on (12.106120 is not 106120)
TOKEN = re.compile(r"[0-9A-Za-z]+(?:[.,][0-9]+)*")
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}\b")
HREF = re.compile(r"""(?:href|action|src)=["']([^"'#]*)""")


# --- the county and its identifiers ------------------------------------------------------


@dataclass(frozen=True)
class Identifiers:
    """Searched for in lower case, as is every token of a response."""

    hashed: frozenset[str]  # as the warehouse holds them
    raw: frozenset[str]  # as the synthetic files carry them
    postcodes: frozenset[str]  # full postcodes of the files
    left_out: frozenset[str]  # raw values that are also public codes (none expected)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[sites.Site, Identifiers]:
    folder = tmp_path_factory.mktemp("access") / "site"
    site = sites.build(folder, sites.DEMO_PLAN, fraction=FRACTION, years=YEARS, seed=SEED,
                       publish=False, in_process=True)  # fmt: skip
    return site, identifiers(site.folder)


def identifiers(folder: Path) -> Identifiers:
    hashed: set[str] = set()
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as con:
        columns = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            f"WHERE column_name IN {ID_COLUMNS!r}"
        ).fetchall()
        for table, column in columns:
            rows = con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall()
            hashed.update(str(v).lower() for (v,) in rows if v)
    raw: set[str] = set()
    postcodes: set[str] = set()
    public: set[str] = set()  # codes that are public: schools' URNs, LA numbers
    for path in (folder / "county").rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                for column, value in row.items():
                    value = (value or "").strip()
                    if column in ID_COLUMNS and len(value) >= 6:  # not UN1, UN2, UN4
                        raw.add(value.lower())
                    elif column in POSTCODE_COLUMNS and " " in value:
                        postcodes.add(value)
                    elif column in ("URN", "LA"):
                        public.add(value.lower())
    assert len(hashed) > 1000 and len(raw) > 1000 and len(postcodes) > 1000
    return Identifiers(
        frozenset(hashed), frozenset(raw - public), frozenset(postcodes), frozenset(raw & public)
    )


# --- the workspace around the publication ------------------------------------------------


def people() -> dict[str, User]:
    """One account per role, made as ``cypp staff add-user`` makes them."""

    def make(name: str, role: Role, priorities: tuple[str, ...] = (), agency: str = "") -> User:
        user = users.add_user(name, role, PASSWORD, priorities=priorities, agency=agency)
        assert isinstance(user, User)
        return user

    return {
        "administrator": make("ada", Role.ADMINISTRATOR),
        "analyst": make("anna", Role.ANALYST),
        "lead": make("leo", Role.LEAD, (LEAD_PRIORITY,)),
        "lead (other)": make("lena", Role.LEAD, ("raising-attainment",)),
        "partner": make("pat", Role.PARTNER, agency="childrens-centres"),
        "partner (other)": make("paul", Role.PARTNER, agency="extended-services"),
        "viewer": make("vic", Role.VIEWER),
    }


def workspace_content(staff: dict[str, User]) -> None:
    """Work at every stage: approved and submitted commentary, a self-assessment, an approved
    and a draft consultation record, an open round, a reported value."""
    lead, analyst, partner = staff["lead"], staff["analyst"], staff["partner"]
    text = commentary.Text("Fewer pupils report worries.", what_works="Peer mentoring.")
    approved = commentary.write(lead, "NI050", "2010/11", text, submit=True)
    commentary.approve(analyst, approved)
    commentary.write(lead, "NI115", "2010/11", commentary.Text("Drinking fell."), submit=True)
    ratings = {s.value: hbr.Rating("established", f"evidence for {s.label}") for s in Standard}
    hbr.save(partner, "childrens-centres", "2009-10", ratings, submit=True)
    said = voice.Record("Youth forum on wellbeing", "More quiet spaces at school.",
                        "Two schools opened quiet rooms.", date(2010, 11, 20), 24, "11 to 15",
                        (LEAD_PRIORITY,))  # fmt: skip
    voice.approve(analyst, voice.save(lead, said))
    voice.save(lead, voice.Record("Draft forum", "Said.", "Done.", date(2011, 1, 5), 12,
                                  "11 to 15", (LEAD_PRIORITY,)))  # fmt: skip
    rounds.open_round(analyst, "2010-11", date.today() + timedelta(days=3))
    values.enter_value(analyst, "NI112", "2010", 31.5)


# --- every URL of the URL conf, with real parameters --------------------------------------


def url_conf_paths(publication: Publication) -> list[str]:
    plan = current_plan()
    inds = list(publication.indicators.order_by("order"))
    paths = ["/", "/indicators/", "/how-are-we-doing/", "/you-said-we-did/", "/about/"]
    paths += [f"/search/?q={q}" for q in SEARCHES]
    paths += [f"/outcomes/{o.id}/" for o in plan.outcomes]
    paths += [f"/priorities/{p.id}/" for p in plan.priorities]
    for i in inds:
        paths += [
            f"/indicators/{i.slug}/",
            f"/indicators/{i.slug}.csv",
            f"/indicators/{i.slug}.json",
        ]
    paths += ["/api/", "/api/openapi.json", "/api/plan", "/api/indicators", "/api/publications"]
    paths += ["/api/no-such-endpoint"]
    paths += [f"/api/outcomes/{o.id}" for o in plan.outcomes]
    paths += [f"/api/priorities/{p.id}" for p in plan.priorities]
    for i in inds:
        paths += [f"/api/indicators/{i.key}", f"/api/indicators/{i.key}/series.csv"]
    paths += [f"/staff/{p}" for p in ("login/", "logout/", "", "values/", "measures/",
              "measures/establish/", "commentary/", "actions/", "hear-by-right/", "voice/",
              "voice/new/", "rounds/", "rounds/open/", "audit/", "users/")]  # fmt: skip
    periods = {i.key: i.period for i in inds if i.period}
    for ind in commentable_indicators(plan):
        period = periods.get(ind.code, "2010")
        for tail in ("", "write/", "review/"):
            paths.append(f"/staff/commentary/{ind.code}/{period}/{tail}")
    paths += [f"/staff/values/{i.code}/enter/" for i in enterable_indicators(plan)]
    for _, action in actions(plan):
        for tail in ("", "update/", "milestones/", "milestones/done/"):
            paths.append(f"/staff/actions/{action.id}/{tail}")
    for agency, _ in hbr.agencies(plan):
        for tail in ("", "assess/", "review/"):
            paths.append(f"/staff/hear-by-right/{agency}/2009-10/{tail}")
    for pk in Consultation.objects.values_list("pk", flat=True):
        paths += [f"/staff/voice/{pk}/", f"/staff/voice/{pk}/edit/", f"/staff/voice/{pk}/approve/"]
    for pk in ReportingRound.objects.values_list("pk", flat=True):
        paths += [f"/staff/rounds/{pk}/", f"/staff/rounds/{pk}/remind/"]
    return paths


def pattern_names() -> set[str]:
    """Every named URL pattern of the URL conf, as ``namespace:name``."""

    def walk(patterns: list[Any], namespace: str) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                yield f"{namespace}:{p.name}"

    return set(walk(get_resolver().url_patterns, ""))


# --- the crawl -----------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    content_type: str
    text: str


@dataclass
class Crawl:
    responses: dict[str, Response] = field(default_factory=dict)
    patterns: set[str] = field(default_factory=set)


def crawl(client: Client, paths: list[str]) -> Crawl:
    """GET every path and every link, form action and redirect found on the way (this site's
    own, static files aside); each response once."""
    done = Crawl()
    queue = deque(paths)
    while queue:
        path = queue.popleft()
        if path in done.responses:
            continue
        assert len(done.responses) < MAX_PER_IDENTITY, f"the crawl does not end: at {path}"
        r = client.get(path)
        body = b"".join(r.streaming_content) if r.streaming else r.content  # type: ignore[attr-defined]
        text = body.decode("utf-8", "replace")
        kind = r.get("Content-Type", "")
        done.responses[path] = Response(r.status_code, kind, text)
        try:
            match = resolve(urlsplit(path).path)
            done.patterns.add(f"{match.namespace}:{match.url_name}")
        except Resolver404:
            pass
        found = [r["Location"]] if r.has_header("Location") else []
        if "text/html" in kind:
            found += HREF.findall(text)
        for link in found:
            target = urlsplit(urljoin(path, link))
            if target.netloc not in ("", "testserver") or target.path.startswith("/static/"):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return done


# --- the checks ----------------------------------------------------------------------------


def leaks(text: str, ids: Identifiers) -> list[str]:
    tokens = {t.lower() for t in TOKEN.findall(text)}
    found = sorted(tokens & ids.hashed) + sorted(tokens & ids.raw)
    found += sorted(set(POSTCODE.findall(text)) & ids.postcodes)
    return found


def small_counts(r: Response) -> tuple[list[str], int]:
    """Count fields from 1 to the threshold in a JSON or CSV body; and how many were checked."""
    bad: list[str] = []
    checked = 0
    if "json" in r.content_type:

        def walk(node: Any, where: str, unit: str) -> None:
            nonlocal checked
            if isinstance(node, dict):
                unit = str(node.get("unit", unit))
                for key, value in node.items():
                    if key in COUNT_FIELDS and isinstance(value, int | float) and value is not True:
                        if key == "numerator" and unit == "score":
                            continue  # a mean's numerator: a sum of scores, not of people
                        checked += 1
                        if 0 < value <= THRESHOLD:
                            bad.append(f"{where}.{key} = {value}")
                    else:
                        walk(value, f"{where}.{key}", unit)
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}[{i}]", unit)

        walk(json.loads(r.text), "", "")
    elif "csv" in r.content_type:
        for n, row in enumerate(csv.DictReader(io.StringIO(r.text)), start=2):
            for key in COUNT_FIELDS:
                cell = (row.get(key) or "").strip()
                if cell and cell != "c":
                    checked += 1
                    if 0 < float(cell) <= THRESHOLD:
                        bad.append(f"line {n} {key} = {cell}")
    return bad, checked


# --- the test ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_child_identifier_and_no_small_count_in_any_response_to_anyone(
    county: tuple[sites.Site, Identifiers], monkeypatch: pytest.MonkeyPatch
) -> None:
    site, ids = county
    for name, value in site.settings().items():
        monkeypatch.setenv(name, value)
    staff = people()
    workspace_content(staff)
    # what ``cypp publish --period 2010/11`` runs (the command itself would set Django up
    # again, with its logging on a stream that is closed once the command returns)
    published = publish(sites.DEMO_PLAN, load_settings(), period="2010/11", user="cli:test")
    publication = Publication.objects.get(pk=published.publication_id, is_current=True)
    paths = url_conf_paths(publication)

    identities: dict[str, User | None] = {"anonymous": None, **staff}
    leaked, counted, server_errors, missing_patterns = [], [], [], []
    figures = {"responses": 0, "count_fields": 0}
    every_pattern = pattern_names()
    for who, user in identities.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        result = crawl(client, ["/", "/staff/", "/api/", *paths])
        figures[who] = len(result.responses)
        missing_patterns += [f"{who}: {p}" for p in sorted(every_pattern - result.patterns)]
        for path, r in result.responses.items():
            figures["responses"] += 1
            if r.status >= 500:
                server_errors.append(f"{who} {path}: {r.status}")
            leaks_here = leaks(r.text, ids)
            if leaks_here:
                leaked.append(f"{who} {path}: {leaks_here[:5]}")
            bad, checked = small_counts(r)
            figures["count_fields"] += checked
            if bad:
                counted.append(f"{who} {path}: {bad[:5]}")
    searched = len(ids.hashed) + len(ids.raw) + len(ids.postcodes)
    print(f"\naccess crawl: {figures}; identifiers searched {searched:,} "
          f"({len(ids.hashed):,} pseudonymised, {len(ids.raw):,} raw, {len(ids.postcodes):,} "
          f"postcodes; {len(ids.left_out)} raw values left out as public codes)")  # fmt: skip
    assert not server_errors, "\n".join(server_errors)
    assert not missing_patterns, "URL patterns never requested:\n" + "\n".join(missing_patterns)
    assert not leaked, "child identifiers in responses:\n" + "\n".join(leaked[:50])
    assert not counted, "counts from 1 to 5:\n" + "\n".join(counted[:50])
    assert figures["count_fields"] > 1000  # the check had something to check
    assert len(ids.left_out) == 0


def test_the_checks_find_what_they_look_for(county: tuple[sites.Site, Identifiers]) -> None:
    """Each check on a body that has what it looks for, as a page or a download would."""
    _, ids = county
    hashed, raw, postcode = min(ids.hashed), min(ids.raw), min(ids.postcodes)
    page = (
        f"<td>{hashed.upper()}</td><p>Child {raw}.</p><p>{postcode}</p>"
        f"<p>12.{raw} and {raw}7 are other numbers</p>"
    )
    assert leaks(page, ids) == [hashed, raw, postcode]
    body = {"breakdowns": [{"numerator": 3.0, "denominator": 40}, {"numerator": 0}]}
    found = small_counts(Response(200, "application/json", json.dumps(body)))
    assert found == ([".breakdowns[0].numerator = 3.0"], 3)
    score = {"unit": "score", "series": [{"numerator": 4.5, "denominator": 6}]}
    assert small_counts(Response(200, "application/json", json.dumps(score))) == ([], 1)
    table = "period,numerator,denominator\n2010,c,c\n2011,5,60\n"
    assert small_counts(Response(200, "text/csv", table)) == (["line 3 numerator = 5"], 2)


# --- production settings --------------------------------------------------------------------

PRODUCTION_ENV = {
    "CYPP_WEB_MODE": "production",
    "DJANGO_SETTINGS_MODULE": "cypp.web.settings",
    "CYPP_SECRET_KEY": "a-production-like-secret-key-" + "k3y" * 20,
    "CYPP_ALLOWED_HOSTS": "cypp.example.org",
}
SHOW_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
names = ["DEBUG", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE",
         "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "CSRF_COOKIE_SECURE",
         "CSRF_COOKIE_HTTPONLY", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
         "SECURE_CONTENT_TYPE_NOSNIFF", "X_FRAME_OPTIONS", "CYPP_API_RATE_LIMIT",
         "AUTH_PASSWORD_VALIDATORS", "PASSWORD_HASHERS"]
print(json.dumps({n: getattr(s, n) for n in names}))
"""


def production(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A Python child with the production settings (and a workspace of its own)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CYPP_", "DJANGO_"))}
    env.update(PRODUCTION_ENV, CYPP_WORKSPACE=str(tmp_path / "workspace.sqlite3"))
    return subprocess.run(
        [sys.executable, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_sessions_cookies_and_passwords_are_hardened(tmp_path: Path) -> None:
    done = production(tmp_path, "-c", SHOW_SETTINGS)
    assert done.returncode == 0, done.stderr
    s = json.loads(done.stdout)
    assert s["DEBUG"] is False
    assert (s["SESSION_COOKIE_SECURE"], s["SESSION_COOKIE_HTTPONLY"]) == (True, True)
    assert s["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert (s["CSRF_COOKIE_SECURE"], s["CSRF_COOKIE_HTTPONLY"]) == (True, True)
    assert s["SESSION_COOKIE_AGE"] <= 8 * 60 * 60 and s["SESSION_EXPIRE_AT_BROWSER_CLOSE"]
    assert s["SECURE_SSL_REDIRECT"] and s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["SECURE_CONTENT_TYPE_NOSNIFF"] and s["X_FRAME_OPTIONS"] == "DENY"
    assert s["CYPP_API_RATE_LIMIT"] == 120  # on (the test settings turn it off)
    validators = {
        v["NAME"].rsplit(".", 1)[1]: v.get("OPTIONS", {}) for v in s["AUTH_PASSWORD_VALIDATORS"]
    }
    assert set(validators) == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }
    assert validators["MinimumLengthValidator"]["min_length"] >= 12
    # Django's default hashers (PBKDF2 first), never the tests' fast MD5
    assert "PBKDF2" in s["PASSWORD_HASHERS"][0] and not any(
        "MD5" in h for h in s["PASSWORD_HASHERS"]
    )


def test_check_deploy_finds_nothing_under_production_settings(tmp_path: Path) -> None:
    done = production(tmp_path, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
