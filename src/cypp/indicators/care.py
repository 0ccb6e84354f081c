"""Children in care indicators, from the SSDA903 return (cohort rules in ``care_cohorts``).

Every definition counts at a 31 March snapshot (period ``YYYY-MM-DD``) and covers every
31 March its returns cover; ``_area`` is the council of the SSDA903 rows. Breakdowns come from
the SSDA903 Header: ``gender`` (SEX) and ``ethnicity`` (the census major groups).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ibis

from cypp.indicators.academic import age_on, age_on_31_august, year_label
from cypp.indicators.care_cohorts import (
    NEW_PLACEMENT_RNE,
    april_1,
    at_31_march,
    chain,
    check_choice,
    continuously_since,
    dated,
    latest_row,
    looked_after_12_months,
    oc2_rows,
    outside_short_breaks,
    sessions_missed,
    snapshot_label,
    with_child,
    year_to_31_march,
)
from cypp.indicators.definition import Kind, Parameter, definition
from cypp.indicators.sources import source

HEADER_BREAKDOWNS = ("gender", "ethnicity")
ONE = ibis.literal(1, "int64")
UNMATCHED = ("exclude", "include")

PLACEMENT_PARAMETERS = (
    Parameter(
        "new_placement_rne",
        NEW_PLACEMENT_RNE,
        "RNE codes whose episode starts a new placement: S (started care), P (placement and "
        "carer), B (legal status, placement and carer). L, T and U keep the placement "
        "(indicators.md) [to confirm against the handbook].",
    ),
    Parameter(
        "skip_temporary",
        True,
        "A temporary placement (PLACE T0-T4) and the episode after it (the return to the usual "
        "placement, DfE validation rule 383) do not start a placement [to confirm].",
    ),
    Parameter(
        "skip_own_carer_adoption",
        True,
        "Being placed for adoption with the current foster carer (PLACE A3 or A5) does not "
        "start a placement, whatever its RNE (DfE: 'a child placed for adoption with their "
        "existing foster carer is not counted as a change of placement').",
    ),
)
OC2_YEAR = Parameter(
    "oc2_year",
    "latest",
    "Which 31 March an OC2 row describes (OC2 has no year column). 'latest': the latest 31 "
    "March, up to its return's collection year, at which the child had been looked after "
    "continuously for 12 months — the collection year for a valid return, and each row once "
    "for an extract holding one row per child over several years; 'collection': the "
    "collection year only. Children with no OC2 row for the year are left out.",
)


#: The "looked after continuously for 12 months" rule, as the docstrings state it.
CLA12 = """children looked after continuously for 12 months at 31 March: in care since 1 April of
    the year before or earlier (a care spell starts at RNE S or after a gap: a re-entry restarts
    it; REC X1 episodes continue it) and through the year, with no episode ending with a REC
    other than X1 and no short break (V3/V4) from that 1 April to 31 March"""


def _with_cla12(build: Callable[..., Any]) -> Callable[..., Any]:
    """Put the 12-month rule in a docstring's ``{cla12}``."""
    build.__doc__ = (build.__doc__ or "").replace("{cla12}", CLA12)
    return build


def frame(rows: Any, num: Any, den: Any = ONE) -> Any:
    """The unit-level frame: ``_area``, ``period`` (the 31 March), ``num``, ``den``,
    ``gender``, ``ethnicity``."""
    return rows.select(
        _area=rows._area,
        period=snapshot_label(rows.year),
        num=num,
        den=den,
        gender=rows.gender,
        ethnicity=rows.ethnicity,
    )


