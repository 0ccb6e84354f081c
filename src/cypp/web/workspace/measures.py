"""Establishing a measure the plan left ``not_yet_established``: define it, record its baseline.

Its figures are then entered each period like a reported indicator (``workspace.values``),
and ``workspace.inputs`` gives the publish step its definition and its figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from cypp.periods import PeriodType
from cypp.plan.model import Polarity, Unit
from cypp.web.workspace.audit import record, snapshot
from cypp.web.workspace.errors import FieldProblem, NotAllowed
from cypp.web.workspace.models import EstablishedMeasure
from cypp.web.workspace.plan_source import current_plan, establishable_indicators
from cypp.web.workspace.roles import Do, may
from cypp.web.workspace.validation import check_in_unit, check_period

CODE = re.compile(r"^[A-Z][A-Z0-9-]*$")


@dataclass(frozen=True)
class Definition:
    parent: str
    code: str
    title: str
    source_note: str
    definition: str
    unit: Unit
    polarity: Polarity
    period_type: PeriodType
    baseline_period: str
    baseline_value: float


def check_parent(parent: str) -> str:
    codes = [i.code for i in establishable_indicators(current_plan())]
    if parent not in codes:
        raise FieldProblem(
            "parent",
            f"Plan measure: {parent!r} is not one the plan leaves not yet established, and only "
            f"those can be established here. Choose one of {', '.join(codes) or 'none'}.",
        )
    return parent


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not CODE.match(code):
        raise FieldProblem(
            "code",
            f"Code: {code!r} is not capitals, digits and hyphens starting with a capital, which "
            f"codes must be. Enter a code such as 'FSS-CC-REACH'.",
        )
    plan_codes = {i.code for i in current_plan().indicators}
    if code in plan_codes or EstablishedMeasure.objects.filter(code=code).exists():
        raise FieldProblem(
            "code",
            f"Code: {code!r} is already used by "
            f"{'the plan' if code in plan_codes else 'an established measure'}, but codes must "
            f"be unique. Enter another code.",
        )
    return code


def check_baseline(d: Definition) -> str:
    label = check_period("baseline_period", d.baseline_period, d.period_type, d.code)
    check_in_unit("baseline_value", "Baseline value", d.baseline_value, d.unit)
    return label


def establish(user: User, d: Definition) -> EstablishedMeasure:
    if not may(user, Do.ENTER_VALUES):
        raise NotAllowed("only a performance analyst may establish a measure")
    check_parent(d.parent)
    code = check_code(d.code)
    baseline_period = check_baseline(d)
    with transaction.atomic():
        m = EstablishedMeasure.objects.create(
            code=code,
            parent=d.parent,
            title=d.title.strip(),
            source_note=d.source_note.strip(),
            definition=d.definition.strip(),
            unit=d.unit.value,
            polarity=d.polarity.value,
            period_type=d.period_type.value,
            baseline_period=baseline_period,
            baseline_value=d.baseline_value,
            established_by=user,
        )
        record(user, "establish measure", "established measure", code, None, snapshot(m))
    return m
