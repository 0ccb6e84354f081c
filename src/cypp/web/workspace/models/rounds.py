"""Reporting rounds: a period, a deadline, and whether everything due is in and approved."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RoundState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"  # everything due is in and approved
    PUBLISHED = "published", "Published"


class ReportingRound(models.Model):
    period = models.CharField(max_length=20, unique=True)
    deadline = models.DateField()
    state = models.CharField(max_length=12, choices=RoundState.choices, default=RoundState.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-deadline", "-id")

    def __str__(self) -> str:
        return f"round {self.period} (due {self.deadline}, {self.state})"


class ReminderSent(models.Model):
    """A reminder email sent, so that a daily ``cypp staff remind`` sends one a day at most."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    on = models.DateField()

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["round", "user", "on"], name="one_reminder_a_day"),
        )

    def __str__(self) -> str:
        return f"reminder for {self.round} on {self.on}"
