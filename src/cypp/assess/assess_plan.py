"""One assessment per indicator (and equity gap) for an area and period.

Brings together the value and its interval, the aim (target or trajectory) and status, the
direction of travel against the previous period and against the first, the forecast to the
final target, and the benchmarks: England, region, statistical neighbours' mean, quartile band
and rank among councils.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cypp.assess.benchmark import band, neighbours_mean, rank
from cypp.assess.direction import Direction, direction
from cypp.assess.forecast import Likely, linear_forecast
from cypp.assess.series import Figure, Figures
from cypp.assess.status import Status, judge
from cypp.assess.targets import aim_for, final_target
from cypp.periods import PeriodFormatError, parse_period
from cypp.plan.model import Indicator, Plan, Polarity

ENGLAND = "E92000001"
COUNCIL_PREFIXES = ("E06", "E08", "E09", "E10")  # unitary, metropolitan, London, county


@dataclass(frozen=True)
class Place:
    """The area assessed and what it is compared with."""

    ons_code: str
    name: str
    region_code: str | None
    neighbours: tuple[str, ...]  # ONS codes
    regions: Mapping[str, str] = field(default_factory=dict)  # council ONS code -> region code

    def in_region(self, council: str) -> bool:
        return self.regions.get(council) == self.region_code


@dataclass(frozen=True)
class Assessment:
    indicator: str
    area: str
    period: str | None
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    target: float | None
    target_is_trajectory: bool
    status: str
    status_reason: str
    direction: str
    direction_since_first: str
    direction_basis: str
    forecast: float | None
    forecast_low: float | None
    forecast_high: float | None
    likely_to_meet_target: str
    england: float | None
    region: float | None
    neighbours_mean: float | None
    neighbours_with_value: int
    quartile_band: str | None
    rank: int | None
    rank_of: int | None
    source_measure: str | None
    unit: str
    polarity: str
    illustrative_targets: bool

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _sorted_periods(series: dict[str, Figure]) -> list[str]:
    def key(label: str) -> tuple[float, str]:
        try:
            return parse_period(label).year_index, label
        except PeriodFormatError:
            return float("inf"), label

    return sorted(series, key=key)


def _triple(f: Figure | None) -> tuple[float | None, float | None, float | None]:
    return (None, None, None) if f is None else (f.value, f.ci_low, f.ci_high)


def _pooled(
    series: dict[str, dict[str, Figure]],
    period: str,
    code: str,
    member: Callable[[str], bool],
    poolable: bool,
) -> float | None:
    """A published figure for ``code`` (England, a region), or else — for computed
    percentages — the councils that belong to it pooled: their numerators over their
    denominators. Means and rates are not pooled this way, nor is a suppressed council."""
    own = series.get(code, {}).get(period)
    if own is not None:
        return own.value
    if not poolable:
        return None
    parts = [
        s[period]
        for area, s in series.items()
        if area.startswith(COUNCIL_PREFIXES) and member(area) and period in s
    ]
    if len(parts) < 2 or any(p.numerator is None or not p.denominator for p in parts):
        return None
    return 100 * sum(p.numerator or 0 for p in parts) / sum(p.denominator or 0 for p in parts)


def assess_indicator(
    code: str,
    indicator: Indicator | None,
    polarity: str,
    unit: str,
    plan: Plan,
    figures: Figures,
    place: Place,
    period: str | None,
    tolerance_percent: float,
) -> Assessment:
    by_area = figures.get(code, {})
    own = by_area.get(place.ons_code, {})
    periods = _sorted_periods(own)
    chosen = period if period is not None else (periods[-1] if periods else None)
    figure = own.get(chosen) if chosen else None
    spec = plan.targets_for(code)
    aim = aim_for(spec, chosen) if chosen else None
    judgement = judge(
        figure.value if figure else None,
        figure.ci_low if figure else None,
        figure.ci_high if figure else None,
        aim,
        polarity,
        tolerance_percent=tolerance_percent,
        suppressed=bool(figure and figure.suppressed),
    )
    before = [
        p
        for p in periods
        if chosen and parse_period(p).year_index < parse_period(chosen).year_index
    ]
    # published whole-population figures carry no intervals and are compared directly
    published = bool(indicator and indicator.source_measure)
    none3: tuple[float | None, float | None, float | None] = (None, None, None)
    dir_prev = direction(
        _triple(own.get(before[-1])) if before else none3,
        _triple(figure),
        polarity,
        whole_population=published,
    )
    dir_first = direction(
        _triple(own.get(before[0])) if before else none3,
        _triple(figure),
        polarity,
        whole_population=published,
    )
    # forecast to the final target (or the plan's end)
    final = final_target(spec)
    points = [
        (parse_period(p).year_index, own[p].value)
        for p in periods
        if own[p].value is not None
        and (not chosen or parse_period(p).year_index <= parse_period(chosen).year_index)
    ]
    at = parse_period(final.period).year_index if final else float(plan.plan.span.end.year)
    forecast = linear_forecast(
        [(x, v) for x, v in points if v is not None], at, final.value if final else None, polarity
    )
    councils = [
        s[chosen].value
        for area, s in by_area.items()
        if chosen
        and area.startswith(COUNCIL_PREFIXES)
        and chosen in s
        and s[chosen].value is not None
    ]
    values = [v for v in councils if v is not None]
    value = figure.value if figure else None
    ranked = rank(value, values, polarity)
    n_mean, n_count = neighbours_mean(
        [by_area.get(n, {}).get(chosen or "", Figure(n, "", None)).value for n in place.neighbours]
    )
    return Assessment(
        indicator=code,
        area=place.ons_code,
        period=chosen,
        value=value,
        ci_low=figure.ci_low if figure else None,
        ci_high=figure.ci_high if figure else None,
        suppressed=bool(figure and figure.suppressed),
        target=aim.value if aim else None,
        target_is_trajectory=bool(aim and not aim.explicit),
        status=judgement.status.value,
        status_reason=judgement.reason,
        direction=_direction_word(dir_prev, before),
        direction_since_first=_direction_word(dir_first, before),
        direction_basis="published figures (no intervals)" if published else "confidence intervals",
        forecast=forecast.value,
        forecast_low=forecast.low,
        forecast_high=forecast.high,
        likely_to_meet_target=forecast.likely.value if final else Likely.UNCERTAIN.value,
        england=_pooled(by_area, chosen, ENGLAND, lambda _: True, unit == "%") if chosen else None,
        region=(
            _pooled(by_area, chosen, place.region_code, place.in_region, unit == "%")
            if chosen and place.region_code
            else None
        ),
        neighbours_mean=n_mean,
        neighbours_with_value=n_count,
        quartile_band=band(value, values, polarity),
        rank=ranked[0] if ranked else None,
        rank_of=ranked[1] if ranked else None,
        source_measure=indicator.source_measure if indicator else None,
        unit=unit,
        polarity=polarity,
        illustrative_targets=plan.plan.illustrative,
    )


def _direction_word(d: Direction, before: list[str]) -> str:
    return "no earlier period" if not before else d.value


def assess_plan(
    plan: Plan,
    figures: Figures,
    place: Place,
    period: str | None = None,
    tolerance_percent: float = 5.0,
) -> list[Assessment]:
    """Assess every indicator of the plan with figures, and every equity gap computed."""
    found: list[Assessment] = []
    for ind in plan.indicators:
        if ind.method.value == "not_yet_established":
            continue
        found.append(
            assess_indicator(
                ind.code,
                ind,
                ind.polarity.value,
                ind.unit.value,
                plan,
                figures,
                place,
                period,
                tolerance_percent,
            )
        )
        for key in sorted(k for k in figures if k.startswith(ind.code + ":")):
            found.append(
                assess_indicator(
                    key,
                    None,
                    Polarity.LOW.value,
                    "percentage points",
                    plan,
                    figures,
                    place,
                    period,
                    tolerance_percent,
                )
            )
    return found


__all__ = ["Assessment", "Place", "Status", "assess_plan"]
