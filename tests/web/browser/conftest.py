"""Fixtures of the browser tests: the sample publication (with its charts) on the live server,
staff accounts of every role, signing in, and axe-core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from cypp.web.publish import PublishResult
from tests.web.sample import PLAN, publish_sample

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "a long and unguessable test password 7"
ROLES = ("administrator", "analyst", "lead", "partner", "viewer")
LEAD_PRIORITY = "raising-attainment"


@pytest.fixture
def demo_plan(monkeypatch: pytest.MonkeyPatch) -> Path:
    """The workspace works to the demo plan, the plan of the sample publication."""
    monkeypatch.setenv("CYPP_PLAN", str(PLAN))
    return PLAN


@pytest.fixture
def site(transactional_db: None, demo_plan: Path) -> PublishResult:
    """The sample publication, charts drawn, for the live server to show."""
    return publish_sample(charts=True)


@pytest.fixture
def staff(transactional_db: None, demo_plan: Path) -> dict[str, str]:
    """One account per role: role -> username (the password is ``PASSWORD``)."""
    from cypp.web.workspace.hbr import agencies
    from cypp.web.workspace.models import Role
    from cypp.web.workspace.users import add_user

    names = {}
    for role in ROLES:
        name = f"test-{role}"
        add_user(
            name,
            Role(role),
            PASSWORD,
            priorities=(LEAD_PRIORITY,) if role == "lead" else (),
            agency=agencies()[0][0] if role == "partner" else "",
        )
        names[role] = name
    return names


def sign_in(page: Page, username: str) -> None:
    page.goto("/staff/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's WCAG 2.2 AA violations of the page's current state, of the given impacts,
    each with the nodes it found, as lines fit to print.

    The script is evaluated through the DevTools protocol, which the page's Content Security
    Policy does not govern, so the page is tested with its real CSP in force."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_AA,
    )
    found = []
    for v in result["violations"]:
        if v["impact"] not in impacts:
            continue
        nodes = "; ".join(
            f"{' '.join(n['target']) if isinstance(n['target'][0], str) else json.dumps(n['target'])}"
            f" ({n.get('failureSummary', '').splitlines()[-1].strip()})"
            for n in v["nodes"][:5]
        )
        found.append(f"{v['impact']} {v['id']}: {v['help']} [{len(v['nodes'])} nodes] {nodes}")
    return found
