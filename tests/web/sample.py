"""A small publication for the web tests, published by the real ``publish_report``.

The demo plan for Leicestershire as at 2010/11, from the report tests' hand-made figures
(``tests/report/helpers.py``: NI 75 met at 57.2%, NI 101 17.6% with 2010 suppressed, the
NI 75 FSM gap 27.5 pp) plus NI 87, whose latest figure is suppressed: 5.0% in 2009/10 and
suppressed in 2010/11. NI 75 has lineage (one attainment batch) and carries an approved commentary unless the caller passes the
workspace's own (``cypp.web.workspace.inputs.report_workspace()``).
"""

from __future__ import annotations

from datetime import datetime

from cypp.assess.series import Figure, Figures
from cypp.report.content import (
    Commentary,
    IndicatorSection,
    LineageNote,
    Workspace,
    build_report,
)
from cypp.web.publish import Chart, PublishResult, publish_report, render_chart
from tests.report import helpers

AREA = helpers.AREA
PLAN = helpers.DEMO_PLAN
COMMENTARY = "Results rose after the maths programme."


LINEAGE = LineageNote(
    definition="ni075",
    definition_version="1",
    run_started=datetime(2011, 9, 1, 9, 30),
    batches=(("attainment", "2010/11", "0123456789ab"),),
)


def figures() -> Figures:
    found = helpers.figures()
    found["NI087"] = {
        AREA: {
            "2009/10": Figure(AREA, "2009/10", 5.0, 4.1, 5.9, numerator=250, denominator=5000),
            "2010/11": Figure(AREA, "2010/11", None, suppressed=True, state="c"),
        }
    }
    return found


def no_chart(section: IndicatorSection, area: str) -> None:
    """For tests that never look at a chart: publishing without drawing is faster."""
    return None


_drawn: dict[tuple[str, str, str], Chart | None] = {}


def cached_chart(section: IndicatorSection, area: str) -> Chart | None:
    """The real chart, drawn once per test session (drawing takes about a second each)."""
    key = (section.key, area, repr(section.series))
    if key not in _drawn:
        _drawn[key] = render_chart(section, area)
    return _drawn[key]


def sample_workspace(commentary: str = COMMENTARY) -> Workspace:
    return Workspace(
        commentary={("NI075", "2010/11"): Commentary(commentary, what_works="Peer tutoring.")}
    )


def publish_sample(
    *,
    commentary: str = COMMENTARY,
    workspace: Workspace | None = None,
    generated: datetime | None = None,
    charts: bool = False,
) -> PublishResult:
    report = build_report(
        helpers.demo_plan(),
        figures(),
        helpers.place(),
        period="2010/11",
        workspace=workspace if workspace is not None else sample_workspace(commentary),
        sources=("Attainment (Key Stage results): 2008/09 to 2010/11",),
        generated=generated or datetime(2011, 9, 30, 10, 0),
        breakdowns=helpers.breakdowns(),
        lineage={"NI075": LINEAGE},
    )
    return publish_report(report, user="", render=cached_chart if charts else no_chart)
