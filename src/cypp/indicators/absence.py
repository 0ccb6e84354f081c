"""Persistent absence in secondary schools (NI 87), from the School Census attendance rows.

Attendance comes either per term or as annual sums; the DfE's measure is over the first five
half-terms (autumn, spring, first half of summer), so a ``5HT`` row is used as it stands and
otherwise the ``AUT``, ``SPR`` and ``SU1`` rows are added up — never both, and never ``SUM``,
``SU2`` or ``6HT``, which include the sixth half-term.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis

from cypp.errors import EngineError
from cypp.indicators.academic import age_on_31_august, start_year
from cypp.indicators.definition import BREAKDOWNS, Kind, Parameter, definition
from cypp.indicators.pupils import with_groups
from cypp.indicators.sources import source

FIVE_HALF_TERMS = "5HT"
TERMS_OF_FIVE_HALF_TERMS = ("AUT", "SPR", "SU1")
#: NI 87 counts pupils aged 5 to 15 at the start of the academic year (compulsory school age).
MIN_AGE, MAX_AGE = 5, 15

#: From which academic year each persistent-absence threshold applies: a number of sessions
#: missed, or a percentage of the enrolment's own possible sessions.
THRESHOLDS = {"2005/06": "64", "2010/11": "46", "2015/16": "10%"}

PARAMETERS = (
    Parameter(
        "threshold",
        THRESHOLDS,
        "Dated persistent-absence threshold: {first academic year: rule}. A rule is a number "
        "of sessions missed over the five half-terms ('64') or a percentage of the enrolment's "
        "possible sessions ('10%'); each applies from its year until the next, and the first "
        "also to earlier years. Default: 64 sessions (32 days, NI 87 as published) to 2009/10; "
        "46 sessions (about 15%, as the DfE applied it) from 2010/11; 10% of the pupil's own "
        "possible sessions from 2015/16.",
    ),
    Parameter(
        "secondary_phases",
        ("SS", "MS", "AT"),
        "School Census phases counted as secondary: SS secondary, MS middle deemed secondary, "
        "AT all-through (DfE counts all-through schools with secondary) [to confirm for AT].",
    ),
    Parameter(
        "enrol_statuses",
        ("C", "M", "S"),
        "Enrolment statuses counted: C single registration, M main and S subsidiary dual "
        "registration (each registration is an enrolment); G guest and F FE college are not "
        "[to confirm].",
    ),
    Parameter(
        "not_boarder",
        ("N",),
        "Boarder codes of pupils who do not board; any other non-empty code (B, 6, 7, ...) is a "
        "boarder and is left out [to confirm against the census guide].",
    ),
)


def _rules(threshold: Mapping[str, str]) -> list[tuple[int, float, bool]]:
    """(start year, value, is a percentage) per rule, latest first."""
    rules: list[tuple[int, float, bool]] = []
    for year, rule in dict(threshold).items():
        text = str(rule).strip()
        percent = text.endswith("%")
        try:
            start = int(str(year)[:4])
            value = float(text.rstrip("%"))
        except ValueError:
            raise EngineError(
                f"secondary_persistent_absence: threshold {{{year!r}: {rule!r}}} is not a rule; "
                "write {'2010/11': '46'} for sessions or {'2015/16': '10%'} for a percentage"
            ) from None
        rules.append((start, value, percent))
    if not rules:
        raise EngineError("secondary_persistent_absence: the threshold has no rules")
    return sorted(rules, reverse=True)


def is_persistent(missed: Any, possible: Any, year: Any, threshold: Mapping[str, str]) -> Any:
    """Whether ``missed`` sessions reach the threshold in force in academic year ``year``."""
    rules = _rules(threshold)

    def reached(value: float, percent: bool) -> Any:
        return missed * 100 >= possible * value if percent else missed >= value

    earliest = rules[-1]
    cases = [(year >= start, reached(value, percent)) for start, value, percent in rules[:-1]]
    return (
        ibis.cases(*cases, else_=reached(earliest[1], earliest[2]))
        if cases
        else reached(earliest[1], earliest[2])
    )


def five_half_terms() -> Any:
    """Sessions over the first five half-terms per enrolment (UPN, URN, year, area): the 5HT
    row where there is one, otherwise AUT + SPR + SU1. Repeated rows of the same term (the
    same key in two files) count once."""
    att = source("census", "Attendance")
    wanted = att.filter(att.Term.isin((FIVE_HALF_TERMS, *TERMS_OF_FIVE_HALF_TERMS)))
    keys = [wanted.UPN, wanted.URN, wanted.AcademicYear, wanted._area]
    ranked = wanted.mutate(
        _rank=ibis.row_number().over(
            group_by=[*keys, wanted.Term], order_by=[wanted._file, wanted._line]
        ),
        _has_5ht=(wanted.Term == FIVE_HALF_TERMS).cast("int32").max().over(group_by=keys),
    )
    is_5ht = (ranked.Term == FIVE_HALF_TERMS).cast("int32")
    used = ranked.filter(ranked._rank == 0, ranked._has_5ht == is_5ht)
    return used.group_by(["UPN", "URN", "AcademicYear", "_area"]).aggregate(
        possible=used.SessionsPossible.fill_null(0).sum(),
        missed=(
            used.SessionsAuthorised.fill_null(0) + used.SessionsUnauthorised.fill_null(0)
        ).sum(),
    )


def enrolments() -> Any:
    """One census row per enrolment (UPN, URN, year, area): the spring census where there is
    one (as for the pupil breakdowns), otherwise the latest."""
    census = source("census", "SchoolCensus")
    ranked = census.mutate(
        _rank=ibis.row_number().over(
            group_by=[census.UPN, census.URN, census.AcademicYear, census._area],
            order_by=[
                ibis.desc(census.CensusDate.month().isin((1, 2))),
                ibis.desc(census.CensusDate),
            ],
        )
    )
    return ranked.filter(ranked._rank == 0)


@definition(
    "secondary_persistent_absence",
    Kind.PROPORTION,
    parameters=PARAMETERS,
    breakdowns=BREAKDOWNS,
)
def secondary_persistent_absence(
    threshold: Mapping[str, str],
    secondary_phases: tuple[str, ...],
    enrol_statuses: tuple[str, ...],
    not_boarder: tuple[str, ...],
) -> Any:
    """Secondary school persistent absence rate (NI 87).

    Unit: an enrolment — a pupil (UPN) at a school (URN) in an academic year, with attendance
    rows. Sessions are over the first five half-terms: the ``5HT`` row where there is one,
    otherwise ``AUT`` + ``SPR`` + ``SU1`` (``SUM``, ``SU2``, ``6HT`` are not used: they hold the
    sixth half-term); a repeated row of the same term counts once.
    Cohort: enrolments whose School Census record at that school in that year (the spring
    census where there is one, else the latest) is in a secondary phase (``secondary_phases``:
    SS, MS, AT), with an enrolment status in ``enrol_statuses`` (C, M, S), of a pupil aged 5 to
    15 on 31 August at the start of the academic year, not a boarder (``not_boarder``: a
    ``Boarder`` code other than N is left out; empty counts as not boarding), with at least one
    possible session. Enrolments with no census record at the school are left out (their
    phase and age are unknown). The census covers maintained schools and academies only.
    Numerator: enrolments whose absence (authorised + unauthorised) reaches the threshold in
    force in the year (``threshold``, dated): 64 sessions (32 days) to 2009/10, 46 sessions
    (about 15%) from 2010/11, 10% of the enrolment's own possible sessions from 2015/16.
    Denominator: the cohort.
    Reference date: the academic year. Area: the council of the school's census return.
    Breakdowns: the pupil's groups from the spring census of the year (by UPN); ``school`` is
    the enrolment's school.
    """
    sessions = five_half_terms()
    census = enrolments()
    joined = sessions.join(
        census, ["UPN", "URN", "AcademicYear", "_area"], lname="", rname="{name}_census"
    )
    year = start_year(joined.AcademicYear)
    boarder = joined.Boarder.strip().nullif("")
    cohort = joined.filter(
        joined.Phase.isin(tuple(secondary_phases)),
        joined.EnrolStatus.isin(tuple(enrol_statuses)),
        age_on_31_august(joined.DOB, year).between(MIN_AGE, MAX_AGE),
        boarder.isnull() | boarder.isin(tuple(not_boarder)),
        joined.possible > 0,
    )
    persistent = is_persistent(
        cohort.missed, cohort.possible, start_year(cohort.AcademicYear), threshold
    )
    frame = cohort.select(
        UPN=cohort.UPN,
        period=cohort.AcademicYear,
        _area=cohort._area,
        _school=cohort.URN,
        num=persistent.cast("int64"),
        den=ibis.literal(1, "int64"),
    )
    grouped = with_groups(frame, restrict=False)  # the frame is costly (see with_groups)
    return grouped.mutate(school=grouped._school).drop("_school")
