"""The API's responses as pydantic models: the views build them and the OpenAPI document takes
its schemas from them (``model_json_schema``), so the document cannot drift from the answers.

Numbers are what ``cypp publish`` copied out: already through disclosure control. A suppressed
figure has ``value: null`` and ``suppressed: true``; it is never 0 or left out.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, serialize_by_alias=True)


Links = dict[str, str]  # "self" (this resource in the API), "html" (its public page), ...


class Error(Model):
    """Every error: a code to test and words to read."""

    error: str = Field(description="not_found, method_not_allowed, rate_limited, ...")
    detail: str


class Endpoint(Model):
    path: str
    description: str


class PublicationSummary(Model):
    id: int
    plan_id: str
    plan_title: str
    area_code: str = Field(description="ONS code of the area, e.g. E10000018")
    area_name: str
    period: str = Field(description="the as-at period; empty for the latest available")
    as_at: date
    published_at: datetime
    current: bool
    illustrative: bool = Field(description="targets invented for a demonstration")


class Index(Model):
    title: str
    description: str
    publication: PublicationSummary | None = Field(description="the current publication")
    endpoints: list[Endpoint]
    openapi: str


class Publications(Model):
    publications: list[PublicationSummary] = Field(description="newest first")


class Scorecard(Model):
    """How many of a group's indicators are met, on track, off track, not assessed."""

    met: int
    on_track: int
    off_track: int
    not_assessed: int
    total: int
    off_track_labels: list[str] = Field(description="labels of the indicators off track")


class IndicatorSummary(Model):
    key: str = Field(description="plan code, e.g. NI075; NI075:fsm_gap for an equity gap")
    slug: str
    label: str = Field(description="e.g. NI 75")
    title: str
    unit: str
    polarity: str = Field(description="high, low or none: which direction is better")
    method: str = Field(description="computed, reported or not_yet_established")
    outcome_id: str
    priority_ids: list[str]
    period: str = Field(description="the latest period with a figure; empty when none")
    value: float | None = Field(description="null when suppressed or not available")
    suppressed: bool
    status: str
    pile: str = Field(description="met, on track, off track or not assessed")
    direction: str
    links: Links


class Indicators(Model):
    publication: PublicationSummary
    indicators: list[IndicatorSummary]


class SeriesPoint(Model):
    """One period of an indicator's curve and what it is compared with."""

    period: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    target: float | None
    target_is_trajectory: bool
    england: float | None
    region: float | None
    neighbours: float | None = Field(description="mean of the statistical neighbours")


class BreakdownValue(Model):
    """One group of a breakdown (girls, FSM pupils, a district) in the latest period."""

    period: str
    breakdown: str
    group: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    numerator: float | None
    denominator: float | None


class Commentary(Model):
    """A priority lead's account of the figure ("turn the curve"), approved by an analyst."""

    period: str
    story: str = Field(description="the story behind the curve")
    partners: str = Field(description="partners with a role to play")
    what_works: str
    action_plan: str
    approved_on: date | None


class Targets(Model):
    baseline_period: str | None
    baseline: float | None
    final_target_period: str | None
    final_target: float | None


class Assessment(Model):
    """The judgement of the latest figure (``cypp.assess``): against its aim, over time, and
    against England, the region and the statistical neighbours."""

    period: str | None = None
    value: float | None = Field(None, description="null when suppressed or not available")
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False
    target: float | None = Field(None, description="the target, or the trajectory's aim")
    target_is_trajectory: bool = False
    status: str = Field("", description="met, on track, off track, not assessed, ...")
    status_reason: str = ""
    direction: str = Field("", description="improving, no significant change, worsening")
    direction_since_first: str = ""
    direction_basis: str = ""
    forecast: float | None = None
    forecast_low: float | None = None
    forecast_high: float | None = None
    likely_to_meet_target: str = ""
    england: float | None = None
    region: float | None = None
    neighbours_mean: float | None = None
    neighbours_with_value: int = 0
    quartile_band: str | None = Field(None, description="A (best) to D")
    rank: int | None = None
    rank_of: int | None = None
    source_measure: str | None = None
    unit: str = ""
    polarity: str = ""
    illustrative_targets: bool = False