@definition(
    "placement_moves", Kind.PROPORTION, parameters=PLACEMENT_PARAMETERS,
    breakdowns=HEADER_BREAKDOWNS,
)  # fmt: skip
def placement_moves(
    new_placement_rne: tuple[str, ...], skip_temporary: bool, skip_own_carer_adoption: bool
) -> Any:
    """Children in care with three or more placements in the year (NI 62).

    Cohort: children looked after at 31 March (an episode started on or before it and not
    ended; short breaks, LS V3/V4, left out).
    Numerator: those with 3 or more placements in the year 1 April to 31 March: the placement
    held on 1 April counts one (if the child was looked after then, or the child's records
    begin in the year with an RNE other than S: care began before them), plus each episode
    starting in the year that starts a placement — every re-entry to care (RNE S) and each
    episode whose RNE is in ``new_placement_rne`` (S, P, B), except, by default, temporary
    placements (T0-T4) and the return from them (``skip_temporary``) and placements for
    adoption with the current foster carer, A3/A5 (``skip_own_carer_adoption``).
    Denominator: the cohort.
    Reference date: 31 March. Area: the council of the SSDA903 return.
    Exclusions: short-break episodes (V3/V4) everywhere.
    """
    e = chain(tuple(new_placement_rne), skip_temporary, skip_own_carer_adoption)
    at = at_31_march(e)
    at = at.select("_area", "CHILD", "year", "snapshot", _start=april_1(at.year - 1))
    j = at.join(
        e,
        [
            at._area == e._area,
            at.CHILD == e.CHILD,
            at.snapshot >= e.DECOM,
            e.ends >= at._start,
        ],
    )
    counts = j.group_by(["_area", "CHILD", "year"]).aggregate(
        started=(j.new_placement & (j._start <= j.DECOM)).cast("int64").sum(),
        held=((j._start > j.DECOM) | (j.first_record & (j.RNE != "S"))).cast("int64").max(),
    )
    rows = with_child(counts)
    return frame(rows, (rows.started + rows.held >= 3).cast("int64"))


@definition(
    "placement_stability", Kind.PROPORTION, parameters=PLACEMENT_PARAMETERS,
    breakdowns=HEADER_BREAKDOWNS,
)  # fmt: skip
def placement_stability(
    new_placement_rne: tuple[str, ...], skip_temporary: bool, skip_own_carer_adoption: bool
) -> Any:
    """Long-term stability of placements of children in care (NI 63).

    Cohort: children looked after at 31 March, aged under 16 on that day, looked after
    continuously for at least 2.5 years: their care spell started on or before 1 October two
    and a half years earlier (1 October 2007 for 31 March 2010), with no episode ending with a
    REC other than X1 and no short break (V3/V4) since.
    Numerator: those whose current placement started on or before 1 April two years earlier
    (2 years in the same placement), or who are placed for adoption (PLACE A3-A6) and whose
    placement held just before the adoptive placement began, in the same spell, started by
    then (the adoptive placement and the one before it together last 2 years). A placement
    starts as set by the parameters (S, P, B; by default not at a temporary placement or the
    return from it, nor at a placement for adoption with the current foster carer, A3/A5, so
    adoption by the child's own foster carer continues the foster placement, which is then
    also "the one before").
    Denominator: the cohort.
    Reference date: 31 March. Area: the council of the SSDA903 return.
    Exclusions: short-break episodes; children without a date of birth (age unknown).
    """
    e = chain(tuple(new_placement_rne), skip_temporary, skip_own_carer_adoption)
    at = with_child(at_31_march(e))
    at = at.filter(age_on(at.DOB, at.snapshot) < 16)
    cohort = continuously_since(at, ibis.date(at.year - 3, 10, 1), e)
    two_years = april_1(cohort.year - 2)
    adopted = (cohort.before_adoption <= two_years).fill_null(False)
    stable = (cohort.placement_start <= two_years) | adopted
    return frame(cohort, stable.cast("int64"))


