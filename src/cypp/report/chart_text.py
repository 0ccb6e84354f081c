"""The words and numbers of the report's charts: figures formatted by unit, the subtitle,
and the plain English description a screen-reader user (or a board member on the phone)
hears instead of seeing a chart.

Nothing here ever says ``None`` or ``nan``: a missing figure is left out or named
("suppressed (c)", "no figure").
"""

from __future__ import annotations

from collections.abc import Sequence

from cypp.report.content import PILES, IndicatorSection, Scorecard
from cypp.report.curve import Curve, called, curve, present, when

_SUFFIX = {
    "%": "%",
    "rate per 1,000": " per 1,000",
    "per 1,000": " per 1,000",
    "percentage points": " percentage points",
    "score": "",
    "count": "",
}

_AXIS_UNIT = {"rate per 1,000": "per 1,000", "count": "number"}

_STATUS_WORDS = {
    "met": "Target met",
    "on track": "On track",
    "not significantly different from target": "Not significantly different from target",
    "off track": "Off track",
    "not assessed": "Not assessed",
    "not yet established": "Not yet established",
}

_LIKELY_WORDS = {
    "yes": "likely to meet the target",
    "no": "unlikely to meet the target",
    "uncertain": "too uncertain to say whether the target will be met",
}


def decimals(unit: str) -> int:
    """Counts are whole numbers; every other unit is shown to one decimal place."""
    return 0 if unit == "count" else 1


def number(value: float, unit: str, *, trim: bool = False) -> str:
    """``value`` with thousands separators at the unit's precision, without the unit.

    ``trim`` drops a trailing ".0", for numbers the plan wrote itself (a target of 56).
    """
    places = decimals(unit)
    value = round(value, places)
    if value == 0:
        value = 0.0  # never "-0.0"
    text = f"{value:,.{places}f}"
    if trim and places and text.endswith(".0"):
        text = text[:-2]
    return text


def figure(value: float, unit: str, *, trim: bool = False) -> str:
    """``value`` with its unit, as a sentence says it: "57.2%", "34.1 per 1,000"."""
    return number(value, unit, trim=trim) + _SUFFIX.get(unit, f" {unit}")


def short(value: float, unit: str, *, trim: bool = False) -> str:
    """``value`` as a label on a chart whose axis names the unit: "57.2%", "28.5", with a
    true minus sign as the axis has."""
    text = number(value, unit, trim=trim).replace("-", "\N{MINUS SIGN}")
    return text + ("%" if unit == "%" else "")


def axis_title(section: IndicatorSection) -> str:
    """The y axis's title: the unit, and which way is better."""
    unit = _AXIS_UNIT.get(section.unit, section.unit)
    better = {"high": "higher is better", "low": "lower is better"}.get(section.polarity)
    return f"{unit} ({better})" if better else unit


