"""Load while publishing (issue 9.6), bounded for CI: 20 users for 30 seconds.

A small published site (the web tests' small plan over 3% of the synthetic county) is served
by ``cypp serve`` (gunicorn, 2 workers, production settings, SQLite) on loopback. locust runs
three priority leads (signing in through the form, then submitting commentary, reporting on
an action and adding a milestone, all through the staff forms with CSRF), an analyst
approving their commentary, and public visitors and API clients (each from an address of its
own). Meanwhile another analyst enters a new NI 112 figure through the staff form and runs
``cypp publish``, again and again. Afterwards: no request failed, every publish made a new
publication, and every item saved is in the workspace database (``benchmarks/web/`` has the
scenario; the five-minute run with 100 users is ``scripts/load-while-publishing.py``).

Then, on the same production server: the API refuses an address past its limit (429 with
Retry-After), and five wrong passwords lock a username even against the right one (429),
whichever gunicorn worker answers.
"""

from __future__ import annotations

import http.client
import re
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from benchmarks.web import publishing
from benchmarks.web import site as sites
from benchmarks.web.server import Server

SCENARIO = publishing.Scenario(users=20, seconds=30, leads=3, reviewers=1)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """Requests from one loopback address, keeping cookies (Secure ones too, as a browser
    does for a loopback address)."""

    def __init__(self, server: Server, address: str) -> None:
        parts = urlsplit(server.url)
        self.host, self.port, self.address = parts.hostname or "", parts.port or 80, address
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection(
            self.host, self.port, timeout=30, source_address=(self.address, 0)
        )
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            text = r.read().decode("utf-8", "replace")
            for value in r.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return r.status, dict(r.headers.items()), text
        finally:
            conn.close()

    def sign_in(self, username: str, password: str) -> int:
        _, _, page = self.request("GET", "/staff/login/")
        token = CSRF.search(page)
        assert token is not None, "no sign-in form"
        form = {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
        status, _, _ = self.request("POST", "/staff/login/", form)
        return status


def rate_limits(server: Server) -> dict[str, Any]:
    """Past the API's limit from one address; five wrong passwords, then the right one."""
    api = Browser(server, "127.3.0.1")
    statuses, retry_after = [], None
    for _ in range(600):  # 120 a minute per worker: two workers, a minute may turn over
        status, headers, _ = api.request("GET", "/api/")
        statuses.append(status)
        if status == 429:
            retry_after = headers.get("Retry-After")
            break
    other = Browser(server, "127.3.0.2").request("GET", "/api/")[0]
    login = Browser(server, "127.3.0.3")
    wrong = [login.sign_in("load-lead-1", "not-the-password-at-all") for _ in range(5)]
    right = login.sign_in("load-lead-1", sites.PASSWORD)
    return {
        "api_ok_before_429": statuses.index(429) if 429 in statuses else None,
        "api_statuses": sorted(set(statuses)),
        "retry_after": retry_after,
        "other_address": other,
        "wrong_passwords": wrong,
        "right_password_after": right,
    }


def test_no_error_and_every_item_kept_while_an_analyst_publishes(tmp_path: Path) -> None:
    site = sites.build(
        tmp_path / "site",
        sites.SMALL_PLAN,
        fraction=0.03,
        years="2009/10..2010/11",
        seed=3,
        returns=("survey", "attainment", "published"),
        in_process=True,
    )
    result = publishing.run(site, SCENARIO, tmp_path / "locust", then=rate_limits)
    requests, saved, found = result["requests"], result["items_saved"], result["found"]
    print(f"\nload while publishing: {requests['all']['requests']} requests "
          f"({requests['all']['requests_per_second']:.1f}/s), {requests['errors_whole_run']} errors, "
          f"{result['publishing']['publishes']} publishes, saved {saved}, found {found['found']}")  # fmt: skip
    assert publishing.problems(result) == []
    # the scenario did what it says: every kind of work, several publishes, all of it kept
    assert result["publishing"]["publishes"] >= 2
    for kind in ("commentary", "action_update", "milestone", "approval"):
        assert saved.get(kind, 0) >= 1, f"no {kind} was saved"
        assert found["found"][kind] == saved[kind]
    assert found["found"]["value"] == 1
    assert found["publications"] == 1 + result["publishing"]["publishes"]
    assert requests["by_kind"]["page"]["requests"] > 100
    limits = result["then"]
    assert limits["api_statuses"] == [200, 429] and limits["api_ok_before_429"] >= 120
    assert 1 <= int(limits["retry_after"]) <= 60
    assert limits["other_address"] == 200
    assert limits["wrong_passwords"] == [200] * 5 and limits["right_password_after"] == 429
