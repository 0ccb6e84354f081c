"""Commentary per indicator and period ("turn the curve") and its approval history."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class State(models.TextChoices):
    """Where a piece of work stands; commentary uses every state, other work a subset."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"


class Commentary(models.Model):
    indicator = models.CharField(max_length=60)
    period = models.CharField(max_length=20)
    story = models.TextField()  # the story behind the curve
    partners = models.TextField(blank=True)  # partners with a role to play
    what_works = models.TextField(blank=True)
    action_plan = models.TextField(blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("indicator", "period")
        verbose_name_plural = "commentaries"
        constraints = (
            models.UniqueConstraint(
                fields=["indicator", "period"], name="one_commentary_per_indicator_period"
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator} {self.period} ({self.state})"


class CommentaryEvent(models.Model):
    """One step of a commentary's history: who moved it from which state to which, and why."""

    commentary = models.ForeignKey(Commentary, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, blank=True)  # "" when first written
    to_state = models.CharField(max_length=12)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ("at", "id")

    def __str__(self) -> str:
        return f"{self.commentary} {self.from_state or 'new'} -> {self.to_state} by {self.username}"
