"""The plan as frozen data: what a Children and Young People's Plan says, and how it measures.

The vocabulary is the plan's own (see GLOSSARY.md): outcomes with nested workstreams, key
priorities with their narrative, actions and measures, cross-cutting programmes, partner
agencies, and an indicator catalogue with baselines and targets. Models forbid unknown keys
so that a typo in a plan file is reported rather than silently ignored.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from cypp.periods import PeriodType

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
DefinitionName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]

# What each pattern means, for error messages that a plan author can act on.
PATTERN_HELP: dict[str, str] = {
    r"^[a-z0-9][a-z0-9-]*$": "an id in lower case letters, digits and hyphens, e.g. 'be-healthy'",
    r"^[A-Z][A-Z0-9-]*$": "an indicator code in capitals, digits and hyphens, e.g. 'NI075'",
    r"^[a-z][a-z0-9_]*$": "a definition name in lower case letters, digits and underscores",
    r"^E\d{8}$": "an ONS area code such as 'E10000018'",
    r"^\d{3}$": "a three-digit DfE LA number such as '855'",
    r"^(%|pp)$": "'%' (a relative change) or 'pp' (percentage points)",
    r"^[a-z][a-z0-9-]*:.+$": "a published measure as 'source:measure', e.g. 'lait:SFSecPerAbNew'",
}


class Frozen(BaseModel):
    """Base of every plan model: immutable, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class Polarity(StrEnum):
    """Which direction is better."""

    HIGH = "high"  # higher is better
    LOW = "low"  # lower is better
    NONE = "none"  # context only: not judged


class Unit(StrEnum):
    PERCENT = "%"
    RATE_PER_1000 = "rate per 1,000"
    SCORE = "score"
    PERCENTAGE_POINTS = "percentage points"
    COUNT = "count"


class Method(StrEnum):
    """How a figure comes to exist."""

    COMPUTED = "computed"  # from record-level returns by a named definition
    REPORTED = "reported"  # imported published figure or entered by an analyst
    NOT_YET_ESTABLISHED = "not_yet_established"  # the plan says the measure is still to be set


class Source(StrEnum):
    """The return or publication an indicator's figures come from."""

    SSDA903 = "ssda903"
    CENSUS = "census"
    ATTAINMENT = "attainment"
    NCCIS = "nccis"
    SURVEY = "survey"
    PUBLISHED = "published"
    WORKSPACE = "workspace"  # entered by staff, e.g. self-assessments
    NONE = "none"  # not yet established


class Group(StrEnum):
    """How the plan groups a priority's measures."""

    LAA = "laa"  # Local Area Agreement 2008-2011 indicator
    LOCAL = "local"  # 'Local' indicator


class Flag(StrEnum):
    LAA_PRIORITY = "laa-2008-2011-priority"  # "a Leicestershire Local Area Agreement priority"


