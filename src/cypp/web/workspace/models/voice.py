"""Young people's voice: consultation records, "you said, we did"."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cypp.web.workspace.models.commentary import State

VOICE_STATES = [(s.value, s.label) for s in (State.DRAFT, State.APPROVED)]


class AgeGroup(models.TextChoices):
    UNDER_11 = "under 11", "Under 11"
    AGED_11_15 = "11 to 15", "11 to 15"
    AGED_16_19 = "16 to 19", "16 to 19"
    MIXED = "mixed ages", "Mixed ages"


class Consultation(models.Model):
    """What young people said and what was done. Who took part is counted, never named."""

    title = models.CharField(max_length=200)
    you_said = models.TextField()
    we_did = models.TextField()
    consulted_on = models.DateField()
    number_consulted = models.PositiveIntegerField()
    age_group = models.CharField(max_length=20, choices=AgeGroup.choices)
    priorities = models.JSONField(default=list)  # plan priority ids
    state = models.CharField(max_length=12, choices=VOICE_STATES, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-consulted_on", "-id")

    def __str__(self) -> str:
        return f"{self.title} ({self.consulted_on})"
