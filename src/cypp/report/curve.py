"""What a "turn the curve" chart shows of an indicator section, worked out once so that the
chart, its description and its data table can never disagree.

The chart is "as at" the assessed period: a figure for a later period (a period that is in
the series only for its target) is withheld, and the forecast runs from the latest figure to
the final target only when that target is still ahead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from cypp.periods import PeriodFormatError, PeriodType, parse_period
from cypp.report.content import IndicatorSection, SeriesPoint

# the lines of the chart, as its legend names them
AREA = "This area"  # unless the report names the area
TARGET = "Target trajectory"
FORECAST = "Forecast"
ENGLAND = "England"
NEIGHBOURS = "Statistical neighbours"

X_PADDING = 0.4  # room either side of the first and last period on the x axis, in steps


def present(value: float | None) -> bool:
    """Whether there is a figure to show (neither missing nor NaN)."""
    return value is not None and not math.isnan(value)


def is_after(period: str, other: str) -> bool:
    """Whether ``period`` ends after ``other`` (False when either is in no known notation)."""
    try:
        return parse_period(period).year_index > parse_period(other).year_index
    except PeriodFormatError:
        return False


def called(period: str) -> str:
    """A period as a sentence names it: "2009/10", or "31 March 2009" for a snapshot date."""
    try:
        p = parse_period(period)
    except PeriodFormatError:
        return period
    if p.type is PeriodType.SNAPSHOT:
        return _day(p.end)
    return period


def when(period: str) -> str:
    """ "in 2009/10", or "at 31 March 2009" for a snapshot date."""
    name = called(period)
    return f"at {name}" if name != period else f"in {period}"


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


@dataclass(frozen=True)
class Forecast:
    """The straight-line forecast drawn from the latest figure to the final target."""

    start: str
    start_value: float
    end: str
    value: float
    low: float | None  # the 95% prediction interval, when there were enough periods
    high: float | None
    likely: str  # "yes", "no", "uncertain": likely to meet the final target


@dataclass(frozen=True)
class Curve:
    section: IndicatorSection
    points: tuple[SeriesPoint, ...]  # the series, with figures after the assessed one withheld
    periods: tuple[str, ...]  # the x axis
    latest: SeriesPoint | None  # the point assessed
    forecast: Forecast | None

    @property
    def shown(self) -> list[SeriesPoint]:
        """Points with a figure to plot."""
        return [p for p in self.points if present(p.value)]

    @property
    def suppressed(self) -> list[str]:
        return [p.period for p in self.points if p.suppressed]

    @property
    def missing(self) -> list[str]:
        """Periods up to the assessed one with neither a figure nor a suppression."""
        return [
            p.period
            for p in self.points
            if not present(p.value) and not p.suppressed and not self.future(p.period)
        ]

    def future(self, period: str) -> bool:
        return self.latest is not None and is_after(period, self.latest.period)


def curve(section: IndicatorSection) -> Curve:
    assessed = section.assessment.period if section.assessment else None
    points = tuple(
        _withheld(p) if assessed is not None and is_after(p.period, assessed) else p
        for p in section.series
    )
    latest = next((p for p in points if p.period == assessed), None)
    if latest is None:
        reported = [p for p in points if present(p.value) or p.suppressed]
        latest = reported[-1] if reported else None
    return Curve(section, points, tuple(_periods(section)), latest, _forecast(section, points))


# what a later period's point loses: everything but its period and its target
_FIGURES = ("value", "ci_low", "ci_high", "england", "region", "neighbours")
_COUNTS = ("numerator", "denominator")


def _withheld(p: SeriesPoint) -> SeriesPoint:
    gone: dict[str, Any] = {f: None for f in (*_FIGURES, *_COUNTS) if hasattr(p, f)}
    return replace(p, suppressed=False, **gone)


def _forecast(section: IndicatorSection, points: tuple[SeriesPoint, ...]) -> Forecast | None:
    a, final = section.assessment, section.final_target
    if a is None or final is None or a.period is None or not present(a.forecast):
        return None
    if not is_after(final[0], a.period):
        return None  # the final target's period has come: there is nothing to forecast
    start = [p for p in points if present(p.value) and not is_after(p.period, a.period)]
    if not start or start[-1].value is None or a.forecast is None:
        return None
    low, high = a.forecast_low, a.forecast_high
    if not (present(low) and present(high)):
        low = high = None
    return Forecast(
        start[-1].period,
        start[-1].value,
        final[0],
        a.forecast,
        low,
        high,
        a.likely_to_meet_target,
    )


def _periods(section: IndicatorSection) -> list[str]:
    """The series' periods, the baseline's and the final target's, in time order, with
    missing years filled in so that the spacing of the categories is honest."""
    labels = [p.period for p in section.series]
    for extra in (section.baseline, section.final_target):
        if extra is not None and extra[0] not in labels:
            labels.append(extra[0])
    try:
        parsed = sorted((parse_period(label) for label in labels), key=lambda p: p.year_index)
    except PeriodFormatError:
        return labels  # a period in no known notation: keep the series' own order
    if len({p.type for p in parsed}) > 1:
        return [p.label for p in parsed]
    filled: list[str] = []
    for before, after in zip(parsed, [*parsed[1:], None], strict=True):
        filled.append(before.label)
        if after is None:
            continue
        step = after.year_index - before.year_index
        gap = round(step)
        if 1 < gap <= 30 and math.isclose(step, gap, abs_tol=0.02):
            filled += [before.shifted(k).label for k in range(1, gap)]
    return filled
