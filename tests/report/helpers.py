"""A small board report built from hand-made figures, shared by the report's tests.

Leicestershire (E10000018) in the demo plan, with:
- NI 75 for 2008/09 to 2010/11 (targets 50 in 2008/09 and 56 in 2010/11): 57.2% in 2010/11
  with CI 55.9–58.5 is above 56, so "met"; England 58.2 and two neighbours 54 and 58 (mean 56);
- NI 101 suppressed in 2010 (shown as c), 17.6% in 2011;
- the NI 75 FSM gap: 27.5 pp in 2010/11, down from 30.1 pp (intervals overlap: no change).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cypp.assess.assess_plan import Place
from cypp.assess.series import BreakdownFigure, Figure, Figures
from cypp.plan import load_plan
from cypp.plan.model import Plan
from cypp.report.content import BoardReport, Commentary, Workspace, build_report
from tests.conftest import ROOT

AREA = "E10000018"
NEIGHBOURS = ("E10000019", "E10000024")
ENGLAND = "E92000001"
DEMO_PLAN = ROOT / "plans" / "demo"


def demo_plan() -> Plan:
    return load_plan(DEMO_PLAN)


def place() -> Place:
    return Place(AREA, "Leicestershire", "E12000004", NEIGHBOURS, {AREA: "E12000004"})


def figures() -> Figures:
    ni075 = {
        "2008/09": Figure(AREA, "2008/09", 53.0, 51.6, 54.4, numerator=2650, denominator=5000),
        "2009/10": Figure(AREA, "2009/10", 54.9, 53.5, 56.3, numerator=2745, denominator=5000),
        "2010/11": Figure(AREA, "2010/11", 57.2, 55.9, 58.5, numerator=2860, denominator=5000),
    }
    return {
        "NI075": {
            AREA: ni075,
            ENGLAND: {"2010/11": Figure(ENGLAND, "2010/11", 58.2)},
            NEIGHBOURS[0]: {"2010/11": Figure(NEIGHBOURS[0], "2010/11", 54.0)},
            NEIGHBOURS[1]: {"2010/11": Figure(NEIGHBOURS[1], "2010/11", 58.0)},
        },
        "NI101": {
            AREA: {
                "2010-03-31": Figure(AREA, "2010-03-31", None, suppressed=True, state="c"),
                "2011-03-31": Figure(AREA, "2011-03-31", 17.6, 9.6, 30.0),
            }
        },
        "NI075:fsm_gap": {
            AREA: {
                "2009/10": Figure(AREA, "2009/10", 30.1, 26.0, 34.2),
                "2010/11": Figure(AREA, "2010/11", 27.5, 23.4, 31.6),
            }
        },
    }


def breakdowns() -> tuple[BreakdownFigure, ...]:
    return (
        BreakdownFigure(
            "NI075", "2010/11", "gender", "Female", 60.1, 58.2, 62.0, False, 1500, 2496
        ),
        BreakdownFigure("NI075", "2010/11", "gender", "Male", 54.4, 52.5, 56.3, False, 1360, 2504),
        BreakdownFigure(
            "NI075", "2010/11", "cla", "Looked after", None, None, None, True, None, None
        ),
    )


def small_report(commentary_text: str = "Results rose after the maths programme.") -> BoardReport:
    plan = demo_plan()
    workspace = Workspace(
        commentary={("NI075", "2010/11"): Commentary(commentary_text, author="Priority lead")}
    )
    return build_report(
        plan,
        figures(),
        place(),
        period="2010/11",
        workspace=workspace,
        sources=("Attainment (Key Stage results): 2008/09 to 2010/11",),
        generated=datetime(2011, 9, 30, 10, 0),
        breakdowns=breakdowns(),
    )


def out_dir(tmp_path: Path) -> Path:
    path = tmp_path / "report"
    path.mkdir()
    return path
