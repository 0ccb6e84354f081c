"""Template tags of the public site: figures by unit with ``c`` for a suppressed one, and
statuses as tags whose words carry the meaning (the colour only repeats them)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cypp.report.numbers import number
from cypp.web.public.site import ACTION_TAG, PILE_TAG, PILE_WORDS

register = template.Library()


def c_words(threshold: int) -> str:
    return f"fewer than {threshold + 1} children, hidden to protect their privacy"


@register.simple_tag(takes_context=True)
def figure(context: Mapping[str, Any], point: Mapping[str, Any] | None, unit: str) -> SafeString:
    """A value of a series point, breakdown or assessment: ``57.2%``, ``c`` or ``–``."""
    if point and point.get("suppressed"):
        threshold = int(context.get("threshold", 5))
        return format_html(
            '<abbr class="cypp-c" title="{}">c</abbr>', f"Suppressed: {c_words(threshold)}"
        )
    value = point.get("value") if point else None
    return format_html("{}", number(_float(value), unit))


@register.simple_tag
def num(value: Any, unit: str = "") -> str:
    """A plain number by unit (target, benchmark); an en dash when there is none."""
    return number(_float(value), unit)


def _float(value: Any) -> float | None:
    """A number, or None for what is not one (a missing key reads as "" in a template)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@register.simple_tag
def status_tag(pile: str, words: str = "") -> SafeString:
    """A status as a tag: its words (the pile's, or ``words``) carry it; the colour repeats."""
    words = words or PILE_WORDS.get(pile, pile.capitalize())
    return format_html('<strong class="govuk-tag {}">{}</strong>', PILE_TAG.get(pile, ""), words)


@register.simple_tag
def action_tag(status: str) -> SafeString:
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>', ACTION_TAG.get(status, ""), status.capitalize()
    )


@register.filter
def pile_words(pile: str) -> str:
    return PILE_WORDS.get(pile, pile.capitalize())


@register.filter
def get(mapping: Mapping[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def breakdown_words(name: str) -> str:
    return BREAKDOWN_WORDS.get(name, name.replace("_", " ").capitalize())


BREAKDOWN_WORDS = {
    "gender": "Sex",
    "ethnicity": "Ethnic group",
    "fsm": "Free school meals",
    "sen": "Special educational needs",
    "cla": "Children in care",
    "district": "Postcode district",
    "school": "School",
}


@register.filter
def iso_date(text: str) -> str:
    """``2009-03-31`` → ``31 March 2009``; other text as it is."""
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return f"{day.day} {day:%B %Y}"


GROUP_WORDS = {
    ("gender", "F"): "Girls",
    ("gender", "M"): "Boys",
    ("fsm", "FSM"): "Eligible for free school meals",
    ("fsm", "non-FSM"): "Not eligible for free school meals",
    ("sen", "SEN"): "With special educational needs",
    ("sen", "non-SEN"): "Without special educational needs",
    ("sen", "none"): "No special educational needs",
    ("sen", "support"): "SEN support (School Action or Action Plus)",
    ("sen", "statement"): "Statement of special educational needs",
    ("cla", "in care"): "In care",
    ("cla", "not in care"): "Not in care",
}


@register.filter
def group_words(b: Mapping[str, Any]) -> str:
    """A breakdown group in words: gender F → Girls; others as the data names them."""
    return GROUP_WORDS.get((b["breakdown"], b["group"]), str(b["group"]))