class Batch(Model):
    return_: str = Field(alias="return")
    period: str
    content_hash: str = Field(description="first characters of the files' SHA-256")


class Lineage(Model):
    """What a computed figure came from: the definition and the returns' batches."""

    definition: str
    definition_version: str
    # text, not a date-time: the warehouse records the run in local time, without an offset
    run_started: str | None = Field(description="when the computation ran (ISO 8601)")
    batches: list[Batch]


class Indicator(IndicatorSummary):
    short_title: str
    gap_of: str = Field(description="for an equity gap, the breakdown, e.g. fsm_gap")
    definition: str
    plan_says: str = Field(description="for a measure not yet established: the plan's words")
    assessment: Assessment | None = Field(description="null for a measure not yet established")
    series: list[SeriesPoint]
    breakdowns: list[BreakdownValue]
    chart_description: str
    targets: Targets
    lineage: Lineage | None = Field(description="for a computed figure; null otherwise")
    commentary: Commentary | None = Field(description="the approved commentary of the period")
    publication: PublicationSummary


class Milestone(Model):
    due: date | None
    text: str
    done: bool


class Action(Model):
    id: str
    text: str
    owner: str
    status: str
    note: str = Field(description="the owner's latest update")
    milestones: list[Milestone]


class Measure(Model):
    text: str = Field(description="the plan's own wording")
    group: str | None = Field(description="laa or local")
    indicators: list[str] = Field(description="keys of the indicators that measure it")


class Paragraph(Model):
    """A paragraph of the plan's words, or a list of bullets with its lead-in."""

    text: str | None = None
    intro: str | None = None
    bullets: list[str] | None = None


class Workstream(Model):
    """What the partnership is working to, under an outcome; depth 0 is a top-level item."""

    text: str
    depth: int
    laa_priority: bool = Field(description="a Local Area Agreement 2008-2011 priority")
    indicators: list[str]


class OutcomeSummary(Model):
    id: str
    title: str
    scorecard: Scorecard
    links: Links


class PrioritySummary(Model):
    id: str
    title: str
    outcomes: list[str]
    scorecard: Scorecard
    links: Links


class Vision(Model):
    statement: str
    told_by: str


class Programme(Model):
    id: str
    text: str
    priorities: list[str]


class Partner(Model):
    id: str
    name: str


class Plan(Model):
    id: str
    title: str
    area_code: str
    area_name: str
    starts: date | None
    ends: date | None
    illustrative: bool
    source: str
    vision: Vision
    approach_intro: str
    approach: list[str]
    outcomes: list[OutcomeSummary]
    priorities: list[PrioritySummary]
    programmes: list[Programme]
    partners: list[Partner]
    publication: PublicationSummary
    links: Links


class Outcome(OutcomeSummary):
    intro: str
    workstreams: list[Workstream]
    indicators: list[IndicatorSummary]
    priorities: list[str] = Field(description="ids of the key priorities that serve it")
    publication: PublicationSummary


class Consultation(Model):
    """Young people's voice: what they said and what was done, once approved."""

    title: str
    you_said: str
    we_did: str
    consulted_on: date
    number_consulted: int
    age_group: str


class Priority(PrioritySummary):
    wordings: list[str] = Field(description="the same priority as worded elsewhere in the plan")
    laa_focus: bool
    narrative: list[Paragraph]
    measures_intro: str
    measures: list[Measure]
    actions: list[Action]
    indicators: list[IndicatorSummary]
    consultations: list[Consultation] = Field(description="you said, we did: approved records")
    publication: PublicationSummary


# The models the OpenAPI document names, each under its own name.
RESPONSES: tuple[type[Model], ...] = (
    Error,
    Index,
    Publications,
    Plan,
    Outcome,
    Priority,
    Indicators,
    Indicator,
)
