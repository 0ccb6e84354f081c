"""What owners say about the plan's actions: status updates and milestones."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cypp.plan.model import ActionStatus

ACTION_STATUS_CHOICES = [(s.value, s.value.capitalize()) for s in ActionStatus]


class ActionStatusUpdate(models.Model):
    """One status report on an action; the newest is the action's current status."""

    action_id = models.CharField(max_length=100, db_index=True)
    priority_id = models.CharField(max_length=100)
    status = models.CharField(max_length=20, choices=ACTION_STATUS_CHOICES)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ("action_id", "-at", "-id")

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status}"


class ActionMilestone(models.Model):
    """A dated step of an action: one the plan gives (``from_plan``) or one an owner added."""

    action_id = models.CharField(max_length=100, db_index=True)
    due = models.DateField()
    text = models.CharField(max_length=500)
    from_plan = models.BooleanField(default=False)
    done = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ("action_id", "due", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["action_id", "due", "text"], name="one_milestone_per_action_due_text"
            ),
        )

    def __str__(self) -> str:
        return f"{self.action_id} {self.due}: {self.text}"
