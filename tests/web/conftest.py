"""Shared fixtures of the web tests: a PostgreSQL server, a Playwright browser on the live
server, and the ``browser`` marker.

Every web test runs twice in a full run: here on SQLite, and again on PostgreSQL through
``test_postgresql.py``, which reruns ``tests/web`` (browser tests aside) in a subprocess with
``CYPP_DATABASE_URL`` pointing at a server it starts.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.web import postgres_server as pg

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("/tmp/shots/browser")


def pytest_configure(config: pytest.Config) -> None:
    # Until pyproject.toml lists it (--strict-markers would refuse it otherwise).
    config.addinivalue_line("markers", "browser: drives Debian's Chromium with Playwright")


@pytest.fixture(scope="session")
def postgres() -> Iterator[pg.PostgresServer]:
    """A fresh PostgreSQL 15 server for the whole session, stopped at its end."""
    if not pg.available():
        pytest.skip(f"{pg.INITDB} is missing: PostgreSQL 15 is not installed")
    with pg.postgres_server() as server:
        yield server


# --- the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright's sync API. It runs an event loop in this thread, which Django's ORM takes
    for async code, so ORM calls from the test are allowed explicitly while it runs. Stopped
    after each module, so that no later test finds an event loop running."""
    from playwright.sync_api import sync_playwright

    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            yield p
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.fixture(scope="module")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once per test module."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium")
    browser = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=60_000
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def browser_context(chromium: Browser) -> Iterator[BrowserContext]:
    """A fresh context (no cookies) at desktop size; the page's own CSP stays in force."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context: BrowserContext, live_server: Any) -> Iterator[Page]:
    """A page of the browser, with ``page.goto("/path")`` relative to the live server.

    Console errors (a script or style blocked by CSP, a 404 for an asset) fail the test: they
    are what a user would meet as a broken page."""
    browser_context.set_default_navigation_timeout(20_000)
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    _base_url(page, live_server.url)
    yield page
    # a page that answers 404 on purpose logs that to the console: not an error of the page
    real = [e for e in errors if "status of 404" not in e]
    assert not real, f"browser console errors: {real}"


def _base_url(page: Page, base: str) -> None:
    """Make ``page.goto`` take paths relative to ``base``."""
    goto = page.goto

    def relative_goto(url: str, **kwargs: Any) -> Any:
        return goto(base + url if url.startswith("/") else url, **kwargs)

    page.goto = relative_goto  # type: ignore[method-assign]


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under /tmp/shots/browser/ to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
