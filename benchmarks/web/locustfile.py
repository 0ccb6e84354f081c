"""The simulated users, for locust (run headless by ``benchmarks.web.loadrun``, never by pytest).

- ``PublicUser``: a visitor of the public site and a client of the API, from an address of
  its own (127.x.y.z: every virtual user would otherwise be 127.0.0.1, and the API's limit of
  requests per minute is per address).
- ``LeadUser``: a priority lead signed in through the real sign-in form (CSRF and all) who, in
  turn, writes and submits commentary on an indicator of their priority, reports on an action
  and adds a milestone, each through the staff forms.
- ``ReviewerUser``: an analyst who approves the commentary the leads submitted.

The manifest (``CYPP_LOAD_MANIFEST``, JSON) names the site's pages and the accounts. Every
request (its kind, name, time, status, error) and every item the staff users saved is written
to ``CYPP_LOAD_RECORD`` (JSON) when locust stops.
"""

from __future__ import annotations

import collections
import itertools
import json
import os
import random
import re
import time
import weakref
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from typing import Any, ClassVar

import gevent  # type: ignore[import-untyped]
from geventhttpclient import connectionpool
from locust import FastHttpUser, between, events, task

MANIFEST: dict[str, Any] = json.loads(Path(os.environ["CYPP_LOAD_MANIFEST"]).read_text())
RECORD = Path(os.environ["CYPP_LOAD_RECORD"])
WAIT = MANIFEST.get("wait", [1.0, 2.0])  # seconds a user reads before the next request
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# --- one source address per user --------------------------------------------------------

_ADDRESS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_next_address = itertools.count(1)
_create_tcp_socket = connectionpool.ConnectionPool._create_tcp_socket


def _bound_socket(self: Any, family: int, socktype: int, protocol: int) -> Any:
    """A user's connections leave from the user's own loopback address."""
    sock = _create_tcp_socket(self, family, socktype, protocol)
    address = _ADDRESS.get(gevent.getcurrent())
    if address is not None:
        sock.bind((address, 0))
    return sock


connectionpool.ConnectionPool._create_tcp_socket = _bound_socket  # type: ignore[method-assign]


def _own_address() -> None:
    n = next(_next_address)
    _ADDRESS[gevent.getcurrent()] = f"127.{1 + n // 62500}.{n // 250 % 250}.{n % 250 + 1}"


# --- what is recorded ---------------------------------------------------------------------

REQUESTS: list[list[Any]] = []
ITEMS: list[dict[str, Any]] = []
SUBMITTED: collections.deque[tuple[str, str]] = collections.deque()


@events.request.add_listener  # type: ignore[untyped-decorator]
def _on_request(
    request_type: str,
    name: str,
    response_time: float,
    response_length: int,
    exception: BaseException | None = None,
    response: Any = None,
    **_: Any,
) -> None:
    status = getattr(response, "status_code", 0) or 0
    error = "" if exception is None else f"{type(exception).__name__}: {exception}"[:300]
    REQUESTS.append([time.time(), name.split(" ", 1)[0], name, response_time, status, error])


@events.quitting.add_listener  # type: ignore[untyped-decorator]
def _write_record(**_: Any) -> None:
    RECORD.write_text(json.dumps({"requests": REQUESTS, "items": ITEMS}))


# --- the public site and the API ----------------------------------------------------------


class PublicUser(FastHttpUser):
    wait_time = between(*WAIT)
    site = MANIFEST["site"]

    def on_start(self) -> None:
        _own_address()

    def _get(self, path: str, name: str) -> None:
        self.client.get(path, name=name)

    @task(4)
    def home(self) -> None:
        self._get("/", "page /")

    @task(2)
    def priority(self) -> None:
        p = random.choice(self.site["priorities"])
        self._get(f"/priorities/{p}/", "page /priorities/[id]/")

    @task(2)
    def outcome(self) -> None:
        o = random.choice(self.site["outcomes"])
        self._get(f"/outcomes/{o}/", "page /outcomes/[id]/")

    @task(2)
    def indicators(self) -> None:
        self._get("/indicators/", "page /indicators/")

    @task(4)
    def indicator(self) -> None:
        s = random.choice(self.site["slugs"])
        self._get(f"/indicators/{s}/", "page /indicators/[slug]/")

    @task(2)
    def how_are_we_doing(self) -> None:
        self._get("/how-are-we-doing/", "page /how-are-we-doing/")

    @task(2)
    def search(self) -> None:
        q = random.choice(self.site["searches"])
        self._get(f"/search/?q={q}", "page /search/?q=")

    @task(1)
    def about(self) -> None:
        self._get("/about/", "page /about/")

    @task(1)
    def download(self) -> None:
        s = random.choice(self.site["series_slugs"])
        kind = random.choice(("csv", "json"))
        self._get(f"/indicators/{s}.{kind}", f"download /indicators/[slug].{kind}")

    @task(1)
    def api_index(self) -> None:
        self._get(random.choice(("/api/", "/api/publications")), "api /api/, /api/publications")

    @task(1)
    def api_plan(self) -> None:
        self._get("/api/plan", "api /api/plan")

    @task(1)
    def api_indicators(self) -> None:
        self._get("/api/indicators", "api /api/indicators")

    @task(2)
    def api_indicator(self) -> None:
        k = random.choice(self.site["keys"])
        self._get(f"/api/indicators/{k}", "api /api/indicators/[key]")

    @task(1)
    def api_outcome_or_priority(self) -> None:
        if random.random() < 0.5:
            o = random.choice(self.site["outcomes"])
            self._get(f"/api/outcomes/{o}", "api /api/outcomes/[id]")
        else:
            p = random.choice(self.site["priorities"])
            self._get(f"/api/priorities/{p}", "api /api/priorities/[id]")

    @task(1)
    def api_series(self) -> None:
        k = random.choice(self.site["series_keys"])
        self._get(f"/api/indicators/{k}/series.csv", "api /api/indicators/[key]/series.csv")