@definition(
    "cla_sdq_score",
    Kind.MEAN,
    parameters=(
        OC2_YEAR,
        Parameter(
            "ages",
            (4, 16),
            "Youngest and oldest age on 31 March, inclusive, of children with a score (NI 58: "
            "4 to 16; later DfE releases use 5 to 16).",
        ),
    ),
    breakdowns=HEADER_BREAKDOWNS,
)
@_with_cla12
def cla_sdq_score(oc2_year: str, ages: tuple[int, int]) -> Any:
    """Emotional and behavioural health of children in care: mean SDQ score (NI 58).

    Cohort: {cla12};
    aged 4 to 16 on 31 March (``ages``), with a valid SDQ total difficulties score (OC2
    SDQ_SCORE, 0 to 40) on the OC2 row of that year (``oc2_year``).
    Numerator: the child's score (the mean is over the cohort). Denominator: 1 per child.
    Reference date: 31 March. Area: the council of the SSDA903 return.
    Exclusions: short breaks; children without an OC2 row for the year, without a score
    (SDQ_REASON given) or with a score outside 0-40; children without a date of birth.
    """
    youngest, oldest = ages
    rows = with_child(oc2_rows(looked_after_12_months(), oc2_year))
    age = age_on(rows.DOB.fill_null(rows.OC2_DOB), rows.snapshot)
    rows = rows.filter(age.between(youngest, oldest), rows.SDQ_SCORE.between(0, 40))
    return frame(rows, rows.SDQ_SCORE.cast("int64"))


def _oc2_flag(column: str, oc2_year: str) -> Any:
    rows = with_child(oc2_rows(looked_after_12_months(), oc2_year))
    return frame(rows, (rows[column].fill_null("") == "1").cast("int64"))


_OC2_DOC = """{title}

    Cohort: {cla12};
    with an OC2 row for that year (``oc2_year``).
    Numerator: those whose OC2 {column} is 1. Denominator: the cohort.
    Reference date: 31 March. Area: the council of the SSDA903 return.
    Exclusions: short breaks; children without an OC2 row for the year (the return must hold
    one for every such child, so a missing row is a gap in the data, not a missed check).
    """


def _register_oc2(name: str, column: str, title: str) -> None:
    def build(oc2_year: str) -> Any:
        return _oc2_flag(column, oc2_year)

    build.__doc__ = _OC2_DOC.replace("{title}", title).replace("{column}", column)
    build.__name__ = name
    register = definition(
        name, Kind.PROPORTION, parameters=(OC2_YEAR,), breakdowns=HEADER_BREAKDOWNS
    )
    register(_with_cla12(build))


_register_oc2(
    "cla_health_assessments",
    "HEALTH_ASSESSMENT",
    "Children in care with their annual health assessment up to date (local LCLA-HEALTH).",
)
_register_oc2(
    "cla_health_checks", "HEALTH_CHECK", "Children in care whose health check is up to date."
)
_register_oc2(
    "cla_immunisations",
    "IMMUNISATIONS",
    "Children in care whose immunisations are up to date.",
)
_register_oc2(
    "cla_teeth_checks", "TEETH_CHECK", "Children in care whose teeth check is up to date."
)


def _unmatched(rows: Any, num: Any, unmatched: str, matched: Any) -> Any:
    """``rows`` and their ``num``: unmatched rows dropped, or kept with num 0."""
    check_choice("unmatched", unmatched, UNMATCHED)
    if unmatched == "exclude":
        kept = rows.mutate(_num=num, _matched=matched)
        kept = kept.filter(kept._matched)
        return frame(kept, kept._num)
    return frame(rows, ibis.ifelse(matched, num, 0).cast("int64"))


@definition(
    "cla_ks4_5ac_em",
    Kind.PROPORTION,
    parameters=(
        Parameter(
            "unmatched",
            "exclude",
            "Children of the cohort whose UPN matches no KS4 result of the year: 'exclude' "
            "(left out, as the DfE's matched statistics do) or 'include' (kept in the "
            "denominator as not achieving) [to confirm].",
        ),
    ),
    breakdowns=HEADER_BREAKDOWNS,
)
@_with_cla12
def cla_ks4_5ac_em(unmatched: str) -> Any:
    """Children in care achieving 5+ A*-C GCSEs or equivalent incl. English and maths (NI 101).

    Cohort: {cla12};
    in Year 11 in the academic year containing that 31 March — by age: 15 on the 31 August
    starting that year (born September 1993 to August 1994 for 31 March 2010) — matched by
    UPN (SSDA903 Header) to the KS4 results of that academic year (the one ending that
    summer), from any school.
    Numerator: those with ``KS4_LEVEL2_EM``. Denominator: the cohort.
    Unmatched UPNs (none, or no KS4 row of the year): ``unmatched``.
    Reference date: 31 March (results of the academic year ending that summer). Area: the
    council of the SSDA903 return.
    Exclusions: short breaks; children without a date of birth.
    """
    rows = with_child(looked_after_12_months())
    rows = rows.mutate(AcademicYear=year_label(rows.year - 1))
    rows = rows.filter(age_on_31_august(rows.DOB, rows.year - 1) == 15)
    ks4 = source("attainment", "KS4")
    results = ks4.group_by(["UPN", "AcademicYear"]).aggregate(
        passed=ks4.KS4_LEVEL2_EM.fill_null(False).max()
    )
    joined = rows.left_join(
        results, [rows.UPN == results.UPN, rows.AcademicYear == results.AcademicYear]
    )
    joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
    return _unmatched(
        joined, joined.passed.fill_null(False).cast("int64"), unmatched, joined.passed.notnull()
    )


