"""Figures staff enter: values of reported indicators and of measures the workspace established."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cypp.periods import PeriodType
from cypp.plan.model import Polarity, Unit

UNIT_CHOICES = [(u.value, u.value) for u in Unit]
POLARITY_CHOICES = [
    (Polarity.HIGH.value, "Higher is better"),
    (Polarity.LOW.value, "Lower is better"),
    (Polarity.NONE.value, "Neither (context only)"),
]
PERIOD_TYPE_CHOICES = [(p.value, p.value.capitalize()) for p in PeriodType]


class ReportedValue(models.Model):
    """One entered figure: an indicator (or established measure), an area, a period."""

    indicator = models.CharField(max_length=60)  # plan code or established measure code
    area = models.CharField(max_length=9)  # ONS code
    period = models.CharField(max_length=20)
    value = models.FloatField()
    ci_low = models.FloatField(null=True, blank=True)
    ci_high = models.FloatField(null=True, blank=True)
    note = models.TextField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("indicator", "area", "period")
        constraints = (
            models.UniqueConstraint(
                fields=["indicator", "area", "period"], name="one_value_per_indicator_area_period"
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator} {self.area} {self.period} = {self.value}"


class EstablishedMeasure(models.Model):
    """A measure an analyst defined for an indicator the plan left ``not_yet_established``."""

    code = models.CharField(max_length=40, unique=True)
    parent = models.CharField(max_length=40)  # the plan's not_yet_established indicator, e.g. FSS
    title = models.CharField(max_length=300)
    source_note = models.CharField(max_length=300)  # where figures come from
    definition = models.TextField()
    unit = models.CharField(max_length=30, choices=UNIT_CHOICES)
    polarity = models.CharField(max_length=10, choices=POLARITY_CHOICES)
    period_type = models.CharField(max_length=20, choices=PERIOD_TYPE_CHOICES)
    baseline_period = models.CharField(max_length=20)
    baseline_value = models.FloatField()
    established_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    established_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("parent", "code")

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"
