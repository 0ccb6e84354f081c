"""Hear by Right self-assessments, young people's voice, and signing in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from cypp.web.staff.forms.base import DATE_FORMATS, DATE_INPUT, GovukForm, required_message
from cypp.web.workspace import throttle
from cypp.web.workspace.hbr import Rating
from cypp.web.workspace.models import AgeGroup, Level, Standard


class HbrForm(GovukForm):
    """A level and evidence for each of the seven standards. A draft may leave gaps; the
    service checks completeness on submission."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for s in Standard:
            self.fields[f"{s.value}-level"] = forms.ChoiceField(
                label=f"{s.label}: level",
                choices=Level.choices,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
                required=False,
            )
            self.fields[f"{s.value}-evidence"] = forms.CharField(
                label=f"{s.label}: evidence",
                widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
                required=False,
                help_text="What shows this level, including what young people say.",
            )
            self._describe(f"{s.value}-evidence", f"{self[f'{s.value}-evidence'].auto_id}-hint")

    def ratings(self) -> dict[str, Rating]:
        return {
            s.value: Rating(
                self.cleaned_data.get(f"{s.value}-level", ""),
                self.cleaned_data.get(f"{s.value}-evidence", ""),
            )
            for s in Standard
        }

    def standards(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(s.label, self[f"{s.value}-level"], self[f"{s.value}-evidence"]) for s in Standard]


class ConsultationForm(GovukForm):
    title = forms.CharField(
        max_length=200, error_messages=required_message("Title", "Enter what it was about.")
    )
    you_said = forms.CharField(
        label="You said",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What young people told us, in their words where possible. No names.",
        error_messages=required_message("You said", "Enter what young people said."),
    )
    we_did = forms.CharField(
        label="We did",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What changed as a result.",
        error_messages=required_message("We did", "Enter what was done."),
    )
    consulted_on = forms.DateField(
        label="Date of consultation",
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Date of consultation: nothing was entered. Enter it like 2009-11-20.",
            "invalid": "Date of consultation: this is not a date. Enter it like 2009-11-20.",
        },
    )
    number_consulted = forms.IntegerField(
        label="Number of young people",
        min_value=1,
        help_text="A count only: never names.",
        error_messages={
            "required": "Number of young people: nothing was entered. Enter how many took part.",
            "invalid": "Number of young people: this is not a whole number. Enter a number "
            "such as 25.",
            "min_value": "Number of young people: less than 1, but a consultation heard at "
            "least one young person. Enter how many took part.",
        },
    )
    age_group = forms.ChoiceField(choices=AgeGroup.choices)
    priorities = forms.MultipleChoiceField(
        label="Priorities it informs",
        widget=forms.CheckboxSelectMultiple,
        error_messages=required_message("Priorities", "Choose at least one priority.")
        | {
            "invalid_choice": "Priorities: %(value)r is not a priority you may link a record "
            "to (a lead links their own priorities only). Choose from the list."
        },
    )

    def __init__(self, *args: Any, priorities: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["priorities"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = priorities


THROTTLED = (
    "Sign-in is paused for this username or from this address after %(limit)s failed "
    "attempts in %(window)s minutes. Try again after %(until)s."
)


class ThrottledLoginForm(AuthenticationForm):
    """Django's sign-in form, refused outright while the username or address is locked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {**self.error_messages, "throttled": THROTTLED}
        self.throttled = False
        self.fields["username"].widget.attrs["class"] = "govuk-input"
        self.fields["password"].widget.attrs["class"] = "govuk-input"

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if not username or not self.cleaned_data.get("password"):
            return super().clean()  # "required" errors; nothing was tried
        ip = self.request.META.get("REMOTE_ADDR", "") if self.request else ""
        until = throttle.locked_until(username, ip)
        if until is not None:
            self.throttled = True
            raise forms.ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={
                    "limit": throttle.LIMIT,
                    "window": int(throttle.WINDOW.total_seconds() // 60),
                    "until": timezone.localtime(until).strftime("%H:%M"),
                },
            )
        try:
            data = super().clean()
        except forms.ValidationError:
            throttle.failed(username, ip)
            raise
        throttle.succeeded(username)
        return data
