"""axe-core (WCAG 2.2 AA rules) on every public page template and the staff pages of each
role: no serious or critical violation. Screenshots go to /tmp/shots/browser/."""

from __future__ import annotations

from typing import Any

import pytest

from cypp.web.publish import PublishResult
from tests.web.browser.conftest import ROLES, axe_violations, sign_in
from tests.web.conftest import screenshot

pytestmark = pytest.mark.browser

# (name, path, expected status): one page of each public template
PUBLIC_PAGES = [
    ("home", "/", 200),
    ("outcome", "/outcomes/enjoy-and-achieve/", 200),
    ("priority", "/priorities/raising-attainment/", 200),
    ("indicators", "/indicators/", 200),
    ("indicator", "/indicators/ni075/", 200),
    ("indicator-suppressed", "/indicators/ni087/", 200),
    ("indicator-gap", "/indicators/ni075-fsm-gap/", 200),
    ("indicator-not-established", "/indicators/fss/", 200),
    ("how-are-we-doing", "/how-are-we-doing/", 200),
    ("you-said-we-did", "/you-said-we-did/", 200),
    ("search-results", "/search/?q=attainment", 200),
    ("search-empty", "/search/?q=zzqqxx", 200),
    ("about", "/about/", 200),
    ("not-found", "/no-such-page/", 404),
]


def add_consultation() -> None:
    """An approved "you said, we did" record, so that its page and the priority's show one."""
    from cypp.web.workspace.models import Consultation, State

    Consultation.objects.create(
        title="Help before exams",
        you_said="We want more help before our exams.",
        we_did="Every secondary school now runs revision clubs.",
        consulted_on="2010-11-01",
        number_consulted=40,
        age_group="11 to 15",
        priorities=["raising-attainment"],
        state=State.APPROVED,
    )


def test_public_pages_have_no_serious_violations(page: Any, site: PublishResult) -> None:
    add_consultation()
    problems = {}
    for name, path, status in PUBLIC_PAGES:
        response = page.goto(path)
        assert response is not None and response.status == status, (path, response)
        found = axe_violations(page)
        if found:
            problems[path] = found
        screenshot(page, f"public-{name}")
    assert not problems, "axe violations:\n" + "\n".join(
        f"{path}\n  " + "\n  ".join(v) for path, v in problems.items()
    )


def test_the_page_before_anything_is_published(page: Any, transactional_db: None) -> None:
    page.goto("/")
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "public-unpublished")


def test_staff_pages_have_no_serious_violations(
    page: Any, site: PublishResult, staff: dict[str, str]
) -> None:
    problems = {}
    page.goto("/staff/login/")
    found = axe_violations(page)
    if found:
        problems["/staff/login/"] = found
    screenshot(page, "staff-login")
    for role in ROLES:
        page.context.clear_cookies()
        sign_in(page, staff[role])
        found = axe_violations(page)
        if found:
            problems[f"/staff/ as {role}"] = found
        screenshot(page, f"staff-home-{role}")
    assert not problems, "axe violations:\n" + "\n".join(
        f"{where}\n  " + "\n  ".join(v) for where, v in problems.items()
    )


def test_axe_finds_a_violation_when_there_is_one(page: Any, site: PublishResult) -> None:
    """The check itself works: an image without a text alternative is reported."""
    page.goto("/about/")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = '/static/cypp/favicon.svg';"
        " document.querySelector('main').appendChild(i); }"
    )
    found = axe_violations(page, impacts=("serious", "critical"))
    assert any("image-alt" in line for line in found), found
