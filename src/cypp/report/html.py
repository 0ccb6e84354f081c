"""The board report as one self-contained HTML document (styles and charts inline), and the
same document printed to PDF by WeasyPrint (A4, page numbers, table of contents).

The template is ``templates/report.html.j2``; the print rules (pages, running heads, the
contents' page numbers) are in ``templates/report.css``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from cypp.plan.model import Bullets
from cypp.report import charts
from cypp.report.content import (
    NO_COMMENTARY,
    PILES,
    BoardReport,
    IndicatorSection,
)
from cypp.report.numbers import interval, number, unit_words


@dataclass(frozen=True)
class Chart:
    svg: str
    description: str
    rows: list[dict[str, object]]


_SVG_ROOT = re.compile(r"<svg\b")


def labelled_svg(svg: str, label_id: str) -> str:
    """The SVG (already one ``role="img"`` from ``charts.to_svg``) named by its caption, the
    text description printed under it."""
    return _SVG_ROOT.sub(f'<svg aria-labelledby="{label_id}" focusable="false"', svg, count=1)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("cypp.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,  # a missing field is an error, never "None" on paper
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = number
    env.filters["interval"] = interval
    env.filters["unit_words"] = unit_words
    env.filters["anchor"] = anchor
    env.tests["bullets"] = lambda item: isinstance(item, Bullets)
    return env


def anchor(key: str) -> str:
    """An id for an indicator's section: ``NI075:fsm_gap`` → ``ind-ni075-fsm_gap``."""
    return "ind-" + key.lower().replace(":", "-")


def chart_for(section: IndicatorSection, area: str) -> Chart | None:
    if not section.established or not section.series:
        return None
    spec = charts.turn_the_curve(section, area=area)
    svg = labelled_svg(charts.to_svg(spec), anchor(section.key) + "-caption")
    return Chart(svg, charts.description(section, area=area), charts.data_rows(section))


def render_html(report: BoardReport) -> str:
    """The whole report as HTML; every chart is an inline SVG with its description."""
    sections = [*report.indicators, *report.equity]
    drawn = {s.key: chart_for(s, report.place.name) for s in sections}
    outcome_spec = charts.scorecard_chart(report.outcome_cards, "Indicators by outcome")
    priority_spec = charts.scorecard_chart(report.priority_cards, "Indicators by key priority")
    # an indicator measured under several priorities is shown in full under the first and
    # referred to from the others (one block, one id, one chart per indicator)
    home: dict[str, str] = {}
    for p in report.priorities:
        for s in p.indicators:
            home.setdefault(s.key, p.priority.id)
    in_priorities = set(home)
    css = resources.files("cypp.report").joinpath("templates/report.css").read_text("utf-8")
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            r=report,
            css=css,
            charts=drawn,
            piles=PILES,
            no_commentary=NO_COMMENTARY,
            outcome_chart=Chart(
                labelled_svg(charts.to_svg(outcome_spec), "outcome-chart-caption"),
                charts.scorecard_description(report.outcome_cards, "Indicators by outcome"),
                [],
            ),
            priority_chart=Chart(
                labelled_svg(charts.to_svg(priority_spec), "priority-chart-caption"),
                charts.scorecard_description(report.priority_cards, "Indicators by key priority"),
                [],
            ),
            home=home,
            priority_titles={p.id: p.title for p in report.plan.priorities},
            elsewhere=[s for s in report.indicators if s.key not in in_priorities],
            outcome_titles={o.id: o.title for o in report.plan.outcomes},
        )
    )


def write_html(report: BoardReport, path: Path) -> None:
    path.write_text(render_html(report), encoding="utf-8")


def write_pdf(report: BoardReport, path: Path, html: str | None = None) -> None:
    """Print the HTML to an A4 PDF (pass ``html`` when it is already rendered)."""
    import weasyprint  # imported here: it loads Pango, which the other formats do not need

    document = weasyprint.HTML(string=html or render_html(report), base_url=str(path.parent))
    document.write_pdf(str(path))