@definition(
    "cla_school_absence",
    Kind.PROPORTION,
    parameters=(
        Parameter(
            "threshold_sessions",
            50,
            "Sessions missed (authorised + unauthorised) in the school year that count as "
            "missing 25 days of school.",
        ),
        Parameter(
            "school_ages",
            (5, 15),
            "Ages on 31 August at the start of that school year, inclusive, counted as school "
            "age (compulsory school age, as the DfE's absence statistics) [to confirm].",
        ),
        Parameter(
            "unmatched",
            "exclude",
            "Children whose UPN matches no attendance row of that school year: 'exclude' (their "
            "absence is unknown) or 'include' (kept in the denominator as not missing 25 "
            "days) [to confirm].",
        ),
    ),
    breakdowns=HEADER_BREAKDOWNS,
)
@_with_cla12
def cla_school_absence(
    threshold_sessions: int, school_ages: tuple[int, int], unmatched: str
) -> Any:
    """Children in care who missed 25 days or more of school (local LCLA-ABSENCE).

    Cohort: {cla12};
    of school age in the previous school year — the academic year that ended before that 31
    March (2008/09 for 31 March 2010): aged 5 to 15 on the 31 August it started
    (``school_ages``) — matched by UPN (SSDA903 Header) to School Census attendance of that
    year, from any school.
    Numerator: those who missed ``threshold_sessions`` (50) sessions or more, authorised plus
    unauthorised, over the whole school year summed across their schools: per school the 6HT
    row, else 5HT plus SU2, else the termly rows (AUT, SPR, and SUM or SU1 + SU2), never both.
    Denominator: the cohort. Unmatched UPNs: ``unmatched``.
    Reference date: 31 March (absence of the school year before). Area: the council of the
    SSDA903 return.
    Exclusions: short breaks; children without a date of birth.
    """
    youngest, oldest = school_ages
    rows = with_child(looked_after_12_months())
    rows = rows.mutate(AcademicYear=year_label(rows.year - 2))
    rows = rows.filter(age_on_31_august(rows.DOB, rows.year - 2).between(youngest, oldest))
    missed = sessions_missed(rows.select("UPN"))
    joined = rows.left_join(
        missed, [rows.UPN == missed.UPN, rows.AcademicYear == missed.AcademicYear]
    )
    joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
    absent = (joined.missed >= threshold_sessions).fill_null(False).cast("int64")
    return _unmatched(joined, absent, unmatched, joined.missed.notnull())


