"""Entering figures: reported indicators and established measures, validated and audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from cypp.periods import PeriodType
from cypp.plan.model import Unit
from cypp.web.workspace import rounds
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed, WorkspaceError
from cypp.web.workspace.models import EstablishedMeasure, ReportedValue
from cypp.web.workspace.plan_source import current_plan, enterable_indicators
from cypp.web.workspace.roles import Do, may
from cypp.web.workspace.validation import check_in_unit, check_interval, check_period


@dataclass(frozen=True)
class Enterable:
    """Something an analyst enters figures for: a reported indicator or an established measure."""

    code: str
    label: str  # "NI 56", or the measure's code
    title: str
    unit: Unit
    period_type: PeriodType
    measure: EstablishedMeasure | None = None

    @property
    def what(self) -> str:
        return f"{self.label} ({self.title})"


def all_enterable() -> list[Enterable]:
    plan = current_plan()
    found = [
        Enterable(i.code, i.display, i.short_title, i.unit, i.period_type)
        for i in enterable_indicators(plan)
    ]
    found += [_of_measure(m) for m in EstablishedMeasure.objects.all()]
    return found


def enterable(code: str) -> Enterable | None:
    return next((e for e in all_enterable() if e.code == code), None)


def _of_measure(m: EstablishedMeasure) -> Enterable:
    return Enterable(m.code, m.code, m.title, Unit(m.unit), PeriodType(m.period_type), m)


def values_of(code: str) -> list[ReportedValue]:
    return list(ReportedValue.objects.filter(indicator=code).order_by("period"))


def check_entry(
    target: Enterable,
    period: str,
    value: float,
    ci_low: float | None,
    ci_high: float | None,
) -> str:
    """Every rule an entry must meet; the clean period label, or the first ``FieldProblem``."""
    label = check_period("period", period, target.period_type, target.label)
    if target.measure is not None and label == target.measure.baseline_period:
        raise FieldProblem(
            "period",
            f"Period: {label!r} is the baseline period of {target.label}, and its baseline "
            f"{target.measure.baseline_value:g} was recorded when the measure was established. "
            f"Enter a period after the baseline.",
        )
    check_in_unit("value", "Value", value, target.unit)
    if ci_low is not None:
        check_in_unit("ci_low", "Confidence interval lower limit", ci_low, target.unit)
    if ci_high is not None:
        check_in_unit("ci_high", "Confidence interval upper limit", ci_high, target.unit)
    check_interval(value, ci_low, ci_high)
    return label


def enter_value(
    user: User,
    code: str,
    period: str,
    value: float,
    ci_low: float | None = None,
    ci_high: float | None = None,
    note: str = "",
) -> ReportedValue:
    """Store (or replace) the figure of ``code`` for ``period`` in the plan's area."""
    if not may(user, Do.ENTER_VALUES):
        raise NotAllowed("only a performance analyst may enter values")
    target = enterable(code)
    if target is None:
        raise WorkspaceError(
            f"{code!r} is not a reported indicator or an established measure; values can be "
            "entered only for those"
        )
    label = check_entry(target, period, value, ci_low, ci_high)
    area = current_plan().plan.area.ons_code
    with transaction.atomic():
        row = (
            ReportedValue.objects.select_for_update()
            .filter(indicator=code, area=area, period=label)
            .first()
        )
        before = snapshot(row) if row else None
        if row is None:
            row = ReportedValue(indicator=code, area=area, period=label)
        row.value, row.ci_low, row.ci_high, row.note = value, ci_low, ci_high, note.strip()
        row.entered_by = user
        row.save()
        record(
            user,
            "change value" if before else "enter value",
            "reported value",
            f"{code} {area} {label}",
            before,
            snapshot(row),
        )
        rounds.close_complete_rounds(user)
    return row
