"""Education indicators: attainment at Key Stages 2 and 4 and the FSM and SEN gaps in it.

Progress from KS3 to KS4 (NI 97, NI 98) is in ``progress`` and absence (NI 87) in ``absence``.
"""

from __future__ import annotations

from typing import Any

import ibis

from cypp.indicators.definition import BREAKDOWNS, Gap, Kind, definition
from cypp.indicators.pupils import with_groups
from cypp.indicators.sources import source

#: KS2 test levels that are "level 4 or above".
KS2_LEVEL_4_PLUS = ("4", "5", "6")


def ks4_level2_em() -> Any:
    """One row per KS4 pupil and year: ``UPN``, ``period``, ``_area``, ``num`` (5+ A*-C incl.
    English and maths) and ``den`` 1 — the cohort of NI 75 and of its gaps."""
    ks4 = source("attainment", "KS4")
    return ks4.select(
        UPN=ks4.UPN,
        period=ks4.AcademicYear,
        _area=ks4._area,
        num=ks4.KS4_LEVEL2_EM.fill_null(False).cast("int64"),
        den=ibis.literal(1, "int64"),
    )


@definition("ks4_5ac_em", Kind.PROPORTION, breakdowns=BREAKDOWNS)
def ks4_5ac_em() -> Any:
    """5 or more A*-C grades at GCSE or equivalent including English and maths (NI 75).

    Cohort: pupils at the end of Key Stage 4 in the academic year (one KS4 row per UPN and
    year), in the schools the attainment file covers.
    Numerator: those with ``KS4_LEVEL2_EM`` true. Denominator: the cohort.
    Reference date: the academic year of the results. Area: the council of the school (LA).
    Exclusions: none beyond the file's coverage; a pupil with no census record in the year is
    kept and shown as ``unknown`` in the breakdowns.
    """
    return with_groups(ks4_level2_em())


@definition("fsm_gap_ks2", Kind.PROPORTION, breakdowns=("fsm",), gap=Gap("fsm", "non-FSM", "FSM"))
def fsm_gap_ks2() -> Any:
    """FSM gap at Key Stage 2: level 4+ in both English and maths (NI 102, KS2).

    Cohort: pupils at the end of Key Stage 2 in the academic year (one KS2 row per UPN and
    year), in the schools the attainment file covers. Every pupil in the file counts,
    including those absent (A), disapplied (D), below the level of the test (B), not awarded
    a level (N) or unable to access the test (T), as in DfE's KS2 tables.
    Numerator: pupils with level 4, 5 or 6 in BOTH ``KS2_ENGLEV`` and ``KS2_MATLEV``.
    Denominator: the cohort. The value is the non-FSM percentage minus the FSM percentage, in
    percentage points; FSM is the spring School Census's ``FSMeligible`` of the year (joined by
    UPN), and pupils with no census record (FSM ``unknown``) are in neither group.
    Reference date: the academic year of the tests. Area: the council of the school (LA).
    """
    ks2 = source("attainment", "KS2")
    both = ks2.KS2_ENGLEV.isin(KS2_LEVEL_4_PLUS) & ks2.KS2_MATLEV.isin(KS2_LEVEL_4_PLUS)
    frame = ks2.select(
        UPN=ks2.UPN,
        period=ks2.AcademicYear,
        _area=ks2._area,
        num=both.fill_null(False).cast("int64"),
        den=ibis.literal(1, "int64"),
    )
    return with_groups(frame)


@definition("fsm_gap_ks4", Kind.PROPORTION, breakdowns=("fsm",), gap=Gap("fsm", "non-FSM", "FSM"))
def fsm_gap_ks4() -> Any:
    """FSM gap at Key Stage 4: 5+ A*-C including English and maths (NI 102, KS4).

    Cohort, numerator and denominator as NI 75 (``ks4_5ac_em``): end-of-KS4 pupils, those with
    ``KS4_LEVEL2_EM`` true. The value is the non-FSM percentage minus the FSM percentage, in
    percentage points; FSM is the spring School Census's ``FSMeligible`` of the year (joined by
    UPN), and pupils with no census record (FSM ``unknown``) are in neither group.
    Reference date: the academic year of the results. Area: the council of the school (LA).
    """
    return with_groups(ks4_level2_em())


@definition("sen_gap_ks4", Kind.PROPORTION, breakdowns=("sen",), gap=Gap("sen", "non-SEN", "SEN"))
def sen_gap_ks4() -> Any:
    """SEN / non-SEN gap at Key Stage 4: 5+ A*-C including English and maths (NI 105).

    Cohort, numerator and denominator as NI 75 (``ks4_5ac_em``). The value is the non-SEN
    percentage minus the SEN percentage, in percentage points. SEN is the spring School
    Census's ``SENprovision`` of the year (joined by UPN): ``SEN`` = School Action (A), School
    Action Plus (P) or a statement (S) — and, from 2014/15, SEN support (K) or an EHC plan (E);
    ``non-SEN`` = none (N). This definition's ``sen`` column therefore has the two groups
    ``non-SEN`` / ``SEN`` (not the none / support / statement of other pupil indicators);
    pupils with no census record are ``unknown`` and in neither group.
    Reference date: the academic year of the results. Area: the council of the school (LA).
    """
    frame = with_groups(ks4_level2_em())
    two_groups = ibis.cases(
        (frame.sen == "none", "non-SEN"),
        (frame.sen.isin(("support", "statement")), "SEN"),
        else_="unknown",
    )
    return frame.mutate(sen=two_groups)
