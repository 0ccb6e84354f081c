"""Keyboard use (the skip link first, then the main navigation) and phone-sized screens
(no page scrolls sideways at 375 × 667)."""

from __future__ import annotations

from typing import Any

import pytest

from cypp.web.publish import PublishResult
from tests.web.browser.conftest import axe_violations
from tests.web.browser.test_accessibility import PUBLIC_PAGES
from tests.web.conftest import screenshot

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, id: e.id, text: (e.innerText || '').trim(),
          href: e.getAttribute('href'), inMain: !!e.closest('main')};
}"""


def test_the_skip_link_comes_first_and_moves_focus_to_main(page: Any, site: PublishResult) -> None:
    page.goto("/indicators/ni075/")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert (first["text"], first["href"]) == ("Skip to main content", "#main-content")
    assert page.locator(".govuk-skip-link").is_visible()  # shown when focused
    screenshot(page, "keyboard-skip-link", full_page=False)
    page.keyboard.press("Enter")
    after = page.evaluate(FOCUSED)
    assert (after["tag"], after["id"]) == ("MAIN", "main-content")
    # the next Tab goes on from the main content, not back to the header
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["inMain"]


def tab_to(page: Any, text: str, limit: int = 30) -> None:
    """Press Tab until the focused element's text is ``text``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)["text"] == text:
            return
    pytest.fail(f"{limit} presses of Tab never reached {text!r}")


def test_the_main_navigation_works_by_keyboard(page: Any, site: PublishResult) -> None:
    page.goto("/")
    target = "How are we doing?"
    names = [n.strip() for n in page.locator("nav a").all_inner_texts()]
    assert target in names, names
    tab_to(page, target)
    screenshot(page, "keyboard-navigation-focus", full_page=False)
    page.keyboard.press("Enter")
    page.wait_for_url("**/how-are-we-doing/")
    assert page.locator("h1").first.is_visible()


def test_the_phone_menu_opens_and_works_by_keyboard(page: Any, site: PublishResult) -> None:
    page.set_viewport_size({"width": 375, "height": 667})
    page.goto("/")
    target = page.get_by_role("link", name="How are we doing?", exact=True).first
    assert not target.is_visible()  # folded away behind the menu button
    tab_to(page, "Menu")
    page.keyboard.press("Enter")
    assert target.is_visible()
    screenshot(page, "phone-menu-open", full_page=False)
    tab_to(page, "How are we doing?")
    page.keyboard.press("Enter")
    page.wait_for_url("**/how-are-we-doing/")


@pytest.mark.parametrize("width,height", [(375, 667)])
def test_no_page_scrolls_sideways_on_a_phone(
    page: Any, site: PublishResult, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    too_wide, problems = {}, {}
    for name, path, _ in PUBLIC_PAGES:
        page.goto(path)
        sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if sizes[0] > sizes[1]:
            too_wide[path] = sizes
        # narrow screens bring their own failures: a table scrolling in a box it cannot focus
        found = axe_violations(page)
        if found:
            problems[path] = found
        if name in ("home", "indicator", "priority", "how-are-we-doing"):
            screenshot(page, f"phone-{name}")
    assert not too_wide, f"pages wider than the screen (scrollWidth, innerWidth): {too_wide}"
    assert not problems, "axe violations on a phone:\n" + "\n".join(
        f"{path}\n  " + "\n  ".join(v) for path, v in problems.items()
    )
