"""Two levels of progress from Key Stage 3 to Key Stage 4 in English (NI 97) and maths (NI 98).

A KS3 teacher-assessed level is turned into the GCSE grade that counts as two levels above
it; the pupil progressed if their best GCSE grade in the subject is that grade or higher.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis

from cypp.errors import EngineError
from cypp.indicators.academic import start_year
from cypp.indicators.definition import BREAKDOWNS, Kind, Parameter, definition
from cypp.indicators.pupils import with_groups
from cypp.indicators.sources import source

#: GCSE grades from best to worst, ranked; U, X (absent or no result) and no grade rank 0.
GRADE_RANK = {"A*": 8, "A": 7, "B": 6, "C": 5, "D": 4, "E": 3, "F": 2, "G": 1}

#: KS3 level -> the lowest GCSE grade that is two levels above it. 4->C ... 7->A* are the
#: plan's equivalences [to confirm]; the levels below continue one grade per level (3->D,
#: 2->E, 1->F, W->G); 8 and EP (exceptional performance, above 8) cannot rise two levels
#: beyond A*, so A* is asked of them. KS3 codes missing here (A absent, D disapplied, X not
#: applicable) are not a level and leave the pupil out of the cohort.
TWO_LEVELS_ABOVE = {
    "W": "G", "1": "F", "2": "E", "3": "D", "4": "C", "5": "B", "6": "A", "7": "A*", "8": "A*",
    "EP": "A*",
}  # fmt: skip

PARAMETERS = (
    Parameter(
        "two_levels_above",
        TWO_LEVELS_ABOVE,
        "KS3 level -> the lowest GCSE grade counting as two levels of progress: 4->C, 5->B, "
        "6->A, 7->A* as the plan states; W->G, 1->F, 2->E, 3->D, 8->A*, EP->A* continue it "
        "[to confirm: if GCSE C is taken as level 7, as in the KS2-KS4 expected-progress "
        "measure, the table is one grade lower: 5->C, 6->B, 7->A, 8->A*]. A KS3 code not "
        "listed (A, D, X) is not a level: the pupil is left out of the cohort.",
    ),
    Parameter(
        "ks3_years_before",
        None,
        "Which KS3 row is the pupil's: None = the latest KS3 row from an academic year before "
        "the KS4 year, whatever its year (pupils who were held back or moved up keep theirs); "
        "2 = only the row exactly two academic years earlier, the usual case.",
    ),
)


def _required_rank(level: Any, mapping: Mapping[str, str]) -> Any:
    """The rank of the GCSE grade two levels above a KS3 level; null when it is not a level."""
    for code, grade in mapping.items():
        if grade not in GRADE_RANK:
            raise EngineError(
                f"two_levels_above maps KS3 level {code!r} to {grade!r}, which is not a GCSE "
                f"grade; use one of {', '.join(GRADE_RANK)}"
            )
    cases = tuple((level == code, GRADE_RANK[grade]) for code, grade in mapping.items())
    return ibis.cases(*cases, else_=ibis.null("int32")) if cases else ibis.null("int32")


def _grade_rank(grade: Any) -> Any:
    return ibis.cases(*((grade == g, rank) for g, rank in GRADE_RANK.items()), else_=0)


def ks3_ks4_progress(
    ks3_column: str, ks4_column: str, mapping: Mapping[str, str], ks3_years_before: int | None
) -> Any:
    """The pupil-level frame of NI 97 / NI 98 for one subject's KS3 and GCSE columns."""
    ks4 = source("attainment", "KS4")
    ks3 = source("attainment", "KS3")
    pairs = ks4.join(ks3, ks4.UPN == ks3.UPN, lname="", rname="{name}_ks3")
    years = start_year(pairs.AcademicYear) - start_year(pairs.AcademicYear_ks3)
    pairs = pairs.filter(years > 0 if ks3_years_before is None else years == ks3_years_before)
    # one KS3 row per KS4 row: the latest earlier one (the KS3 key makes the file order moot)
    ranked = pairs.mutate(
        _rank=ibis.row_number().over(
            group_by=[pairs.UPN, pairs.AcademicYear, pairs._area],
            order_by=[ibis.desc(pairs.AcademicYear_ks3), pairs._file_ks3, pairs._line_ks3],
        )
    )
    matched = ranked.filter(ranked._rank == 0)
    matched = matched.mutate(_required=_required_rank(matched[ks3_column], mapping))
    cohort = matched.filter(matched._required.notnull())
    progressed = _grade_rank(cohort[ks4_column]) >= cohort._required
    frame = cohort.select(
        UPN=cohort.UPN,
        period=cohort.AcademicYear,
        _area=cohort._area,
        num=progressed.cast("int64"),
        den=ibis.literal(1, "int64"),
    )
    return with_groups(frame)


@definition(
    "ks3_ks4_progress_english", Kind.PROPORTION, parameters=PARAMETERS, breakdowns=BREAKDOWNS
)
def ks3_ks4_progress_english(
    two_levels_above: Mapping[str, str], ks3_years_before: int | None
) -> Any:
    """Two levels of progress from Key Stage 3 to Key Stage 4 in English (NI 97).

    Cohort: pupils at the end of Key Stage 4 in the academic year (one KS4 row per UPN and
    year) with a KS3 teacher-assessed English level (``KS3_ENGTALEV``), matched by UPN in any
    council. The pupil's KS3 row is, by default, their latest KS3 row from an earlier academic
    year, whatever its year (usually two years before; parameter ``ks3_years_before``). KS3
    codes that are not a level (A absent or insufficient information, D disapplied, X not
    applicable) and pupils with no KS3 row are left out; W (working towards level 1) and EP
    (exceptional performance, above level 8) count as levels.
    Numerator: those whose best GCSE English grade (``KS4_HGENG``) is at least the grade two
    levels above their KS3 level (``two_levels_above``: 4->C, 5->B, 6->A, 7->A*; 8 and EP->A*;
    3->D, 2->E, 1->F, W->G [to confirm]). No grade, U or X is no progress.
    Denominator: the cohort.
    Reference date: the academic year of the GCSE results. Area: the council of the KS4 school.
    """
    return ks3_ks4_progress("KS3_ENGTALEV", "KS4_HGENG", two_levels_above, ks3_years_before)


@definition("ks3_ks4_progress_maths", Kind.PROPORTION, parameters=PARAMETERS, breakdowns=BREAKDOWNS)
def ks3_ks4_progress_maths(
    two_levels_above: Mapping[str, str], ks3_years_before: int | None
) -> Any:
    """Two levels of progress from Key Stage 3 to Key Stage 4 in maths (NI 98).

    As NI 97 (``ks3_ks4_progress_english``) with the maths columns. Cohort: end-of-KS4 pupils
    with a KS3 teacher-assessed maths level (``KS3_MATTALEV``: W, 1-8 or EP; A, D, X and no KS3
    row are left out), from their latest earlier KS3 row by default (``ks3_years_before``).
    Numerator: those whose best GCSE maths grade (``KS4_HGMATH``) is at least the grade two
    levels above their KS3 level (``two_levels_above``: 4->C, 5->B, 6->A, 7->A*; 8 and EP->A*;
    3->D, 2->E, 1->F, W->G [to confirm]). No grade, U or X is no progress.
    Denominator: the cohort.
    Reference date: the academic year of the GCSE results. Area: the council of the KS4 school.
    """
    return ks3_ks4_progress("KS3_MATTALEV", "KS4_HGMATH", two_levels_above, ks3_years_before)
