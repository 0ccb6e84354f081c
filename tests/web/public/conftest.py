"""A small report built from hand-made figures, published into the test database.

Leicestershire (E10000018), each measure's latest period:
- NI 50: 70.0% in 2009/10 (66.0 to 74.0) against a target of 65 → met. Girls 72.0%; boys
  suppressed.
- NI 75: 2009/10 suppressed (c); 50.0% in 2008/09; England 54.0 in 2009/10 → not assessed.
  Its FSM gap: 30.5 points in 2009/10.
- NI 112: 45.0 per 1,000 in 2009 against the trajectory from 46.0 (1998) to 41.4 (2010),
  41.78 in 2009; worse by 3.2, beyond the 5% tolerance (2.09) → off track.
- Family Support: not yet established.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from cypp.assess.assess_plan import Place
from cypp.assess.series import BreakdownFigure, Figure, Figures
from cypp.plan.validate import load_plan
from cypp.report.content import BoardReport, IndicatorSection, Workspace, build_report
from cypp.web.publish import Chart, PublishResult, publish_report, render_chart

PLAN = Path(__file__).parent / "plan"
LEICS = "E10000018"
ENGLAND = "E92000001"
PLACE = Place(LEICS, "Leicestershire", "E12000004", ())
GENERATED = datetime(2010, 9, 30, 12, 0)


def F(
    area: str,
    period: str,
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    *,
    suppressed: bool = False,
) -> Figure:
    return Figure(area, period, value, low, high, suppressed, "c" if suppressed else "value")


def figures() -> Figures:
    return {
        "NI050": {
            LEICS: {
                "2007/08": F(LEICS, "2007/08", 62.0, 59.0, 65.0),
                "2008/09": F(LEICS, "2008/09", 64.5, 61.5, 67.5),
                "2009/10": F(LEICS, "2009/10", 70.0, 66.0, 74.0),
            }
        },
        "NI075": {
            LEICS: {
                "2008/09": F(LEICS, "2008/09", 50.0, 49.0, 51.0),
                "2009/10": F(LEICS, "2009/10", None, suppressed=True),
            },
            ENGLAND: {
                "2008/09": F(ENGLAND, "2008/09", 52.0),
                "2009/10": F(ENGLAND, "2009/10", 54.0),
            },
        },
        "NI075:fsm_gap": {
            LEICS: {
                "2008/09": F(LEICS, "2008/09", 28.0, 25.0, 31.0),
                "2009/10": F(LEICS, "2009/10", 30.5, 27.0, 34.0),
            }
        },
        "NI112": {LEICS: {"2008": F(LEICS, "2008", 41.0), "2009": F(LEICS, "2009", 45.0)}},
    }


BREAKDOWNS = (
    BreakdownFigure("NI050", "2009/10", "gender", "F", 72.0, 66.0, 78.0, False, 72.0, 100.0),
    BreakdownFigure("NI050", "2009/10", "gender", "M", None, None, None, True, None, None),
)


def make_report(
    figs: Figures | None = None, workspace: Workspace | None = None, period: str | None = None
) -> BoardReport:
    return build_report(
        load_plan(PLAN),
        figs if figs is not None else figures(),
        PLACE,
        period=period,
        workspace=workspace,
        sources=("Pupil survey (TellUs-style): 2007/08 to 2009/10",),
        suppression_threshold=5,
        generated=GENERATED,
        breakdowns=BREAKDOWNS,
    )


_CHARTS: dict[str, Chart | None] = {}


def charts(section: IndicatorSection, area: str) -> Chart | None:
    """The real chart renderer, each distinct section drawn once per test run (vl-convert
    takes a second or two to start and a few tenths per chart)."""
    key = f"{area} {section!r}"
    if key not in _CHARTS:
        _CHARTS[key] = render_chart(section, area)
    return _CHARTS[key]


def publish(report: BoardReport | None = None, user: str = "cli:test") -> PublishResult:
    return publish_report(report or make_report(), user=user, render=charts)


@pytest.fixture
def published(db: None) -> Iterator[PublishResult]:
    yield publish()
