"""The board report's charts as Vega-Lite specifications (built with Altair), rendered to SVG
by vl-convert. The web app serves the same specifications, so a chart is the same everywhere.

"Turn the curve" (Results-Based Accountability's chart): the area's figures with their 95%
confidence intervals, the baseline, the target trajectory with the plan's targets marked,
the straight-line forecast to the final target, and England and statistical neighbours.

Every chart is readable without colour: each line has its own dash pattern and width as
well as its own Okabe–Ito colour, targets and the baseline have their own point shapes, and
a legend and direct labels name them. Suppressed figures are not plotted; a "c" marks their
period. Only the section's aggregates are used, never anything child-level.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import vl_convert

from cypp.report.chart_style import (
    BLACK,
    BLUE,
    CONFIG,
    INK,
    ORANGE,
    PLOT_HEIGHT,
    PLOT_WIDTH,
    SKY_BLUE,
    VERMILLION,
    WHITE,
    inline,
    legend_columns,
    nice_domain,
    tick_format,
    wrap,
)
from cypp.report.chart_table import data_rows
from cypp.report.chart_text import axis_title, scorecard_description, subtitle
from cypp.report.chart_text import description as _description
from cypp.report.content import GAP_NAMES, IndicatorSection
from cypp.report.curve import (
    AREA,
    ENGLAND,
    FORECAST,
    NEIGHBOURS,
    TARGET,
    X_PADDING,
    Curve,
    Forecast,
    curve,
    present,
)
from cypp.report.curve_labels import CHAR_PX, LABEL_GAP, direct_labels, dodge
from cypp.report.scorecard_chart import scorecard_chart

__all__ = [
    "LABEL_GAP",
    "data_rows",
    "description",
    "scorecard_chart",
    "scorecard_description",
    "to_svg",
    "turn_the_curve",
]

VEGA_LITE = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # e.g. "6.4"

PLAN_TARGET = "Plan target"
BASELINE = "Baseline"
SUPPRESSED = "c"  # DfE's symbol: withheld to protect confidentiality


@dataclass(frozen=True)
class _Style:
    colour: str
    dash: tuple[int, ...]
    width: float


# Each line differs in dash pattern and width as well as colour, so it survives greyscale.
STYLES = {
    AREA: _Style(BLUE, (), 3.0),
    TARGET: _Style(VERMILLION, (7, 4), 2.0),
    FORECAST: _Style(BLUE, (2, 3), 2.5),
    ENGLAND: _Style(BLACK, (12, 3, 3, 3), 1.5),
    NEIGHBOURS: _Style(ORANGE, (4, 3), 2.0),
}
LEGEND_PAD = 10  # puts the markers' legend level with the lines' (see _marker_layer)


def description(section: IndicatorSection, *, area: str | None = None) -> str:
    """The chart's text description (its alt text), in plain English."""
    return _description(section, area)


def to_svg(spec: dict[str, Any]) -> str:
    """The chart as SVG, the same every time for the same specification.

    The SVG is one image to assistive technology: ``role="img"`` with the specification's
    description as its ``aria-label`` (and ``<desc>``), which vl-convert's SVG does not carry
    by itself; the marks inside are hidden from it (config ``aria: false``).
    """
    svg: str = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE)
    text = spec.get("description")
    if not text or not svg.startswith("<svg "):
        return svg
    label = html.escape(str(text), quote=True)
    head, rest = svg.split(">", 1)
    return f'{head} role="img" aria-label="{label}"><desc>{label}</desc>{rest}'


def _runs(
    name: str, xs: Sequence[str], values: dict[str, float | None], *, join: bool
) -> list[dict[str, Any]]:
    """A line's points, each with the run it belongs to: a run ends where a figure is missing
    (so no line is drawn across a suppressed year) unless ``join`` (the trajectory)."""
    rows: list[dict[str, Any]] = []
    run, broken = 0, True
    for x in xs:
        v = values.get(x)
        if v is None or not present(v):
            broken = broken or not join
            continue
        if broken:
            run += 1
        rows.append({"series": name, "period": x, "value": v, "run": f"{name} {run}"})
        broken = False
    return rows


def _lines(c: Curve, name: str) -> list[dict[str, Any]]:
    """Every line's points in one table: benchmarks first, so the area's line is on top."""
    section, xs, points = c.section, c.periods, c.points
    aims: dict[str, float | None] = {p.period: p.target for p in points}
    if section.baseline is not None and not present(aims.get(section.baseline[0])):
        aims[section.baseline[0]] = section.baseline[1]  # the trajectory starts there
    lines = [
        *_runs(ENGLAND, xs, {p.period: p.england for p in points}, join=False),
        *_runs(NEIGHBOURS, xs, {p.period: p.neighbours for p in points}, join=False),
        *_runs(TARGET, xs, aims, join=True),
        *_runs(name, xs, {p.period: p.value for p in points}, join=False),
    ]
    f = c.forecast
    if f is not None:
        lines += _runs(FORECAST, xs, {f.start: f.start_value, f.end: f.value}, join=True)
    # a trajectory of one point draws nothing: its target is marked all the same
    if sum(1 for r in lines if r["series"] == TARGET) == 1:
        lines = [r for r in lines if r["series"] != TARGET]
    return lines


