"""Education indicators: attainment at Key Stages 2 to 4, progress, gaps and absence."""

from __future__ import annotations

from typing import Any

import ibis

from cypp.indicators.definition import BREAKDOWNS, Kind, definition
from cypp.indicators.pupils import with_groups
from cypp.indicators.sources import source


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
    ks4 = source("attainment", "KS4")
    frame = ks4.select(
        UPN=ks4.UPN,
        period=ks4.AcademicYear,
        _area=ks4._area,
        num=ks4.KS4_LEVEL2_EM.fill_null(False).cast("int64"),
        den=ibis.literal(1, "int64"),
    )
    return with_groups(frame)