class ActionStatus(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    AT_RISK = "at risk"


class Area(Frozen):
    name: Text
    ons_code: Annotated[str, StringConstraints(pattern=r"^E\d{8}$")]
    la_number: Annotated[str, StringConstraints(pattern=r"^\d{3}$")]


class Span(Frozen):
    """The dates the plan runs over; targets must fall inside them."""

    start: date
    end: date


class Vision(Frozen):
    statement: Text
    told_by: Text  # who said it, in the plan's words


class Header(Frozen):
    """The ``plan:`` section: what the plan is, for where and when."""

    id: Id
    title: Text
    area: Area
    span: Span
    vision: Vision
    approach: tuple[Text, ...]
    approach_intro: Text | None = None
    key_priorities_intro: tuple[Text, ...] = ()
    ecm_intro: Text | None = None
    source: Text | None = None
    illustrative: bool = False  # targets invented for a demonstration, said in every output
    extends: str | None = None  # a plan folder whose sections this one inherits


class Workstream(Frozen):
    """An outcome's "we are working to" item; may be broken down into further workstreams."""

    id: Id
    text: Text
    flags: tuple[Flag, ...] = ()
    indicators: tuple[Code, ...] = ()
    workstreams: tuple[Workstream, ...] = ()


class Outcome(Frozen):
    """One of the five Every Child Matters outcomes."""

    id: Id
    title: Text
    intro: Text
    workstreams: tuple[Workstream, ...] = ()


class Milestone(Frozen):
    due: date
    text: Text
    done: bool = False


class Action(Frozen):
    """A strategy or step the plan commits to, with an owner and milestones."""

    id: Id
    text: Text
    owner: Text | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED
    milestones: tuple[Milestone, ...] = ()


class Bullets(Frozen):
    """A bulleted list inside a narrative, kept as the plan wrote it."""

    intro: Text | None = None
    bullets: tuple[Text, ...]


class Measure(Frozen):
    """A line of "we will know we are improving by measuring", tied to catalogue indicators."""

    text: Text  # the plan's own wording
    indicators: tuple[Code, ...]
    group: Group | None = None  # None where the plan gives no LAA/local heading


class Priority(Frozen):
    """A key priority: narrative, actions and the measures by which progress is known."""

    id: Id
    title: Text
    wordings: tuple[Text, ...] = ()  # the same priority as worded elsewhere in the plan
    laa_focus: bool = False  # one of the areas that drove the LAA indicator choice
    outcomes: tuple[Id, ...] = ()
    narrative: tuple[Text | Bullets, ...] = ()
    actions: tuple[Action, ...] = ()
    measures_intro: Text | None = None
    measures: tuple[Measure, ...] = ()


class Programme(Frozen):
    """A cross-cutting programme."""

    id: Id
    text: Text
    priorities: tuple[Id, ...] = ()


class Partner(Frozen):
    """A partner agency or service of the Children's Trust."""

    id: Id
    name: Text
    mentioned_as: Text | None = None


class Indicator(Frozen):
    """A definition in the catalogue; its figures are values, its aims baselines and targets."""

    code: Code
    display: Text  # e.g. "NI 75"
    title: Text
    short_title: Text
    polarity: Polarity
    unit: Unit
    period_type: PeriodType
    source: Source
    method: Method
    definition: DefinitionName | None = None  # the computed definition's name, for method: computed
    definition_text: Text | None = None
    plan_says: Text | None = None  # for not_yet_established: what the plan says of it
    outcome: Id  # the Every Child Matters outcome it mainly serves
    notes: Text | None = None
    # for published figures: "<source>:<measure id>", e.g. "lait:SFSecPerAbNew"
    source_measure: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*:.+$")] | None = None


class Baseline(Frozen):
    period: Text
    value: float
    note: Text | None = None


class Target(Frozen):
    """An aim for a period: a value, or a change on a baseline (e.g. -10% on 1998)."""

    period: Text
    value: float | None = None
    change: float | None = None
    change_unit: Annotated[str, StringConstraints(pattern=r"^(%|pp)$")] | None = None
    from_period: Text | None = Field(default=None, alias="from")
    note: Text | None = None

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class IndicatorTargets(Frozen):
    indicator: Code
    baselines: tuple[Baseline, ...] = ()
    targets: tuple[Target, ...] = ()


class Plan(Frozen):
    """A whole validated plan."""

    plan: Header
    outcomes: tuple[Outcome, ...]
    priorities: tuple[Priority, ...]
    programmes: tuple[Programme, ...] = ()
    partners: tuple[Partner, ...] = ()
    indicators: tuple[Indicator, ...]
    targets: tuple[IndicatorTargets, ...] = ()

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def targets_for(self, code: str) -> IndicatorTargets:
        for t in self.targets:
            if t.indicator == code:
                return t
        # no targets: an empty entry (built without validation, as equity-gap keys such as
        # "NI075:fsm_gap" are not catalogue codes)
        return IndicatorTargets.model_construct(indicator=code, baselines=(), targets=())

    def all_workstreams(self) -> list[tuple[Outcome, Workstream, int]]:
        """Every workstream with its outcome and depth (0 = top level), in plan order."""
        found: list[tuple[Outcome, Workstream, int]] = []

        def walk(outcome: Outcome, items: tuple[Workstream, ...], depth: int) -> None:
            for w in items:
                found.append((outcome, w, depth))
                walk(outcome, w.workstreams, depth + 1)

        for o in self.outcomes:
            walk(o, o.workstreams, 0)
        return found

    def priorities_of(self, code: str) -> list[Priority]:
        return [p for p in self.priorities if any(code in m.indicators for m in p.measures)]

    def outcomes_of(self, code: str) -> list[Outcome]:
        """The outcomes an indicator serves: its own, and those of workstreams naming it."""
        ids = {self.indicator(code).outcome}
        ids |= {o.id for o, w, _ in self.all_workstreams() if code in w.indicators}
        return [o for o in self.outcomes if o.id in ids]


# Section name in the plan files -> (model of one item, whether the section is a list)
SECTIONS: dict[str, tuple[type[Frozen], bool]] = {
    "plan": (Header, False),
    "outcomes": (Outcome, True),
    "priorities": (Priority, True),
    "programmes": (Programme, True),
    "partners": (Partner, True),
    "indicators": (Indicator, True),
    "targets": (IndicatorTargets, True),
}
REQUIRED_SECTIONS = ("plan", "outcomes", "priorities", "indicators")
