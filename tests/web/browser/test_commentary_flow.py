"""The commentary round trip in a real browser: a priority lead signs in, writes commentary on
an indicator and submits it; an analyst signs in and approves it; after publishing it is on the
public indicator page. A second commentary, returned by the analyst, never appears."""

from __future__ import annotations

from typing import Any

import pytest

from cypp.web.publish import PublishResult
from tests.web.browser.conftest import sign_in
from tests.web.conftest import screenshot
from tests.web.sample import publish_sample

pytestmark = pytest.mark.browser

APPROVED = "Attainment rose because every secondary school ran maths catch-up classes."
RETURNED = "Results of children in care went down for reasons we do not know yet."


def write_and_submit(page: Any, code: str, period: str, story: str) -> None:
    page.goto(f"/staff/commentary/{code}/{period}/write/")
    page.get_by_label("Story behind the curve").fill(story)
    page.get_by_label("What works").fill("Small groups, weekly.")
    page.get_by_role("button", name="Submit for approval").click()
    page.wait_for_url(f"**/staff/commentary/{code}/{period}/")
    assert "submitted for approval" in page.locator("main").inner_text()


def review(page: Any, code: str, period: str, decision: str, reason: str = "") -> None:
    page.goto(f"/staff/commentary/{code}/{period}/review/")
    page.get_by_label(decision, exact=True).check()
    if reason:
        page.get_by_label("Reason for returning").fill(reason)
    page.get_by_role("button", name="Record the decision").click()
    page.wait_for_url(f"**/staff/commentary/{code}/{period}/")


def test_lead_writes_analyst_approves_public_sees(
    page: Any, site: PublishResult, staff: dict[str, str]
) -> None:
    from cypp.web.workspace.inputs import report_workspace
    from cypp.web.workspace.models import Commentary, State

    # nothing said yet: the sample was published without workspace commentary
    publish_sample(workspace=report_workspace(), charts=True)
    page.goto("/indicators/ni075/")
    assert APPROVED not in page.content()

    sign_in(page, staff["lead"])
    write_and_submit(page, "NI075", "2010/11", APPROVED)
    write_and_submit(page, "NI101", "2011-03-31", RETURNED)
    screenshot(page, "flow-lead-submitted")

    page.context.clear_cookies()
    sign_in(page, staff["analyst"])
    review(page, "NI075", "2010/11", "Approve")
    assert "is approved" in page.locator("main").inner_text()
    review(page, "NI101", "2011-03-31", "Return with a reason", "Say what the figures show.")
    assert "is returned" in page.locator("main").inner_text()
    screenshot(page, "flow-analyst-returned")

    states = dict(Commentary.objects.values_list("indicator", "state"))
    assert states == {"NI075": State.APPROVED, "NI101": State.RETURNED}

    publish_sample(workspace=report_workspace(), charts=True)
    page.context.clear_cookies()
    page.goto("/indicators/ni075/")
    main = page.locator("main").inner_text()
    assert APPROVED in main
    assert "Small groups, weekly." in main
    screenshot(page, "flow-public-ni075")
    page.goto("/indicators/ni101/")
    main = page.locator("main").inner_text()
    assert RETURNED not in main
    assert "No commentary yet." in main
    # nor in the API
    assert RETURNED not in page.goto("/api/indicators/NI101").text()
    assert APPROVED in page.goto("/api/indicators/NI075").text()
