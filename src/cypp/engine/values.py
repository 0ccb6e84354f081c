"""Values: aggregates turned into published figures, with confidence intervals and gaps.

A proportion is shown as a percentage, a mean as the mean score, a rate per 1,000. Gaps are
the difference of two groups' percentages in percentage points, with Newcombe's interval.
Suppression is decided here (see ``disclosure``) and a suppressed value keeps no figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cypp.engine.aggregates import Aggregate
from cypp.engine.disclosure import suppress
from cypp.engine.statistics import byar, mean_t, newcombe_difference, wilson
from cypp.indicators.definition import Gap, Kind

# Automatic equity gaps of every pupil-level proportion: (breakdown, minuend, subtrahends)
# — the subtrahend groups are pooled (SEN support + statement = pupils with SEN).
EQUITY_GAPS: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("fsm", "non-FSM", ("FSM",), "non-FSM minus FSM"),
    ("sen", "none", ("support", "statement"), "no SEN minus SEN"),
    ("cla", "all", ("in care",), "all pupils minus children in care"),
)


@dataclass(frozen=True, slots=True)
class Value:
    indicator: str
    area: str
    period: str
    breakdown: str
    group: str
    numerator: float | None
    denominator: float | None
    value: float | None
    ci_low: float | None
    ci_high: float | None
    unit: str
    polarity: str
    suppressed: bool
    suppression_reason: str | None
    definition_version: str

    def public(self) -> dict[str, object]:
        """The value as it may leave the warehouse: suppressed figures are withheld."""
        row: dict[str, object] = {
            "indicator": self.indicator,
            "area": self.area,
            "period": self.period,
            "breakdown": self.breakdown,
            "group": self.group,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "unit": self.unit,
            "polarity": self.polarity,
            "suppressed": self.suppressed,
            "definition_version": self.definition_version,
        }
        if self.suppressed:
            row.update(numerator=None, denominator=None, value=None, ci_low=None, ci_high=None)
        return row


def _reversed(label: str) -> str:
    """'non-FSM minus FSM' → 'FSM minus non-FSM'."""
    left, _, right = label.partition(" minus ")
    return f"{right} minus {left}" if right else label


def _figure(
    kind: Kind, a: Aggregate, level: float
) -> tuple[float | None, float | None, float | None]:
    if a.denominator <= 0:
        return None, None, None
    if kind is Kind.PROPORTION:
        low, high = wilson(a.numerator, a.denominator, level)
        return 100 * a.numerator / a.denominator, 100 * low, 100 * high
    if kind is Kind.RATE:
        low, high = byar(a.numerator, a.denominator, level)
        return 1000 * a.numerator / a.denominator, low, high
    mean = a.numerator / a.denominator
    if a.denominator < 2:
        return mean, None, None
    low, high = mean_t(a.numerator, a.sum_of_squares, int(a.denominator), level)
    return mean, low, high


def _gap_value(
    parts: dict[str, Aggregate],
    minuend: str,
    subtrahends: Sequence[str],
    whole: Aggregate | None,
    level: float,
) -> tuple[float, float, float] | None:
    """The minuend's percentage minus the pooled subtrahends', with Newcombe's interval."""
    left = whole if minuend == "all" else parts.get(minuend)
    rights = [parts[s] for s in subtrahends if s in parts]
    if left is None or not rights:
        return None
    num2 = sum(r.numerator for r in rights)
    den2 = sum(r.denominator for r in rights)
    if left.denominator <= 0 or den2 <= 0:
        return None
    low, high = newcombe_difference(left.numerator, left.denominator, num2, den2, level)
    diff = left.numerator / left.denominator - num2 / den2
    return 100 * diff, 100 * low, 100 * high


def build_values(
    aggregates: Iterable[Aggregate],
    *,
    kinds: dict[str, Kind],
    units: dict[str, str],
    polarities: dict[str, str],
    versions: dict[str, str],
    gaps: dict[str, Gap],
    threshold: int,
    level: float = 0.95,
) -> list[Value]:
    """Every value of a run: groups, the plan's own gap indicators, and the equity gaps."""
    items = list(aggregates)
    decisions = suppress(items, threshold)
    values: list[Value] = []
    for a in items:
        if a.indicator in gaps:
            continue  # a gap indicator publishes only its difference
        figure, low, high = _figure(kinds[a.indicator], a, level)
        d = decisions[a]
        values.append(
            Value(
                a.indicator,
                a.area,
                a.period,
                a.breakdown,
                a.group,
                a.numerator,
                a.denominator,
                figure,
                low,
                high,
                units[a.indicator],
                polarities[a.indicator],
                d.suppressed,
                d.reason,
                versions[a.indicator],
            )
        )
    # gaps: from the groups' aggregates; suppressed when any group they use is suppressed
    families: dict[tuple[str, str, str, str], dict[str, Aggregate]] = defaultdict(dict)
    wholes: dict[tuple[str, str, str], Aggregate] = {}
    for a in items:
        if a.breakdown == "all":
            wholes[(a.indicator, a.area, a.period)] = a
        else:
            families[(a.indicator, a.area, a.period, a.breakdown)][a.group] = a
    for (indicator, area, period, breakdown), parts in families.items():
        whole = wholes.get((indicator, area, period))
        specs: list[tuple[str, str, str, tuple[str, ...]]]
        if indicator in gaps:
            g = gaps[indicator]
            specs = [("all", "all", g.minuend, (g.subtrahend,))] if g.breakdown == breakdown else []
            unit, polarity = units[indicator], polarities[indicator]
        else:
            specs = [
                (f"{b}_gap", label, minuend, subs)
                for b, minuend, subs, label in EQUITY_GAPS
                if b == breakdown and kinds[indicator] is Kind.PROPORTION
            ]
            unit, polarity = "percentage points", "low"
        # An equity gap is written so that a positive gap is the disadvantaged group doing
        # worse: for a "lower is better" indicator (absence, NEET) that is the pooled group
        # minus the others, so the gap reads the same way for every indicator.
        flip = indicator not in gaps and polarities[indicator] == "low"
        for out_breakdown, label, minuend, subtrahends in specs:
            result = _gap_value(parts, minuend, subtrahends, whole, level)
            if result is None:
                continue
            used = [whole if minuend == "all" else parts.get(minuend)]
            used += [parts.get(s) for s in subtrahends]
            hidden = any(u is not None and decisions[u].suppressed for u in used)
            diff, low, high = result
            if flip:
                diff, low, high = -diff, -high, -low
                label = _reversed(label)
            reason = "a group it is computed from is suppressed" if hidden else None
            values.append(
                Value(
                    indicator,
                    area,
                    period,
                    out_breakdown,
                    label,
                    None,
                    None,
                    diff,
                    low,
                    high,
                    unit,
                    polarity,
                    hidden,
                    reason,
                    versions[indicator],
                )
            )
    return values
