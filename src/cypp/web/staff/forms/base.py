"""A form base that gives every widget GOV.UK Frontend classes and, after validation, the
error class and an ``aria-describedby`` pointing at its hint and error message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms

from cypp.web.workspace.errors import FieldProblem

_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
}
_ERROR = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
}
DATE_INPUT = forms.DateInput(
    attrs={"type": "date", "class": "govuk-input--width-10"}, format="%Y-%m-%d"
)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class GovukForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = next(
                (c for kind, c in _CLASSES.items() if type(field.widget) is kind), "govuk-input"
            )
            extra = field.widget.attrs.get("class", "")  # e.g. a width modifier
            field.widget.attrs["class"] = " ".join(dict.fromkeys([css, *extra.split()]))
            if field.help_text:
                self._describe(name, f"{self[name].auto_id}-hint")

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_errors()

    def add_problem(self, problem: FieldProblem) -> None:
        """Show a service's ``FieldProblem`` on its field (or above the form)."""
        self.add_error(problem.field if problem.field in self.fields else None, str(problem))
        self._mark_errors()

    def _mark_errors(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            attrs = self.fields[name].widget.attrs
            css = attrs.get("class", "")
            base = css.split()[0] if css else ""
            if base in _ERROR and _ERROR[base] not in css:
                attrs["class"] = f"{css} {_ERROR[base]}"
            error_id = f"{self[name].auto_id}-error"
            if error_id not in attrs.get("aria-describedby", "").split():
                self._describe(name, error_id)

    def _describe(self, name: str, id_: str) -> None:
        attrs = self.fields[name].widget.attrs
        attrs["aria-describedby"] = " ".join([*attrs.get("aria-describedby", "").split(), id_])


def required_message(label: str, fix: str) -> dict[str, str]:
    """Django's "required" error, worded as field, value, rule and fix."""
    return {"required": f"{label}: nothing was entered, but it is required. {fix}"}


T = TypeVar("T")


def field_rule(check: Callable[[], T]) -> T:
    """Run a workspace rule; its ``FieldProblem`` becomes this field's error."""
    try:
        return check()
    except FieldProblem as p:
        raise forms.ValidationError(str(p), code="rule") from None