# --- staff ----------------------------------------------------------------------------------


class _StaffUser(FastHttpUser):
    """Signed in through the sign-in form; forms posted with their CSRF token."""

    abstract = True
    wait_time = between(*WAIT)
    accounts: ClassVar[list[dict[str, Any]]] = []
    _taken: ClassVar[itertools.count[int]] = itertools.count()

    def on_start(self) -> None:
        _own_address()
        # Cookies are Secure in production; browsers send those to http://localhost, which is
        # a secure context, and so must this client, on loopback only.
        self.client.cookiejar.set_policy(DefaultCookiePolicy(secure_protocols=("https", "http")))
        self.account = self.accounts[next(self._taken) % len(self.accounts)]
        self.post_form(
            "/staff/login/",
            {"username": self.account["username"], "password": self.account["password"]},
            "staff sign in",
        )

    def token(self, path: str, name: str) -> str | None:
        with self.client.get(path, name=name, catch_response=True) as r:
            found = CSRF.search(r.text or "")
            if r.status_code != 200 or found is None:
                r.failure(
                    f"{path}: status {r.status_code}, CSRF token {'found' if found else 'missing'}"
                )
                return None
            return found.group(1)

    def post_form(
        self, path: str, data: dict[str, str], name: str, form_page: str | None = None
    ) -> bool:
        """GET the form (at ``path``, or the page that holds it), POST it; a redirect (302)
        is success, anything else a failure."""
        page = form_page or path
        token = self.token(page, f"{name} (form)")
        if token is None:
            return False
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token},
            name=name,
            allow_redirects=False,
            catch_response=True,
            headers={"Referer": (self.host or "") + page},
        ) as r:
            if r.status_code != 302:
                problem = re.findall(r'govuk-error-message">(.*?)<', r.text or "", re.S)
                r.failure(f"{path}: {r.status_code} instead of 302 {problem[:2]}")
                return False
            return True


class LeadUser(_StaffUser):
    """Writes and submits commentary, updates an action, adds a milestone: each a new item."""

    fixed_count = int(MANIFEST.get("leads_running", 0))
    accounts: ClassVar[list[dict[str, Any]]] = MANIFEST.get("leads", [])
    _taken: ClassVar[itertools.count[int]] = itertools.count()  # each user its own account

    def on_start(self) -> None:
        super().on_start()
        self.done = int(MANIFEST.get("first_subject", 0))  # past the subjects of earlier runs
        self.step = itertools.cycle((self.commentary, self.action_update, self.milestone))

    @task
    def next_step(self) -> None:
        next(self.step)()

    def commentary(self) -> None:
        a = self.account
        code, period = _subject(a["subjects"], a["index"], a["of"], self.done)
        self.done += 1
        story = f"Load test: {a['username']} on {code} for {period}."
        if self.post_form(
            f"/staff/commentary/{code}/{period}/write/",
            {"story": story, "what_works": "Peer tutoring.", "action": "submit"},
            "staff commentary submit",
        ):
            ITEMS.append({"kind": "commentary", "code": code, "period": period, "story": story})
            SUBMITTED.append((code, period))

    def action_update(self) -> None:
        action = random.choice(self.account["actions"])
        note = f"Load test update {time.time():.6f} by {self.account['username']}"
        status = random.choice(("not started", "in progress", "complete"))
        if self.post_form(
            f"/staff/actions/{action}/update/",
            {"status": status, "note": note},
            "staff action update",
            form_page=f"/staff/actions/{action}/",
        ):
            ITEMS.append({"kind": "action_update", "action": action, "note": note})

    def milestone(self) -> None:
        action = random.choice(self.account["actions"])
        text = f"Load test milestone {time.time():.6f} by {self.account['username']}"
        if self.post_form(
            f"/staff/actions/{action}/milestones/",
            {"due": "2011-03-31", "text": text},
            "staff milestone add",
            form_page=f"/staff/actions/{action}/",
        ):
            ITEMS.append({"kind": "milestone", "action": action, "text": text})


class ReviewerUser(_StaffUser):
    """An analyst approving what the leads submitted, oldest first."""

    fixed_count = int(MANIFEST.get("reviewers_running", 0))
    accounts: ClassVar[list[dict[str, Any]]] = MANIFEST.get("reviewers", [])
    _taken: ClassVar[itertools.count[int]] = itertools.count()

    @task
    def review(self) -> None:
        if not SUBMITTED:
            self.client.get("/staff/", name="staff home")
            return
        code, period = SUBMITTED.popleft()
        if self.post_form(
            f"/staff/commentary/{code}/{period}/review/",
            {"decision": "approve"},
            "staff commentary approve",
        ):
            ITEMS.append({"kind": "approval", "code": code, "period": period})


def _subject(subjects: list[list[str]], index: int, of: int, k: int) -> tuple[str, str]:
    """The ``k``-th commentary subject of lead ``index`` of ``of`` leads sharing a priority:
    the priority's indicators in turn, each time a year earlier, years dealt out among the
    leads so that no two ever write on the same indicator and period."""
    code, period_type = subjects[k % len(subjects)]
    year = 2007 - (k // len(subjects)) * of - index
    return code, period_label(period_type, year)


def period_label(period_type: str, year: int) -> str:
    if period_type == "academic year":
        return f"{year}/{(year + 1) % 100:02d}"
    if period_type == "financial year":
        return f"{year}-{(year + 1) % 100:02d}"
    if period_type == "calendar year":
        return str(year)
    return f"{year + 1}-03-31"  # a snapshot
