"""The board report with the workspace: an analyst's reported value, a priority lead's
approved commentary and an action update reach the report; a returned commentary does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.plan import load_plan
from cypp.plan.model import ActionStatus
from cypp.settings import load_settings
from cypp.web.publish import workspace_report
from cypp.web.workspace import actions, commentary, users, values
from cypp.web.workspace.models import Role
from tests.conftest import SEED_PLAN

PASSWORD = "correct-horse-battery-staple-42"


@pytest.mark.django_db
def test_report_carries_approved_workspace_content(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CYPP_PLAN", str(SEED_PLAN))
    monkeypatch.setenv("CYPP_WAREHOUSE", str(tmp_path / "none.duckdb"))  # no computed figures
    analyst = users.add_user("anna", Role.ANALYST, PASSWORD)
    lead = users.add_user("leo", Role.LEAD, PASSWORD, priorities=("emotional-health",))
    # NI 56 (obesity in Year 6) is a reported indicator: the analyst enters 2009/10
    values.enter_value(analyst, "NI056", "2009/10", 17.4, 16.9, 17.9)
    # NI 112 (under-18 conceptions) is measured under the lead's priority; with no ONS table
    # loaded, the analyst enters it, and as at 2009/10 its latest period is the year 2009
    values.enter_value(analyst, "NI112", "2009", 29.5)
    kept = commentary.write(
        lead,
        "NI112",
        "2009",
        commentary.Text("Healthy schools reached 40 more schools."),
        submit=True,
    )
    commentary.approve(analyst, kept)
    dropped = commentary.write(
        lead, "NI050", "2009/10", commentary.Text("Not ready for the board."), submit=True
    )
    commentary.return_(analyst, dropped, "needs the survey's response rate")
    action = next(p for p in load_plan(SEED_PLAN).priorities if p.id == "emotional-health").actions[
        0
    ]
    actions.update_status(lead, action.id, ActionStatus.IN_PROGRESS, "Strategy drafted")

    report = workspace_report(SEED_PLAN, load_settings(), period="2009/10")

    ni056 = report.section("NI056")
    assert ni056.assessment is not None
    assert (ni056.assessment.period, ni056.assessment.value) == ("2009/10", 17.4)
    ni112 = report.section("NI112")
    assert ni112.assessment is not None
    assert (ni112.assessment.period, ni112.assessment.value) == ("2009", 29.5)
    assert ni112.commentary is not None
    assert ni112.commentary.story == "Healthy schools reached 40 more schools."
    assert ni112.commentary.author == "Priority lead"  # never the username
    assert report.section("NI050").commentary is None
    emotional = next(p for p in report.priorities if p.priority.id == "emotional-health")
    line = next(a for a in emotional.actions if a.id == action.id)
    assert (line.status, line.note) == ("in progress", "Strategy drafted")
