"""Baselines and targets are well-formed: right notation, inside the plan, judgeable."""

from __future__ import annotations

from collections.abc import Iterator

from cypp.periods import PeriodFormatError, parse_period
from cypp.plan.draft import Draft
from cypp.plan.model import Polarity, Unit
from cypp.problems import Problem

RULE = "target"


def check(draft: Draft, _context: object) -> Iterator[Problem]:
    indicators = {p.item.code: p.item for p in draft.indicators}
    span = draft.header.item.span if draft.header else None
    for p in draft.targets:
        ind = indicators.get(p.item.indicator)
        if ind is None:
            continue  # reported by the references rule
        entries = [("baselines", i, b.period) for i, b in enumerate(p.item.baselines)]
        entries += [("targets", i, t.period) for i, t in enumerate(p.item.targets)]
        for section, i, label in entries:
            try:
                period = parse_period(label, ind.period_type)
            except PeriodFormatError as exc:
                yield p.problem(
                    (section, i, "period"),
                    RULE,
                    str(exc).split("; expected")[0],
                    f"a period in {ind.period_type.value}s, as {ind.code} is measured",
                    "write the period in the indicator's notation",
                )
                continue
            if (
                section == "targets"
                and span
                and (period.end < span.start or period.start > span.end)
            ):
                yield p.problem(
                    (section, i, "period"),
                    RULE,
                    f"target period {label} is outside the plan",
                    f"a period within {span.start} to {span.end}",
                    "move the target into the plan's span or extend the span",
                )
        if p.item.targets and ind.polarity is Polarity.NONE:
            yield p.problem(
                ("targets",),
                RULE,
                f"{ind.code} has targets but polarity 'none'",
                "a polarity (high or low) so progress can be judged",
                "set the indicator's polarity or remove the targets",
            )
        for i, t in enumerate(p.item.targets):
            if (t.value is None) == (t.change is None):
                yield p.problem(
                    ("targets", i),
                    RULE,
                    f"target for {t.period} has {'both' if t.value is not None else 'neither'} "
                    "'value' and 'change'",
                    "exactly one of 'value' or 'change' (with 'change_unit' and 'from')",
                    "keep one of the two",
                )
            if t.change is not None and (t.change_unit is None or t.from_period is None):
                yield p.problem(
                    ("targets", i, "change"),
                    RULE,
                    f"target change {t.change} for {t.period} lacks 'change_unit' or 'from'",
                    'a change such as \'change: -10, change_unit: "%", from: "1998"\'',
                    "add 'change_unit' (% or pp) and 'from' (a baseline period)",
                )
            if ind.unit is Unit.PERCENT and t.value is not None and not 0 <= t.value <= 100:
                yield p.problem(
                    ("targets", i, "value"),
                    RULE,
                    f"target {t.value} for a percentage",
                    "a value from 0 to 100",
                    "correct the value",
                )
