"""Entering a figure, and establishing a measure."""

from __future__ import annotations

from typing import Any

from django import forms

from cypp.periods import EXAMPLES, PeriodType
from cypp.plan.model import Polarity, Unit
from cypp.web.staff.forms.base import GovukForm, required_message
from cypp.web.staff.forms.base import field_rule as _field
from cypp.web.workspace.errors import FieldProblem
from cypp.web.workspace.models.values import PERIOD_TYPE_CHOICES, POLARITY_CHOICES, UNIT_CHOICES
from cypp.web.workspace.validation import check_in_unit, check_interval, check_period, parse_number
from cypp.web.workspace.values import Enterable


def _narrow() -> forms.TextInput:
    return forms.TextInput(attrs={"class": "govuk-input--width-10"})


class ValueForm(GovukForm):
    # not "required": the workspace's rules word the message for an empty field too
    period = forms.CharField(max_length=20, required=False, widget=_narrow())
    value = forms.CharField(max_length=40, required=False, widget=_narrow())
    ci_low = forms.CharField(
        max_length=40, required=False, label="Confidence interval lower limit", widget=_narrow()
    )
    ci_high = forms.CharField(
        max_length=40, required=False, label="Confidence interval upper limit", widget=_narrow()
    )
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args: Any, target: Enterable, **kwargs: Any) -> None:
        self.target = target
        super().__init__(*args, **kwargs)
        example = EXAMPLES[target.period_type]
        self.fields["period"].help_text = f"The {target.period_type.value}, like {example}."
        self.fields["value"].help_text = f"In {target.unit.value}; a number only, no % sign."
        self.fields["ci_low"].help_text = "Optional: both limits or neither."
        self.fields["note"].help_text = "Optional: the source, or anything a reader should know."
        self._describe("period", f"{self['period'].auto_id}-hint")

    def clean_period(self) -> str:
        return _field(
            lambda: check_period(
                "period", self.cleaned_data["period"], self.target.period_type, self.target.label
            )
        )

    def clean_value(self) -> float:
        return _field(
            lambda: check_in_unit(
                "value",
                "Value",
                parse_number("value", "Value", self.cleaned_data["value"]),
                self.target.unit,
            )
        )

    def clean_ci_low(self) -> float | None:
        return self._limit("ci_low", "Confidence interval lower limit")

    def clean_ci_high(self) -> float | None:
        return self._limit("ci_high", "Confidence interval upper limit")

    def _limit(self, name: str, label: str) -> float | None:
        text = self.cleaned_data.get(name, "")
        if not text.strip():
            return None
        return _field(
            lambda: check_in_unit(name, label, parse_number(name, label, text), self.target.unit)
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "value" in data and "ci_low" in data and "ci_high" in data:
            try:
                check_interval(data["value"], data["ci_low"], data["ci_high"])
            except FieldProblem as p:
                self.add_error(p.field, str(p))
        return data


class EstablishForm(GovukForm):
    parent = forms.ChoiceField(
        label="Plan measure it establishes",
        error_messages={
            "invalid_choice": "Plan measure it establishes: %(value)r is not a measure the plan "
            "leaves not yet established. Choose one from the list."
        },
    )
    code = forms.CharField(
        max_length=40,
        help_text="Capitals, digits and hyphens, e.g. FSS-CC-REACH.",
        error_messages=required_message("Code", "Enter a code such as 'FSS-CC-REACH'."),
    )
    title = forms.CharField(
        max_length=300, error_messages=required_message("Title", "Enter what the measure counts.")
    )
    source_note = forms.CharField(
        max_length=300,
        label="Where its figures come from",
        help_text="For example: Children's Centres, Extended Services, the Family Information "
        "Service, parenting programmes.",
        error_messages=required_message("Source", "Enter where its figures come from."),
    )
    definition = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Who is counted (numerator and denominator), over what period, and exclusions.",
        error_messages=required_message("Definition", "Enter how the figure is worked out."),
    )
    unit = forms.ChoiceField(choices=UNIT_CHOICES)
    polarity = forms.ChoiceField(choices=POLARITY_CHOICES, label="Which direction is better")
    period_type = forms.ChoiceField(choices=PERIOD_TYPE_CHOICES, label="Counted by")
    baseline_period = forms.CharField(
        max_length=20,
        help_text="The first period measured, in the notation of 'Counted by'.",
        widget=_narrow(),
    )
    baseline_value = forms.CharField(
        max_length=40, help_text="The figure for that period.", widget=_narrow()
    )

    def __init__(self, *args: Any, parents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = parents

    def clean_baseline_value(self) -> float:
        return _field(
            lambda: parse_number(
                "baseline_value", "Baseline value", self.cleaned_data["baseline_value"]
            )
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if {"unit", "baseline_value"} <= data.keys():
            try:
                check_in_unit(
                    "baseline_value", "Baseline value", data["baseline_value"], Unit(data["unit"])
                )
            except FieldProblem as p:
                self.add_error(p.field, str(p))
        if {"period_type", "baseline_period"} <= data.keys():
            try:
                data["baseline_period"] = check_period(
                    "baseline_period",
                    data["baseline_period"],
                    PeriodType(data["period_type"]),
                    data.get("code") or "the measure",
                )
            except FieldProblem as p:
                self.add_error(p.field, str(p))
        return data

    @property
    def polarity_value(self) -> Polarity:
        return Polarity(self.cleaned_data["polarity"])
