"""What ``cypp publish`` copies out of the warehouse: aggregates only, never a child's record.

A ``Publication`` is one publish of a plan for an area; the newest is current and earlier
ones are kept as history. Its indicators carry the assessed value, the series for the curve
(already through disclosure control: a suppressed point has no value), the chart (Vega-Lite
specification, its SVG and its text description) and the lineage in words.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class PublicationQuerySet(models.QuerySet["Publication"]):
    def current(self) -> Publication | None:
        return self.filter(is_current=True).order_by("-published_at").first()


class Publication(models.Model):
    plan_id = models.CharField(max_length=100)
    plan_title = models.CharField(max_length=500)
    area_code = models.CharField(max_length=9)
    area_name = models.CharField(max_length=200)
    period = models.CharField(max_length=20, blank=True)  # the as-at period, "" for latest
    as_at = models.DateField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.CharField(max_length=150, blank=True)
    content_hash = models.CharField(max_length=64)  # of the payload: same hash, no new row
    is_current = models.BooleanField(default=True)
    illustrative = models.BooleanField(default=False)
    suppression_threshold = models.PositiveSmallIntegerField()
    sources = models.JSONField(default=list)
    # the plan's words and structure: vision, outcomes, priorities (narrative, actions,
    # measures), programmes, and the scorecards
    plan: models.JSONField[Any, Any] = models.JSONField(default=dict)
    scorecards = models.JSONField(default=dict)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ("-published_at",)
        indexes = (models.Index(fields=["is_current", "area_code"]),)

    def __str__(self) -> str:
        return f"{self.plan_id} {self.area_code} {self.period or 'latest'} ({self.published_at:%Y-%m-%d})"


class PublishedIndicator(models.Model):
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="indicators"
    )
    order = models.PositiveIntegerField()
    key = models.CharField(max_length=60)  # NI075, or NI075:fsm_gap for an equity gap
    slug = models.SlugField(max_length=80)  # ni075, ni075-fsm-gap
    label = models.CharField(max_length=60)
    title = models.CharField(max_length=500)
    short_title = models.CharField(max_length=200)
    unit = models.CharField(max_length=40)
    polarity = models.CharField(max_length=10)
    method = models.CharField(max_length=30)
    outcome_id = models.CharField(max_length=60)
    priority_ids = models.JSONField(default=list)
    gap_of = models.CharField(max_length=20, blank=True)
    definition_text = models.TextField(blank=True)
    plan_says = models.TextField(blank=True)
    period = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=60)
    pile = models.CharField(max_length=20)  # met / on track / off track / not assessed
    direction = models.CharField(max_length=60, blank=True)
    assessment = models.JSONField(default=dict)  # Assessment.as_json()
    series = models.JSONField(default=list)  # SeriesPoint rows
    breakdowns = models.JSONField(default=list)  # groups of the latest period, public values
    chart_spec = models.JSONField(default=dict)
    chart_svg = models.TextField(blank=True)
    chart_description = models.TextField(blank=True)
    data_rows = models.JSONField(default=list)  # the chart's data table, as the report prints it
    targets = models.JSONField(default=dict)  # {"baseline": [period, value], "final_target": ...}
    commentary = models.JSONField(default=dict)  # the approved commentary, {} when none
    lineage = models.JSONField(default=dict)

    class Meta:
        ordering = ("publication", "order")
        constraints = (
            models.UniqueConstraint(fields=["publication", "key"], name="one_key_per_publication"),
        )

    def __str__(self) -> str:
        return f"{self.label} {self.period}"
