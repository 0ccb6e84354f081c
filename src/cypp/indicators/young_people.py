"""Young people's indicators from NCCIS: 16-18 year olds NEET and whose activity is not known.

NI 117 is the mean, over the end-of-month snapshots of November, December and January, of the
share of 16-18 year olds known to the council who are NEET. The DfE averages the three months'
counts (NEET, and known) and divides one mean by the other. The engine sums ``num`` and ``den``
over units, so each young person in each month's snapshot is a unit worth a third: ``num`` is
1/3 if they are NEET that month, ``den`` is 1/3. Summed over the three snapshots this gives
the mean NEET count over the mean known count. (A month whose snapshot is missing leaves the
share a ratio of the months present, but shrinks the counts.) The pupil survey measures
(NI 50, NI 110, NI 115) are in ``survey``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import ibis

from cypp.errors import EngineError
from cypp.indicators.academic import age_on as age_on_day
from cypp.indicators.academic import age_on_31_august, year_label, year_of_date
from cypp.indicators.definition import Kind, Parameter, definition
from cypp.indicators.sources import source
from cypp.returns.nccis import ACTIVITY_GROUPS

#: The snapshot months averaged: November, December and the following January.
SNAPSHOT_MONTHS = (11, 12, 1)
MIN_AGE, MAX_AGE = 16, 18
AGE_BASES = ("31 August", "snapshot")
#: A third to six decimal places, as an exact decimal: a young person's three months sum to
#: 0.999999 and the NEET share (a ratio of two sums of thirds) is exact. The type has twice
#: the digits the value uses so that the engine's sum of squares stays exact too.
THIRDS = "decimal(18, 12)"
A_THIRD = ibis.literal(Decimal("0.333333"), THIRDS)
NOTHING = ibis.literal(Decimal("0"), THIRDS)

PARAMETERS = (
    Parameter(
        "age_on",
        "31 August",
        "How ages 16-18 are reckoned: '31 August' = academic age, the age on 31 August at the "
        "start of the academic year (school years 12-14), as NI 117 counts; 'snapshot' = the "
        "age on the snapshot date.",
    ),
    Parameter(
        "excluded_codes",
        ("710",),
        "Activity codes left out of the cohort besides the Custody and AsylumNoStatus flags: "
        "710 custody (young adult offender). 720 refugee / asylum seeker is kept unless "
        "AsylumNoStatus is set [to confirm].",
    ),
)


def _codes_of(*groups: str) -> tuple[str, ...]:
    return tuple(code for code, group in ACTIVITY_GROUPS.items() if group in groups)


NEET_CODES = _codes_of("NEET", "NEET inactive")
NOT_KNOWN_CODES = _codes_of("not known")


def nccis_cohort(age_basis: str, excluded_codes: tuple[str, ...]) -> Any:
    """One row per young person known in a November-January snapshot, aged 16-18: ``CCISID``,
    ``ActivityCode``, ``period`` (the academic year), ``_area``, ``district``; a third each."""
    if age_basis not in AGE_BASES:
        raise EngineError(
            f"neet_16_18: age_on {age_basis!r} is not one of {', '.join(map(repr, AGE_BASES))}"
        )
    act = source("nccis", "Activity")
    snaps = act.filter(act.SnapshotDate.month().isin(SNAPSHOT_MONTHS))
    start = year_of_date(snaps.SnapshotDate)
    snaps = snaps.mutate(_start=start, _month=snaps.SnapshotDate.month())
    # one row per young person and month: the latest snapshot of the month, first line of it
    ranked = snaps.mutate(
        _rank=ibis.row_number().over(
            group_by=[snaps.CCISID, snaps._area, snaps._start, snaps._month],
            order_by=[ibis.desc(snaps.SnapshotDate), snaps._file, snaps._line],
        )
    )
    once = ranked.filter(ranked._rank == 0)
    if age_basis == "31 August":
        age = age_on_31_august(once.DOB, once._start)
    else:
        age = age_on_day(once.DOB, once.SnapshotDate)
    cohort = once.filter(
        age.between(MIN_AGE, MAX_AGE),
        ~once.Custody.fill_null(False),
        ~once.AsylumNoStatus.fill_null(False),
        ~once.ActivityCode.isin(tuple(excluded_codes)) if excluded_codes else ibis.literal(True),
    )
    return cohort.select(
        CCISID=cohort.CCISID,
        ActivityCode=cohort.ActivityCode,
        period=year_label(cohort._start),
        _area=cohort._area,
        district=cohort.Postcode.fill_null("unknown"),
    )


def _a_third_each(cohort: Any, counted: tuple[str, ...]) -> Any:
    """``num`` a third when the activity is ``counted``, ``den`` a third — as exact decimals, so
    sums are the same on every backend (floating-point sums depend on the order of addition)."""
    return cohort.select(
        "_area",
        "period",
        "district",
        num=ibis.ifelse(cohort.ActivityCode.isin(counted), A_THIRD, NOTHING),
        den=A_THIRD,
    )


@definition("neet_16_18", Kind.PROPORTION, parameters=PARAMETERS, breakdowns=("district",))
def neet_16_18(age_on: str, excluded_codes: tuple[str, ...]) -> Any:
    """16 to 18 year olds not in education, employment or training (NI 117).

    Cohort: young people in the council's NCCIS snapshots at the end of November, December and
    January, aged 16 to 18 (``age_on``: by default their academic age, the age on 31 August at
    the start of the academic year), known to the council (a row in the snapshot); left out:
    those in custody (``Custody``, activity 710) and asylum seekers without status
    (``AsylumNoStatus``). One row per young person per month (the month's latest snapshot).
    Numerator: those whose activity is in the NEET groups — NEET (540, 550, 610, 615, 616, 619)
    or NEET inactive, not available to the labour market (620-680).
    Denominator: the cohort. Each young person-month counts a third (0.333333) in both, so the
    numerator and denominator are the three months' mean counts (as the DfE averages them),
    and the value is the mean NEET count over the mean known count (the share is exact; the
    counts are short by a millionth per person-month). Suppression sees these mean
    counts.
    Reference date: the three month-ends; the period is the academic year they fall in
    (November 2009 - January 2010 is 2009/10). Area: the council whose NCCIS extract it is.
    Breakdown: ``district``, the home postcode district.
    """
    return _a_third_each(nccis_cohort(age_on, excluded_codes), NEET_CODES)


@definition(
    "neet_not_known_16_18", Kind.PROPORTION, parameters=PARAMETERS, breakdowns=("district",)
)
def neet_not_known_16_18(age_on: str, excluded_codes: tuple[str, ...]) -> Any:
    """16 to 18 year olds whose current activity is not known (NI 117, not known).

    Cohort: as NI 117 (``neet_16_18``): young people in the November, December and January
    NCCIS snapshots, aged 16 to 18 (academic age by default, ``age_on``), custody and asylum
    seekers without status left out, one row per young person per month.
    Numerator: those whose activity is in the group "not known" (810 not known, 820 cannot be
    contacted, 830 refused to disclose).
    Denominator: the cohort. Each young person-month counts a third (0.333333) in both, so
    numerator and denominator are the mean counts over the three months, as for NI 117.
    Reference date: the three month-ends; the period is the academic year they fall in.
    Area: the council whose NCCIS extract it is. Breakdown: ``district``.
    """
    return _a_third_each(nccis_cohort(age_on, excluded_codes), NOT_KNOWN_CODES)
