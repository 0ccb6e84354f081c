"""Hear by Right self-assessments: seven standards, each emerging, established or advanced."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cypp.web.workspace.models.commentary import State


class Standard(models.TextChoices):
    """The seven standards of the National Youth Agency's Hear by Right (the "7 S" model)."""

    SHARED_VALUES = "shared-values", "Shared values"
    STRATEGY = "strategy", "Strategy"
    STRUCTURES = "structures", "Structures"
    SYSTEMS = "systems", "Systems"
    STAFF = "staff", "Staff"
    SKILLS = "skills-and-knowledge", "Skills and knowledge"
    STYLE = "style-of-leadership", "Style of leadership"


class Level(models.TextChoices):
    EMERGING = "emerging", "Emerging"
    ESTABLISHED = "established", "Established"
    ADVANCED = "advanced", "Advanced"


ASSESSMENT_STATES = [
    (s.value, s.label) for s in (State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED)
]


class HbrAssessment(models.Model):
    """One partner agency's self-assessment for one period (a financial year)."""

    agency = models.CharField(max_length=100)  # plan partner id or PartnerAgency.partner_id
    period = models.CharField(max_length=20)
    state = models.CharField(max_length=12, choices=ASSESSMENT_STATES, default=State.DRAFT)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)

    class Meta:
        ordering = ("period", "agency")
        constraints = (
            models.UniqueConstraint(
                fields=["agency", "period"], name="one_assessment_per_agency_period"
            ),
        )

    def __str__(self) -> str:
        return f"{self.agency} {self.period} ({self.state})"


class HbrRating(models.Model):
    assessment = models.ForeignKey(HbrAssessment, on_delete=models.CASCADE, related_name="ratings")
    standard = models.CharField(max_length=30, choices=Standard.choices)
    level = models.CharField(max_length=12, choices=Level.choices, blank=True)  # "" in a draft
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ("assessment", "id")
        constraints = (
            models.UniqueConstraint(
                fields=["assessment", "standard"], name="one_rating_per_standard"
            ),
        )

    def __str__(self) -> str:
        return f"{self.assessment} {self.standard}: {self.level or 'not rated'}"
