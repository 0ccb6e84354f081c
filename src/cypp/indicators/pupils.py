"""A pupil's groups in a year, for the breakdowns of every pupil-level indicator.

Taken from the School Census of the academic year — the spring (January) census where there
is one, as DfE's attainment statistics do — joined by UPN. Children in care are those looked
after on 31 March of the year (short breaks left out), matched by UPN from SSDA903.
"""

from __future__ import annotations

from typing import Any

import ibis

from cypp.indicators.sources import source

ETHNIC_MAJOR_GROUPS = {
    "White": ("WBRI", "WIRI", "WIRT", "WOTH", "WROM"),
    "Mixed": ("MWBC", "MWBA", "MWAS", "MOTH"),
    "Asian": ("AIND", "APKN", "ABAN", "AOTH"),
    "Black": ("BCRB", "BAFR", "BOTH"),
    "Chinese": ("CHNE",),
    "Any other ethnic group": ("OOTH",),
}


def ethnic_major_group(code: Any) -> Any:
    """DfE's major ethnic group of a census ethnicity code; refused or missing: Unclassified."""
    case = ibis.cases(
        *((code.isin(codes), group) for group, codes in ETHNIC_MAJOR_GROUPS.items()),
        else_="Unclassified",
    )
    return case


def sen_group(provision: Any) -> Any:
    """none / support (School Action, Action Plus, SEN support) / statement (or EHC plan)."""
    return ibis.cases(
        (provision.isin(("S", "E")), "statement"),
        (provision.isin(("A", "P", "K")), "support"),
        else_="none",
    )


def pupil_groups(only: Any | None = None) -> Any:
    """One row per UPN and academic year: gender, ethnicity, fsm, sen, school, district.

    ``only``: a table with ``UPN`` and ``period``; just those pupils' years are ranked (a
    whole pupil-year is kept or left out, so each one's row is the same either way), rather
    than every pupil of every census."""
    census = source("census", "SchoolCensus")
    if only is not None:
        census = census.semi_join(
            only, [census.UPN == only.UPN, census.AcademicYear == only.period]
        )
    month = census.CensusDate.month()
    ranked = census.mutate(
        _rank=ibis.row_number().over(
            group_by=[census.UPN, census.AcademicYear],
            order_by=[ibis.desc(month.isin((1, 2))), ibis.desc(census.CensusDate)],
        )
    )
    spring = ranked.filter(ranked._rank == 0)
    return spring.select(
        UPN=spring.UPN,
        period=spring.AcademicYear,
        gender=spring.Gender.fill_null("unknown"),
        ethnicity=ethnic_major_group(spring.Ethnicity),
        fsm=ibis.ifelse(spring.FSMeligible.fill_null(False), "FSM", "non-FSM"),
        sen=sen_group(spring.SENprovision),
        school=spring.URN,
        district=spring.Postcode.fill_null("unknown"),
    )


def looked_after_on_31_march() -> Any:
    """UPNs of children looked after on 31 March of each academic year (``period``).

    Uses the same episode chain as the children-in-care indicators: each return dated by its
    own collection year, episodes repeated across yearly returns counted once, short breaks
    left out.
    """
    from cypp.indicators.care_cohorts import at_31_march, chain

    header = source("ssda903", "Header")
    held = at_31_march(chain(("S", "P", "B"), True, True))
    looked_after = held.select(held.CHILD, held._area, year=held.year).distinct()
    with_upn = looked_after.join(header, ["CHILD", "_area"]).filter(header.UPN.notnull())
    label = (
        (with_upn.year - 1).cast("string") + "/" + (with_upn.year % 100).cast("string").lpad(2, "0")
    )
    return with_upn.select(UPN=with_upn.UPN, period=label).distinct()


def with_groups(frame: Any, *, upn: str = "UPN", restrict: bool = True) -> Any:
    """A pupil-level frame (with ``UPN`` and ``period``) with every breakdown column added.

    ``restrict``: rank only the frame's pupil-years of the census (a KS4 cohort is a tenth of
    it). Leave it off for a frame that is itself costly: the frame is then read twice, and
    Spark, which does not share the work, would compute it twice."""
    groups = pupil_groups(frame.select(UPN=frame[upn], period=frame.period) if restrict else None)
    cla = looked_after_on_31_march().mutate(cla=ibis.literal("in care"))
    joined = frame.left_join(groups, [frame[upn] == groups.UPN, frame.period == groups.period])
    joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
    joined = joined.left_join(cla, [joined[upn] == cla.UPN, joined.period == cla.period])
    joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
    return joined.mutate(
        cla=joined.cla.fill_null("not in care"),
        gender=joined.gender.fill_null("unknown"),
        ethnicity=joined.ethnicity.fill_null("Unclassified"),
        fsm=joined.fsm.fill_null("unknown"),
        sen=joined.sen.fill_null("unknown"),
        school=joined.school.fill_null("unknown"),
        district=joined.district.fill_null("unknown"),
    )