def listing(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def subtitle(section: IndicatorSection) -> list[str]:
    """Status and direction of travel in words, then what the marks mean."""
    c = curve(section)
    status = _STATUS_WORDS.get(section.status, section.status.capitalize())
    lines = [f"{status}. {_sentence(_direction(c))}"]
    notes = []
    if any(present(p.ci_low) and present(p.ci_high) for p in c.shown):
        notes.append("Bars: 95% confidence intervals.")
    if c.forecast is not None and c.forecast.low is not None:
        notes.append("Shaded: 95% prediction interval of the forecast.")
    if c.suppressed:
        notes.append("c: suppressed (small numbers).")
    if _illustrative(section):
        notes.append("Targets are illustrative.")
    return [*lines, " ".join(notes)] if notes else lines


def _illustrative(section: IndicatorSection) -> bool:
    """Whether the section has targets and the plan says its targets are illustrative."""
    has_targets = section.final_target is not None or any(
        p.target is not None for p in section.series
    )
    return has_targets and bool(section.assessment and section.assessment.illustrative_targets)


def _direction(c: Curve) -> str:
    """ "improving on the previous period and since 2006/07", or each judged on its own."""
    a = c.section.assessment
    if a is None or a.direction == "no earlier period":
        return "no earlier figure to compare with"
    if a.direction == "not assessed":
        return "direction of travel not assessed"
    text = f"{a.direction} on the previous period"
    reported = [p for p in c.points if present(p.value) or p.suppressed]
    before = [p for p in reported if c.latest is not None and c.latest.period != p.period]
    before = [p for p in before if not c.future(p.period)]
    if len(before) < 2 or a.direction_since_first == "not assessed":
        return text
    first = called(before[0].period)
    if a.direction_since_first == a.direction:
        return f"{text} and since {first}"
    return f"{text}; {a.direction_since_first} since {first}"


def description(section: IndicatorSection, area: str | None = None) -> str:
    """The chart in plain English: the latest figure with its interval and the change since
    the first, direction of travel, target and status, forecast, benchmarks, which way is
    better, and what is suppressed or missing."""
    if not section.series:
        raise ValueError(f"{section.label} has no figures to describe")
    c = curve(section)
    head = f"{section.label}, {area}" if area else section.label
    sentences = [
        f"{head}: {_latest(c)}",
        _sentence(_direction(c)),
        _target(c),
        _forecast(c),
        _benchmarks(c),
    ]
    if section.polarity in ("high", "low"):
        sentences.append(f"{'Higher' if section.polarity == 'high' else 'Lower'} is better.")
    if c.suppressed:
        verb = "is" if len(c.suppressed) == 1 else "are"
        sentences.append(f"{listing([called(p) for p in c.suppressed])} {verb} suppressed (c).")
    if c.missing:
        sentences.append(f"No figure for {listing([called(p) for p in c.missing])}.")
    if _illustrative(section):
        sentences.append("The targets are illustrative.")
    return " ".join(s for s in sentences if s)


def _latest(c: Curve) -> str:
    unit = c.section.unit
    point, shown = c.latest, [p for p in c.shown if not c.future(p.period)]
    if point is None or point.value is None or not present(point.value):
        if point is None:
            text = "no figure yet"
        else:
            why = "is suppressed (c)" if point.suppressed else "is not available"
            text = f"the figure for {called(point.period)} {why}"
        if shown and shown[-1].value is not None:
            text += (
                f"; the latest shown is {figure(shown[-1].value, unit)} {when(shown[-1].period)}"
            )
        return text + "."
    text = f"{figure(point.value, unit)} {when(point.period)}"
    if point.ci_low is not None and point.ci_high is not None and present(point.ci_high):
        text += f" (95% CI {number(point.ci_low, unit)} to {number(point.ci_high, unit)})"
    first = shown[0]
    if first is not point and first.value is not None:
        now, then = round(point.value, decimals(unit)), round(first.value, decimals(unit))
        change = "up from" if now > then else "down from" if now < then else "the same as"
        text += f", {change} {figure(first.value, unit)} {when(first.period)}"
    return text + "."


def _target(c: Curve) -> str:
    section, unit, point = c.section, c.section.unit, c.latest
    parts = []
    if point is not None and point.target is not None and present(point.target):
        kind = "Trajectory" if point.target_is_trajectory else "Target"
        aim = figure(point.target, unit, trim=True)
        parts.append(f"{kind} for {called(point.period)}: {aim}; {section.status}.")
    elif section.polarity not in ("high", "low"):
        parts.append("Context only: not judged against a target.")
    else:
        parts.append("No target for this period.")
    final = section.final_target
    if final is not None and (point is None or final[0] != point.period):
        parts.append(f"Final target: {figure(final[1], unit, trim=True)} by {called(final[0])}.")
    if section.baseline is not None:
        period, value = section.baseline
        parts.append(f"Baseline: {figure(value, unit, trim=True)} {when(period)}.")
    return " ".join(parts)


def _forecast(c: Curve) -> str:
    f, unit = c.forecast, c.section.unit
    if f is None:
        return ""
    text = f"Forecast for {called(f.end)} on the current trend: {figure(f.value, unit)}"
    if f.low is not None and f.high is not None:
        text += f" (95% prediction interval {number(f.low, unit)} to {number(f.high, unit)})"
    return f"{text}; {_LIKELY_WORDS.get(f.likely, f.likely)}."


def _benchmarks(c: Curve) -> str:
    a, point = c.section.assessment, c.latest
    england = a.england if a else point.england if point else None
    neighbours = a.neighbours_mean if a else point.neighbours if point else None
    parts = []
    if england is not None and present(england):
        parts.append(f"England {figure(england, c.section.unit)}")
    if neighbours is not None and present(neighbours):
        parts.append(f"statistical neighbours {figure(neighbours, c.section.unit)}")
    return _sentence(", ".join(parts)) if parts else ""


def scorecard_description(cards: Sequence[Scorecard], title: str) -> str:
    """Each card's counts in words, and which indicators are off track."""
    if not cards:
        return f"{title}: no indicators."
    sentences = [_sentence(title)]
    for card in cards:
        counts = [f"{card.counts.get(pile, 0)} {pile}" for pile in PILES]
        noun = "indicator" if card.total == 1 else "indicators"
        text = f"{card.title}: {card.total} {noun}; {listing(counts)}."
        if card.off_track:
            text += f" Off track: {listing(list(card.off_track))}."
        sentences.append(text)
    return " ".join(sentences)
