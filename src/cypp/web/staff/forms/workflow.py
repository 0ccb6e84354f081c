"""Commentary, reviews (approve or return), action updates and milestones, rounds."""

from __future__ import annotations

from typing import Any

from django import forms

from cypp.plan.model import ActionStatus
from cypp.web.staff.forms.base import DATE_FORMATS, DATE_INPUT, GovukForm, required_message
from cypp.web.workspace.models.actions import ACTION_STATUS_CHOICES


class CommentaryForm(GovukForm):
    story = forms.CharField(
        label="Story behind the curve",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the figures show, and the causes and forces at work behind them.",
        error_messages=required_message(
            "Story behind the curve", "Enter what the figures show and why."
        ),
    )
    partners = forms.CharField(
        label="Partners with a role to play",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    what_works = forms.CharField(
        label="What works", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    action_plan = forms.CharField(
        label="Action plan",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What the partnership will do next to turn the curve.",
    )


class ReviewForm(GovukForm):
    """An analyst's decision on something submitted: approve, or return with a reason."""

    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("return", "Return with a reason")],
        widget=forms.RadioSelect,
        error_messages=required_message("Decision", "Choose approve or return."),
    )
    reason = forms.CharField(
        label="Reason for returning",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Needed when returning: what should be changed.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "return" and not data.get("reason", "").strip():
            self.add_error(
                "reason",
                "Reason for returning: nothing was entered, but a returned item must say what "
                "to change. Enter the reason, or choose approve.",
            )
        return data


class ActionUpdateForm(GovukForm):
    status = forms.ChoiceField(choices=ACTION_STATUS_CHOICES)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What has happened since the last update. Needed when the action is at risk.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == ActionStatus.AT_RISK.value and not data.get("note", "").strip():
            self.add_error(
                "note",
                "Note: nothing was entered, but an action at risk needs a note saying why. "
                "Enter what puts it at risk and what is being done.",
            )
        return data


class MilestoneForm(GovukForm):
    due = forms.DateField(
        label="Due date",
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Due date: nothing was entered. Enter the date, like 2010-03-31.",
            "invalid": "Due date: this is not a date. Enter it like 2010-03-31.",
        },
    )
    text = forms.CharField(
        label="Milestone",
        max_length=500,
        error_messages=required_message("Milestone", "Enter what will be done by the date."),
    )


class MilestoneDoneForm(GovukForm):
    milestone = forms.CharField(max_length=20)


class RoundForm(GovukForm):
    period = forms.CharField(
        max_length=20,
        help_text="For example 2009-10 (financial year) or 2009/10 (academic year).",
        error_messages=required_message("Period", "Enter the period, like '2009-10'."),
    )
    deadline = forms.DateField(
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Deadline: nothing was entered. Enter the date, like 2010-05-31.",
            "invalid": "Deadline: this is not a date. Enter it like 2010-05-31.",
        },
    )
