"""The report's charts, from small hand-built indicator sections of the demo plan.

Every expected value is worked out by hand from the section built in the test: the
description's sentences, the data table (with "c" for a suppressed year), the layers and
their data, the palette and dash patterns, and the SVG's accessible name.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import jsonschema  # type: ignore[import-untyped]
import pytest

from cypp.assess.assess_plan import Assessment
from cypp.plan.model import Indicator
from cypp.plan.validate import load_plan
from cypp.report import charts
from cypp.report.chart_style import INK, OKABE_ITO, PLOT_HEIGHT, WHITE, nice_domain, tick_format
from cypp.report.chart_text import figure, number
from cypp.report.content import IndicatorSection, Scorecard, SeriesPoint
from tests.conftest import ROOT


@cache
def vega_lite() -> Any:
    """A validator for Vega-Lite's JSON schema (the charts skip Altair's own, slower check)."""
    schema = alt.vegalite.v6.schema.load_schema()
    return jsonschema.validators.validator_for(schema)(schema)


def validate(spec: dict[str, Any]) -> None:
    errors = [f"{e.json_path}: {e.message[:200]}" for e in vega_lite().iter_errors(spec)]
    assert not errors, errors[:3]


@cache
def indicator(code: str) -> Indicator:
    plan = load_plan(Path(ROOT / "plans" / "demo"))
    return next(i for i in plan.indicators if i.code == code)


def assessment(code: str, period: str | None, **changes: Any) -> Assessment:
    base = Assessment(
        indicator=code,
        area="E10000018",
        period=period,
        value=None,
        ci_low=None,
        ci_high=None,
        suppressed=False,
        target=None,
        target_is_trajectory=False,
        status="not assessed",
        status_reason="",
        direction="no earlier period",
        direction_since_first="no earlier period",
        direction_basis="confidence intervals",
        forecast=None,
        forecast_low=None,
        forecast_high=None,
        likely_to_meet_target="uncertain",
        england=None,
        region=None,
        neighbours_mean=None,
        neighbours_with_value=0,
        quartile_band=None,
        rank=None,
        rank_of=None,
        source_measure=None,
        unit="%",
        polarity="high",
        illustrative_targets=False,
    )
    return replace(base, **changes)


def point(
    period: str,
    value: float | None,
    ci: tuple[float, float] | None = None,
    *,
    target: float | None = None,
    trajectory: bool = False,
    england: float | None = None,
    neighbours: float | None = None,
    suppressed: bool = False,
) -> SeriesPoint:
    return SeriesPoint(
        period=period,
        value=value,
        ci_low=ci[0] if ci else None,
        ci_high=ci[1] if ci else None,
        suppressed=suppressed,
        target=target,
        target_is_trajectory=trajectory,
        england=england,
        region=None,
        neighbours=neighbours,
    )


def ni075() -> IndicatorSection:
    """NI 75 as at 2010/11: 57.2% (55.9 to 58.5) against a target of 56, met; 2007/08
    suppressed; England 58.2% and neighbours 56.0% in the last year."""
    series = (
        point("2006/07", 48.3, (47.1, 49.6)),
        point("2007/08", None, suppressed=True),
        point("2008/09", 53.0, (51.8, 54.3), target=50.0, england=54.0, neighbours=52.5),
        point("2009/10", 54.9, (53.6, 56.1), target=53.0, trajectory=True, england=56.0),
        point("2010/11", 57.2, (55.9, 58.5), target=56.0, england=58.2, neighbours=56.0),
    )
    return IndicatorSection(
        key="NI075",
        label="NI 75",
        title=indicator("NI075").title,
        unit="%",
        polarity="high",
        method="computed",
        indicator=indicator("NI075"),
        assessment=assessment(
            "NI075",
            "2010/11",
            value=57.2,
            ci_low=55.9,
            ci_high=58.5,
            target=56.0,
            status="met",
            direction="improving",
            direction_since_first="improving",
            england=58.2,
            neighbours_mean=56.0,
            neighbours_with_value=2,
        ),
        series=series,
        final_target=("2010/11", 56.0),
    )


def ni075_as_at_2008_09() -> IndicatorSection:
    """As at 2008/09 the final target (56 in 2010/11) is ahead: the forecast runs from 53.0
    to 57.7 (57.0 to 58.4). The 2010/11 point is in the series for its target only; its
    figures (put there on purpose) must not be shown."""
    s = ni075()
    series = (*s.series[:3], replace(s.series[4], england=None, neighbours=None))
    return replace(
        s,
        series=series,
        assessment=assessment(
            "NI075",
            "2008/09",
            value=53.0,
            ci_low=51.8,
            ci_high=54.3,
            target=50.0,
            status="met",
            direction="no significant change",
            direction_since_first="improving",
            forecast=57.7,
            forecast_low=57.0,
            forecast_high=58.4,
            likely_to_meet_target="yes",
            england=54.0,
            neighbours_mean=52.5,
            illustrative_targets=True,
        ),
    )


def spec_layers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["layer"])


def layer_rows(layer: dict[str, Any]) -> list[dict[str, Any]]:
    return list(layer["data"]["values"])


def lines_layer(spec: dict[str, Any]) -> dict[str, Any]:
    return next(la for la in spec_layers(spec) if la["mark"]["type"] == "line")


def texts(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for la in spec_layers(spec) if la["mark"]["type"] == "text" for r in layer_rows(la)]


def no_missing_words(text: str) -> None:
    assert "None" not in text
    assert "NaN" not in text
    assert re.search(r"\bnan\b", text) is None
    assert "Infinity" not in text


def test_description_says_the_latest_figure_target_benchmarks_and_suppression() -> None:
    assert charts.description(ni075()) == (
        "NI 75: 57.2% in 2010/11 (95% CI 55.9 to 58.5), up from 48.3% in 2006/07. "
        "Improving on the previous period and since 2006/07. "
        "Target for 2010/11: 56%; met. "
        "England 58.2%, statistical neighbours 56.0%. "
        "Higher is better. "
        "2007/08 is suppressed (c)."
    )


def test_description_of_a_forecast_and_of_withheld_later_figures() -> None:
    text = charts.description(ni075_as_at_2008_09(), area="Leicestershire")
    assert text == (
        "NI 75, Leicestershire: 53.0% in 2008/09 (95% CI 51.8 to 54.3), up from 48.3% in "
        "2006/07. No significant change on the previous period; improving since 2006/07. "
        "Target for 2008/09: 50%; met. Final target: 56% by 2010/11. "
        "Forecast for 2010/11 on the current trend: 57.7% (95% prediction interval 57.0 to "
        "58.4); likely to meet the target. England 54.0%, statistical neighbours 52.5%. "
        "Higher is better. 2007/08 is suppressed (c). The targets are illustrative."
    )
    assert "57.2" not in text  # the 2010/11 figure is after the report's period


def test_description_when_the_latest_figure_is_suppressed() -> None:
    series = (
        point("2010-03-31", 17.6, (8.3, 33.5)),
        point("2011-03-31", None, suppressed=True, target=15.0),
    )
    section = IndicatorSection(
        key="NI101",
        label="NI 101",
        title=indicator("NI101").title,
        unit="%",
        polarity="high",
        method="computed",
        indicator=indicator("NI101"),
        assessment=assessment(
            "NI101", "2011-03-31", suppressed=True, target=15.0, direction="not assessed"
        ),
        series=series,
        final_target=("2011-03-31", 15.0),
    )
    assert charts.description(section) == (
        "NI 101: the figure for 31 March 2011 is suppressed (c); the latest shown is 17.6% "
        "at 31 March 2010. Direction of travel not assessed. "
        "Target for 31 March 2011: 15%; not assessed. Higher is better. "
        "31 March 2011 is suppressed (c)."
    )
    assert charts.data_rows(section)[1] == {
        "period": "2011-03-31",
        "value": "c",
        "ci_low": "c",
        "ci_high": "c",
        "target": 15.0,
        "England": "",
        "neighbours": "",
    }


def test_data_rows_are_the_chart_table_with_c_for_suppressed() -> None:
    blank = {"England": "", "neighbours": ""}
    assert charts.data_rows(ni075()) == [
        {"period": "2006/07", "value": 48.3, "ci_low": 47.1, "ci_high": 49.6, "target": ""} | blank,
        {"period": "2007/08", "value": "c", "ci_low": "c", "ci_high": "c", "target": ""} | blank,
        {
            "period": "2008/09",
            "value": 53.0,
            "ci_low": 51.8,
            "ci_high": 54.3,
            "target": 50.0,
            "England": 54.0,
            "neighbours": 52.5,
        },
        {
            "period": "2009/10",
            "value": 54.9,
            "ci_low": 53.6,
            "ci_high": 56.1,
            "target": 53.0,
            "England": 56.0,
            "neighbours": "",
        },
        {
            "period": "2010/11",
            "value": 57.2,
            "ci_low": 55.9,
            "ci_high": 58.5,
            "target": 56.0,
            "England": 58.2,
            "neighbours": 56.0,
        },
    ]
    # a later period shows its target only, not figures the report's period cannot know
    assert charts.data_rows(ni075_as_at_2008_09())[-1] == {
        "period": "2010/11",
        "value": "",
        "ci_low": "",
        "ci_high": "",
        "target": 56.0,
        "England": "",
        "neighbours": "",
    }


def test_spec_validates_against_the_vega_lite_schema() -> None:
    sections = [ni075(), ni075_as_at_2008_09(), baseline_section(), gap_section()]
    # every figure suppressed: a frame with its "c"s and nothing else
    hidden = tuple(point(p.period, None, suppressed=True) for p in ni075().series)
    sections.append(replace(ni075(), series=hidden, final_target=None))
    for section in sections:
        spec = charts.turn_the_curve(section)
        validate(spec)
        assert spec["$schema"] == alt.SCHEMA_URL


def test_every_element_has_its_layer() -> None:
    spec = charts.turn_the_curve(ni075_as_at_2008_09())
    marks = [la["mark"]["type"] for la in spec_layers(spec)]
    # forecast interval, CI whiskers with their caps, lines, targets, points, labels, "c"
    for mark in ("area", "rule", "tick", "line", "point", "text"):
        assert mark in marks, mark
    cone = layer_rows(next(la for la in spec_layers(spec) if la["mark"]["type"] == "area"))
    assert cone == [
        {"period": "2008/09", "low": 53.0, "high": 53.0},
        {"period": "2010/11", "low": 57.0, "high": 58.4},
    ]
    whiskers = layer_rows(next(la for la in spec_layers(spec) if la["mark"]["type"] == "rule"))
    assert [(w["period"], w["low"], w["high"]) for w in whiskers] == [
        ("2006/07", 47.1, 49.6),
        ("2008/09", 51.8, 54.3),
    ]
    lines = layer_rows(lines_layer(spec))

    def line(series: str) -> list[tuple[str, float]]:
        return [(r["period"], r["value"]) for r in lines if r["series"] == series]

    # the suppressed 2007/08 breaks the area's line into two runs; 2010/11 is not plotted
    assert line(charts.AREA) == [("2006/07", 48.3), ("2008/09", 53.0)]
    assert len({r["run"] for r in lines if r["series"] == charts.AREA}) == 2
    assert line(charts.TARGET) == [("2008/09", 50.0), ("2010/11", 56.0)]
    assert line(charts.FORECAST) == [("2008/09", 53.0), ("2010/11", 57.7)]
    assert line(charts.ENGLAND) == [("2008/09", 54.0)]
    assert line(charts.NEIGHBOURS) == [("2008/09", 52.5)]
    markers = next(la for la in spec_layers(spec) if "shape" in la.get("encoding", {}))
    assert [(r["period"], r["value"], r["marker"]) for r in layer_rows(markers)] == [
        ("2008/09", 50.0, charts.PLAN_TARGET),
        ("2010/11", 56.0, charts.PLAN_TARGET),
    ]
    words = {r["text"] for r in texts(spec)}
    assert {"53.0%", "Target 56%", "Forecast 57.7%", "England", "Neighbours", "c"} <= words
    # the x axis is the periods in order, 2009/10 included though nothing is plotted there
    x = lines_layer(spec)["encoding"]["x"]
    assert x["scale"]["domain"] == ["2006/07", "2007/08", "2008/09", "2009/10", "2010/11"]
    assert spec["description"] == charts.description(ni075_as_at_2008_09())
    assert spec["title"]["text"] == ["NI 75: 5+ A*-C incl. English and maths"]
    assert spec["title"]["subtitle"][0] == (
        "Target met. No significant change on the previous period; improving since 2006/07."
    )


def baseline_section() -> IndicatorSection:
    """NI 112 with its 2006 baseline of 40.2 and figures for 2008 and 2010 only."""
    return IndicatorSection(
        key="NI112",
        label="NI 112",
        title=indicator("NI112").title,
        unit="rate per 1,000",
        polarity="low",
        method="reported",
        indicator=indicator("NI112"),
        assessment=assessment(
            "NI112", "2010", value=28.5, target=22.1, status="off track", unit="rate per 1,000"
        ),
        series=(
            point("2008", 31.5, target=25.1, trajectory=True, england=39.4),
            point("2010", 28.5, target=22.1, england=34.1),
        ),
        baseline=("2006", 40.2),
        final_target=("2010", 22.1),
    )


def test_baseline_is_marked_and_missing_years_fill_the_axis() -> None:
    section = baseline_section()
    spec = charts.turn_the_curve(section)
    assert lines_layer(spec)["encoding"]["x"]["scale"]["domain"] == [
        "2006",
        "2007",
        "2008",
        "2009",
        "2010",
    ]
    markers = next(la for la in spec_layers(spec) if "shape" in la.get("encoding", {}))
    assert {"period": "2006", "value": 40.2, "marker": charts.BASELINE} in layer_rows(markers)
    assert markers["encoding"]["shape"]["scale"]["range"] == ["diamond", "square"]
    trajectory = [r for r in layer_rows(lines_layer(spec)) if r["series"] == charts.TARGET]
    assert [(r["period"], r["value"]) for r in trajectory] == [
        ("2006", 40.2),
        ("2008", 25.1),
        ("2010", 22.1),
    ]
    # the data table has a row for the baseline (its target column), none for 2007 or 2009
    assert [row["period"] for row in charts.data_rows(section)] == ["2006", "2008", "2010"]
    assert charts.data_rows(section)[0]["target"] == 40.2
    y = lines_layer(spec)["encoding"]["y"]
    assert y["axis"]["title"] == "per 1,000 (lower is better)"
    assert "Baseline: 40.2 per 1,000 in 2006." in charts.description(section)


def gap_section() -> IndicatorSection:
    """The NI 75 FSM gap: 3.2 pp in 2009/10, -2.5 pp in 2010/11; no targets."""
    return IndicatorSection(
        key="NI075:fsm_gap",
        label="NI 75 (FSM gap)",
        title="unused",
        unit="percentage points",
        polarity="low",
        method="computed",
        indicator=indicator("NI075"),
        assessment=assessment(
            "NI075:fsm_gap",
            "2010/11",
            value=-2.5,
            ci_low=-4.9,
            ci_high=1.8,
            direction="no significant change",
            direction_since_first="no significant change",
            unit="percentage points",
            polarity="low",
        ),
        series=(point("2009/10", 3.2, (-0.3, 8.7)), point("2010/11", -2.5, (-4.9, 1.8))),
        gap_of="fsm_gap",
    )


def test_a_gap_is_charted_in_percentage_points_with_a_minus_sign() -> None:
    section = gap_section()
    spec = charts.turn_the_curve(section)
    assert spec["title"]["text"] == [  # wrapped at 78 characters
        "NI 75 (FSM gap): 5+ A*-C incl. English and maths, gap between pupils eligible",
        "for free school meals and the rest",
    ]
    assert lines_layer(spec)["encoding"]["y"]["axis"]["title"] == (
        "percentage points (lower is better)"
    )
    assert "\N{MINUS SIGN}2.5" in {r["text"] for r in texts(spec)}
    assert charts.description(section).startswith(
        "NI 75 (FSM gap): -2.5 percentage points in 2010/11 (95% CI -4.9 to 1.8), down from "
        "3.2 percentage points in 2009/10. No significant change on the previous period. "
        "No target for this period."
    )


def test_a_measure_not_yet_established_has_no_chart() -> None:
    section = IndicatorSection(
        key="FSS",
        label="Family Support",
        title=indicator("FSS").title,
        unit="count",
        polarity="none",
        method="not_yet_established",
        indicator=indicator("FSS"),
        assessment=None,
    )
    with pytest.raises(ValueError, match="Family Support has no figures"):
        charts.turn_the_curve(section)


def hex_colours(node: Any) -> set[str]:
    """Every "#rrggbb" in a specification's layers (data, marks and scales)."""
    if isinstance(node, dict):
        return set().union(*(hex_colours(v) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(hex_colours(v) for v in node)) if node else set()
    if isinstance(node, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", node):
        return {node.upper()}
    return set()


def test_palette_is_okabe_ito_and_lines_differ_by_dash_as_well_as_colour() -> None:
    spec = charts.turn_the_curve(ni075_as_at_2008_09())
    okabe_ito = {c.upper() for c in OKABE_ITO}
    assert okabe_ito == {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    # data in Okabe-Ito colours; white only inside open markers, near-black only for words
    assert hex_colours(spec["layer"]) <= okabe_ito | {WHITE, INK.upper()}
    encoding = lines_layer(spec)["encoding"]
    series = encoding["color"]["scale"]["domain"]
    assert series == [
        charts.AREA,
        charts.TARGET,
        charts.FORECAST,
        charts.ENGLAND,
        charts.NEIGHBOURS,
    ]
    colours = encoding["color"]["scale"]["range"]
    dashes = [tuple(d) for d in encoding["strokeDash"]["scale"]["range"]]
    assert set(colours) <= okabe_ito
    assert len(set(dashes)) == len(series)  # every line its own dash pattern
    assert dashes[0] == ()  # the area's own line is the one solid line
    assert encoding["strokeDash"]["field"] == encoding["color"]["field"] == "series"
    assert encoding["color"]["legend"]["symbolType"] == "stroke"  # the legend shows the dash


def test_direct_labels_at_one_period_do_not_overlap() -> None:
    spec = charts.turn_the_curve(ni075())
    y = lines_layer(spec)["encoding"]["y"]["scale"]["domain"]
    pixels_per_unit = PLOT_HEIGHT / (y[1] - y[0])
    at_end = sorted(r["y"] for r in texts(spec) if r["period"] == "2010/11")
    # 57.2%, Target 56%, England (58.2) and Neighbours (56.0, the same as the target)
    assert len(at_end) == 4
    gaps = [(b - a) * pixels_per_unit for a, b in itertools.pairwise(at_end)]
    assert min(gaps) >= charts.LABEL_GAP - 1e-9


def test_svg_renders_with_the_description_as_its_accessible_name() -> None:
    for section in (ni075(), ni075_as_at_2008_09()):
        spec = charts.turn_the_curve(section)
        svg = charts.to_svg(spec)
        assert svg.startswith("<svg ")
        root = svg.split(">", 1)[0]
        assert 'role="img"' in root
        assert f'aria-label="{html.escape(charts.description(section), quote=True)}"' in root
        no_missing_words(svg)
        no_missing_words(charts.description(section))
        assert ">c</text>" in svg  # the suppressed year is marked
        width = float(re.search(r'width="([\d.]+)"', root).group(1))  # type: ignore[union-attr]
        height = float(re.search(r'height="([\d.]+)"', root).group(1))  # type: ignore[union-attr]
        assert 520 <= width <= 660 and 240 <= height <= 320, (width, height)  # an A4 column
    assert charts.to_svg(spec) == svg  # deterministic


def cards() -> list[Scorecard]:
    return [
        Scorecard(
            "enjoy-and-achieve",
            "Enjoy and achieve",
            {"met": 3, "on track": 2, "off track": 4, "not assessed": 1},
            ("NI 97", "NI 98", "NI 105", "NI 87"),
        ),
        Scorecard(
            "stay-safe",
            "Stay safe",
            {"met": 0, "on track": 2, "off track": 0, "not assessed": 0},
            (),
        ),
    ]


def test_scorecard_chart_stacks_the_piles_in_order_and_names_them() -> None:
    spec = charts.scorecard_chart(cards(), "Indicators by outcome")
    validate(spec)
    bars = next(la for la in spec_layers(spec) if la["mark"]["type"] == "rect")
    rows = layer_rows(bars)
    assert [(r["card"], r["pile"], r["x"], r["x2"]) for r in rows] == [
        ("Enjoy and achieve", "met", 0, 3),
        ("Enjoy and achieve", "on track", 3, 5),
        ("Enjoy and achieve", "off track", 5, 9),
        ("Enjoy and achieve", "not assessed", 9, 10),
        ("Stay safe", "on track", 0, 2),
    ]
    # 47 px per indicator: "3 met" fits in 141 px, "1 not assessed" not in 47 px, so that
    # pile is named in words under the bar with the indicators off track
    assert [r["label"] for r in rows] == ["3 met", "2 on track", "4 off track", "1", "2 on track"]
    words = {str(r.get("text")) for r in texts(spec)}
    assert "1 not assessed. Off track: NI 97, NI 98, NI 105, NI 87" in words
    assert {"10 indicators", "2 indicators"} <= words
    colour = bars["encoding"]["color"]["scale"]
    assert colour["domain"] == ["met", "on track", "off track", "not assessed"]
    assert set(colour["range"]) <= {c.upper() for c in OKABE_ITO} | {WHITE}
    assert hex_colours(spec["layer"]) <= {c.upper() for c in OKABE_ITO} | {WHITE, INK.upper()}
    svg = charts.to_svg(spec)
    description = charts.scorecard_description(cards(), "Indicators by outcome")
    assert description == (
        "Indicators by outcome. Enjoy and achieve: 10 indicators; 3 met, 2 on track, "
        "4 off track and 1 not assessed. Off track: NI 97, NI 98, NI 105 and NI 87. "
        "Stay safe: 2 indicators; 0 met, 2 on track, 0 off track and 0 not assessed."
    )
    assert f'aria-label="{html.escape(description, quote=True)}"' in svg
    no_missing_words(svg)


def test_numbers_follow_the_unit() -> None:
    assert figure(57.16, "%") == "57.2%"
    assert figure(56.0, "%", trim=True) == "56%"
    assert figure(34.12, "rate per 1,000") == "34.1 per 1,000"
    assert figure(12345.4, "count") == "12,345"
    assert figure(12.34, "days") == "12.3 days"
    assert number(-0.04, "%") == "0.0"  # never "-0.0"


def test_y_axis_runs_between_round_numbers() -> None:
    # 48.3 to 57.2, padded by 8% of 8.9 to 47.588 and 57.912; a fifth of that is 2.06, so
    # steps of 2.5, from 47.5 to 60
    assert nice_domain([57.2, 48.3, 50.0], "%") == (47.5, 60.0, 2.5)
    assert tick_format(2.5) == ",.1f"
    # a lone 0 gets room either side (-1 to 1, padded to -1.16 to 1.16), in whole steps for
    # a count, and never below 0 for figures that cannot be negative
    assert nice_domain([0.0], "count") == (0.0, 2.0, 1.0)
    assert nice_domain([99.0, 100.0], "%")[1] == 100.0  # no percentage above 100