def _markers(c: Curve) -> list[dict[str, Any]]:
    rows = [
        {"period": p.period, "value": p.target, "marker": PLAN_TARGET}
        for p in c.points
        if p.target is not None and present(p.target) and not p.target_is_trajectory
    ]
    if c.section.baseline is not None:
        period, value = c.section.baseline
        rows.append({"period": period, "value": value, "marker": BASELINE})
    return rows


def _title(section: IndicatorSection) -> list[str]:
    title = f"{section.label}: {section.indicator.short_title}"
    if section.gap_of:
        title += f", {GAP_NAMES.get(section.gap_of, section.gap_of.replace('_', ' '))}"
    return wrap(title, 78)


def _label_angle(xs: Sequence[str]) -> int:
    """Level period labels when they fit side by side, slanted when they would collide."""
    longest = max((len(x) for x in xs), default=0)
    step = PLOT_WIDTH / max(len(xs) - 1 + 2 * X_PADDING, 1)  # pixels between categories
    return 0 if longest * CHAR_PX + 6 <= step else -40


def turn_the_curve(section: IndicatorSection, *, area: str | None = None) -> dict[str, Any]:
    """The "turn the curve" chart of an indicator (or gap) as a Vega-Lite specification.

    ``area`` names the area's line (default "This area"). Raises ValueError for a section
    with no series (a measure not yet established): the report says what the plan says of
    it instead.
    """
    if not section.series:
        raise ValueError(f"{section.label} has no figures to chart (status: {section.status})")
    c = curve(section)
    name = area or AREA
    lines = _lines(c, name)
    markers = _markers(c)
    whiskers = [
        {"period": p.period, "low": p.ci_low, "high": p.ci_high}
        for p in c.shown
        if present(p.ci_low) and present(p.ci_high)
    ]
    f = c.forecast
    cone = _cone(f) if f is not None else []
    values = [r["value"] for r in lines + markers]
    values += [v for w in whiskers + cone for v in (w["low"], w["high"])]
    low, high, step = nice_domain(values, section.unit)
    ticks = [round(low + i * step, 10) for i in range(round((high - low) / step) + 1)]
    enc = _Encoders(
        x=alt.X(
            "period:N",
            sort=list(c.periods),
            scale=alt.Scale(type="point", domain=list(c.periods), padding=X_PADDING),
            axis=alt.Axis(title=None, labelAngle=_label_angle(c.periods), grid=False),
        ),
        y_scale=alt.Scale(domain=[low, high], nice=False, zero=False),
        y_axis=alt.Axis(
            title=axis_title(section),
            values=ticks,
            format=tick_format(step),
            titlePadding=6,
        ),
    )
    layers: list[alt.Chart] = []
    if cone:
        layers.append(
            alt.Chart(inline(cone))
            .mark_area(color=SKY_BLUE, opacity=0.35)
            .encode(x=enc.x, y=enc.y("low"), y2="high:Q")
        )
    layers += _whisker_layers(whiskers, enc)
    if lines:
        layers += _line_layers(lines, name, enc)
    if markers:
        layers.append(_marker_layer(markers, enc))
    own = [r for r in lines if r["series"] == name]
    if own:  # on top of a target marker in the same place
        layers.append(
            alt.Chart(inline(own))
            .mark_point(filled=True, size=46, color=BLUE, stroke=WHITE, strokeWidth=1, opacity=1)
            .encode(x=enc.x, y=enc.y("value"))
        )
    placed = dodge(direct_labels(c, name, lines, low, high), low, high)
    for weight in ("bold", "normal"):
        texts = [row for row in placed if row["weight"] == weight]
        if texts:
            layers.append(
                alt.Chart(inline(texts))
                .mark_text(align="left", baseline="middle", dx=8, fontSize=11, fontWeight=weight)
                .encode(
                    x=enc.x, y=enc.y("y"), text="text:N", color=alt.Color("colour:N", scale=None)
                )
            )
    if c.suppressed:
        near_axis = low + 10 * (high - low) / PLOT_HEIGHT
        rows = [{"period": p, "y": near_axis, "text": SUPPRESSED} for p in c.suppressed]
        layers.append(
            alt.Chart(inline(rows))
            .mark_text(baseline="middle", fontSize=12, fontStyle="italic", color=INK)
            .encode(x=enc.x, y=enc.y("y"), text="text:N")
        )
    chart = (
        alt.layer(*layers)
        .properties(
            width=PLOT_WIDTH,
            height=PLOT_HEIGHT,
            title=alt.TitleParams(
                text=_title(section),
                subtitle=[line for s in subtitle(section) for line in wrap(s, 112)],
                anchor="start",
                fontSize=14,
                subtitleFontSize=11,
                subtitlePadding=4,
                offset=4,
            ),
            description=_description(section, area),
        )
        .configure(**CONFIG)
    )
    spec: dict[str, Any] = chart.to_dict(validate=False)  # validated by the tests: 5x faster
    return spec


