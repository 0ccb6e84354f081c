"""The rules an entered figure must meet, shared by the forms and the services.

Each rule raises ``FieldProblem`` with a message naming the field, the value found, the rule
and the fix, e.g. "Value: '104.5' is more than 100, but a percentage (%) is from 0 to 100.
Enter a number from 0 to 100, such as 45.2."
"""

from __future__ import annotations

import math
from datetime import date

from cypp.periods import EXAMPLES, PeriodFormatError, PeriodType, parse_period, period_type_of
from cypp.plan.model import Unit
from cypp.web.workspace.errors import FieldProblem

# unit -> (lowest, highest, what the range is called, an example)
RANGES: dict[Unit, tuple[float | None, float | None, str, str]] = {
    Unit.PERCENT: (0.0, 100.0, "a percentage (%) is from 0 to 100", "45.2"),
    Unit.RATE_PER_1000: (0.0, 1000.0, "a rate per 1,000 is from 0 to 1,000", "38.4"),
    Unit.SCORE: (0.0, None, "a score is 0 or more", "1.25"),
    Unit.PERCENTAGE_POINTS: (
        -100.0,
        100.0,
        "a difference in percentage points is from -100 to 100",
        "-12.5",
    ),
    Unit.COUNT: (0.0, None, "a count is a whole number, 0 or more", "120"),
}


def check_period(field: str, text: str, period_type: PeriodType, what: str) -> str:
    """The period label, if it is a real period of ``period_type`` that has begun; ``what``
    names the indicator in the message (e.g. "NI 56")."""
    label = (text or "").strip()
    expected = f"{_article(period_type.value)} like {EXAMPLES[period_type]!r}"
    if not label:
        raise FieldProblem(
            field,
            f"Period: nothing was entered, but {what} needs the period its figure covers. "
            f"Enter {expected}.",
        )
    try:
        kind = period_type_of(label)
    except PeriodFormatError:
        raise FieldProblem(
            field,
            f"Period: {label!r} is not a period, but {what} is counted by {period_type.value}. "
            f"Enter {expected}.",
        ) from None
    if kind is not period_type:
        raise FieldProblem(
            field,
            f"Period: {label!r} is {_article(kind.value)}, but {what} is counted by "
            f"{period_type.value}. Enter {expected}.",
        )
    try:
        period = parse_period(label, period_type)
    except PeriodFormatError as exc:
        raise FieldProblem(
            field, f"Period: {label!r} is not a real {period_type.value} ({exc}). Enter {expected}."
        ) from None
    if period.start > date.today():
        raise FieldProblem(
            field,
            f"Period: {label!r} starts on {period.start:%d %B %Y}, in the future, but a figure "
            f"can only be entered for a period that has begun. Enter a past or current "
            f"{period_type.value}.",
        )
    return label


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def parse_number(field: str, label: str, text: str) -> float:
    """A finite number from what was typed; a clear message when it is not one."""
    raw = (text or "").strip().replace(",", "")
    if not raw:
        raise FieldProblem(field, f"{label}: nothing was entered. Enter a number, such as 45.2.")
    try:
        number = float(raw)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise FieldProblem(
            field,
            f"{label}: {text.strip()!r} is not a number. Enter digits with an optional decimal "
            f"point and no unit or % sign, such as 45.2.",
        )
    return number


def check_in_unit(field: str, label: str, number: float, unit: Unit) -> float:
    """``number`` if it is in the range of ``unit``."""
    low, high, rule, example = RANGES[unit]
    shown = f"{number:g}"
    if unit is Unit.COUNT and number != int(number):
        raise FieldProblem(
            field,
            f"{label}: {shown!r} is not a whole number, but {rule}. Enter a whole number, "
            f"such as {example}.",
        )
    if low is not None and number < low:
        raise FieldProblem(
            field,
            f"{label}: {shown!r} is less than {low:g}, but {rule}. "
            f"Enter {_range_words(low, high)}, such as {example}.",
        )
    if high is not None and number > high:
        raise FieldProblem(
            field,
            f"{label}: {shown!r} is more than {high:g}, but {rule}. "
            f"Enter {_range_words(low, high)}, such as {example}.",
        )
    return number


def check_interval(value: float, ci_low: float | None, ci_high: float | None) -> None:
    """Both ends or neither, and the value inside them."""
    if (ci_low is None) != (ci_high is None):
        missing, field = ("lower", "ci_low") if ci_low is None else ("upper", "ci_high")
        raise FieldProblem(
            field,
            f"Confidence interval {missing} limit: nothing was entered, but an interval needs "
            f"both limits. Enter the {missing} limit too, or leave both empty.",
        )
    if ci_low is None or ci_high is None:
        return
    if ci_low > value:
        raise FieldProblem(
            "ci_low",
            f"Confidence interval lower limit: {ci_low:g} is more than the value {value:g}, but "
            f"the interval must contain the value. Enter a lower limit of {value:g} or less.",
        )
    if ci_high < value:
        raise FieldProblem(
            "ci_high",
            f"Confidence interval upper limit: {ci_high:g} is less than the value {value:g}, but "
            f"the interval must contain the value. Enter an upper limit of {value:g} or more.",
        )


def _range_words(low: float | None, high: float | None) -> str:
    if high is None:
        return f"a number of {low:g} or more"
    return f"a number from {low:g} to {high:g}"