@definition(
    "care_leavers_eet",
    Kind.PROPORTION,
    parameters=(
        Parameter(
            "birthday_age",
            19,
            "The birthday, in the return's year to 31 March, of the care leavers counted (NI "
            "148: the 19th) [to confirm]. Since 2016 OC3 also holds 17th, 18th, 20th and 21st "
            "birthdays; set 17 to 21 for those cohorts.",
        ),
        Parameter(
            "eet_activities",
            ("F1", "P1", "F2", "P2", "F3", "P3", "F4", "P4", "F5", "P5"),
            "ACTIV codes in education, employment or training, full (F) or part time (P): 1 "
            "higher education, 2 other education, 3 training or employment (to 2017/18), "
            "4 employment and 5 training (from 2018/19). G4-G6 (not in EET) and 0 (not known) "
            "are not.",
        ),
        Parameter(
            "excluded_in_touch",
            ("DIED", "RHOM"),
            "IN_TOUCH codes left out of the cohort, as the DfE's care leaver statistics do: "
            "died since leaving care, returned home to parents for 6 months or more. Those "
            "not in touch (NO, REFU) and NREQ stay in the denominator.",
        ),
    ),
    breakdowns=HEADER_BREAKDOWNS,
)
def care_leavers_eet(
    birthday_age: int, eet_activities: tuple[str, ...], excluded_in_touch: tuple[str, ...]
) -> Any:
    """Former relevant care leavers in education, employment or training (NI 148).

    Cohort: young people in OC3 (former relevant care leavers) whose 19th birthday
    (``birthday_age``) fell in the year to 31 March of their return's collection year (the
    OC3 row describes the activity around that birthday; a young person in several returns
    counts in each return's year, at most once a year), including those the council is not in
    touch with, less those who died or returned home (``excluded_in_touch``).
    Numerator: those whose ACTIV is in ``eet_activities`` (F1-F5, P1-P5).
    Denominator: the cohort.
    Reference date: 31 March ending the year of the birthday. Area: the council of the
    SSDA903 return.
    Exclusions: IN_TOUCH DIED and RHOM; rows without a date of birth.
    """
    oc3 = dated(source("ssda903", "OC3"))
    birthday_year = oc3.DOB.year() + birthday_age + ibis.ifelse(oc3.DOB.month() > 3, 1, 0)
    oc3 = oc3.filter(
        birthday_year == oc3.batch_year,
        ~oc3.IN_TOUCH.fill_null("").isin(tuple(excluded_in_touch)),
    )
    oc3 = latest_row(oc3.mutate(year=oc3.batch_year), ["_area", "CHILD", "year"])
    rows = with_child(oc3.select("_area", "CHILD", "year", "ACTIV"))
    return frame(rows, rows.ACTIV.fill_null("").isin(tuple(eet_activities)).cast("int64"))


@definition(
    "cla_review_participation",
    Kind.PROPORTION,
    parameters=(
        Parameter(
            "min_age",
            4,
            "Youngest age, on the day of the review, counted (PN0 means the child was under 4).",
        ),
    ),
    breakdowns=HEADER_BREAKDOWNS,
)
def cla_review_participation(min_age: int) -> Any:
    """Reviews of children in care in which the child took part (local LCLA-PARTICIPATION).

    Unit: a review (SSDA903 Reviews row), once (the latest return's row for a child and date).
    Cohort: reviews held in the year 1 April to 31 March, up to the return's collection year,
    of children aged 4 or over on the day (``min_age``; DOB of the Reviews row, else of the
    Header) whose REVIEW_CODE is PN1-PN7.
    Numerator: reviews coded PN1-PN6 (the child took part: spoke, sent views, was represented,
    ...). PN7 (did not take part) counts in the denominator only.
    Denominator: the cohort.
    Reference date: the 31 March ending the year of the review. Area: the council of the
    SSDA903 return.
    Exclusions: PN0 (child under 4) and reviews without a code; reviews held while the child's
    only care was a short break (V3/V4).
    """
    reviews = latest_row(dated(source("ssda903", "Reviews")), ["_area", "CHILD", "REVIEW"])
    reviews = reviews.mutate(year=year_to_31_march(reviews.REVIEW))
    reviews = reviews.filter(reviews.year <= reviews.batch_year)
    reviews = outside_short_breaks(reviews).rename(REVIEW_DOB="DOB")
    rows = with_child(reviews)
    age = age_on(rows.REVIEW_DOB.fill_null(rows.DOB), rows.REVIEW)
    took_part = tuple(f"PN{i}" for i in range(1, 7))
    rows = rows.filter(age >= min_age, rows.REVIEW_CODE.isin((*took_part, "PN7")))
    return frame(rows, rows.REVIEW_CODE.isin(took_part).cast("int64"))