@dataclass(frozen=True)
class _Encoders:
    """The axes every layer shares."""

    x: alt.X
    y_scale: alt.Scale
    y_axis: alt.Axis

    def y(self, field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", scale=self.y_scale, axis=self.y_axis)


def _cone(f: Forecast) -> list[dict[str, Any]]:
    """The forecast's prediction interval, widening from the latest figure."""
    if f.low is None or f.high is None:
        return []
    return [
        {"period": f.start, "low": f.start_value, "high": f.start_value},
        {"period": f.end, "low": f.low, "high": f.high},
    ]


def _whisker_layers(whiskers: list[dict[str, Any]], enc: _Encoders) -> list[alt.Chart]:
    if not whiskers:
        return []
    data = inline(whiskers)
    rule = alt.Chart(data).mark_rule(color=BLUE, strokeWidth=1.5)
    caps = [
        alt.Chart(data)
        .mark_tick(color=BLUE, thickness=1.5, size=9, orient="horizontal")
        .encode(x=enc.x, y=enc.y(end))
        for end in ("low", "high")
    ]
    return [rule.encode(x=enc.x, y=enc.y("low"), y2="high:Q"), *caps]


def _line_layers(lines: list[dict[str, Any]], name: str, enc: _Encoders) -> list[alt.Chart]:
    """The lines, one legend naming each with its dash and colour, and a point for any
    benchmark figure that stands alone (a line of one point draws nothing)."""
    styles = {**STYLES, name: STYLES[AREA]}
    order = [
        s
        for s in (name, TARGET, FORECAST, ENGLAND, NEIGHBOURS)
        if any(r["series"] == s for r in lines)
    ]

    def scale(attr: str) -> alt.Scale:
        # ordinal: one value per series, even when there is only one series
        values = [_range(styles[s], attr) for s in order]
        return alt.Scale(type="ordinal", domain=order, range=values)

    colour = alt.Color(
        "series:N",
        scale=scale("colour"),
        legend=alt.Legend(
            title=None,
            orient="top",
            direction="horizontal",
            symbolType="stroke",
            symbolSize=900,
            symbolStrokeWidth=2.5,
            columnPadding=14,
            offset=6,
            columns=legend_columns(order, PLOT_WIDTH - 60),  # beside the markers' legend
        ),
    )
    line = (
        alt.Chart(inline(lines))
        .mark_line(strokeCap="butt")
        .encode(
            x=enc.x,
            y=enc.y("value"),
            detail="run:N",
            color=colour,
            strokeDash=alt.StrokeDash("series:N", scale=scale("dash")),
            strokeWidth=alt.StrokeWidth("series:N", scale=scale("width")),
        )
    )
    runs = [r["run"] for r in lines]
    alone = [r for r in lines if r["series"] in (ENGLAND, NEIGHBOURS) and runs.count(r["run"]) == 1]
    layers = [line]
    if alone:
        layers.append(
            alt.Chart(inline(alone))
            .mark_point(filled=True, size=30, opacity=1)
            .encode(
                x=enc.x,
                y=enc.y("value"),
                color=alt.Color("series:N", scale=scale("colour"), legend=None),
            )
        )
    return layers


def _range(style: _Style, attr: str) -> Any:
    if attr == "dash":
        return list(style.dash)
    return style.colour if attr == "colour" else style.width


def _marker_layer(markers: list[dict[str, Any]], enc: _Encoders) -> alt.Chart:
    """The plan's targets (filled diamonds) and its baseline (an open square)."""
    kinds = [k for k in (PLAN_TARGET, BASELINE) if any(m["marker"] == k for m in markers)]
    shape = {PLAN_TARGET: "diamond", BASELINE: "square"}
    fill = {PLAN_TARGET: VERMILLION, BASELINE: WHITE}
    # padded to the height of the lines' legend beside it, so the two read as one row
    legend = alt.Legend(
        title=None,
        orient="top",
        direction="horizontal",
        offset=6,
        symbolSize=110,
        padding=LEGEND_PAD,
    )

    def channel(kind: type[Any], values: dict[str, str]) -> Any:
        return kind(
            "marker:N",
            scale=alt.Scale(domain=kinds, range=[values[k] for k in kinds]),
            legend=legend,
        )

    layer: alt.Chart = (
        alt.Chart(inline(markers))
        .mark_point(size=90, strokeWidth=2, opacity=1)
        .encode(
            x=enc.x,
            y=enc.y("value"),
            shape=channel(alt.Shape, shape),
            fill=channel(alt.Fill, fill),
            stroke=channel(alt.Stroke, dict.fromkeys(kinds, VERMILLION)),
        )
    )
    return layer
