"""The indicators the pandas reference covers, by the demo plan's codes, and one run of all.

Covered: 18 of the demo plan's 20 computed indicators — NI 75, NI 102 (KS2 and KS4), NI 105,
NI 97, NI 98, NI 87, NI 62, NI 63, NI 101, NI 58, LCLA-HEALTH, NI 148, NI 117, NI 117 not
known, NI 50, NI 110, NI 115. Not covered: LCLA-ABSENCE and LCLA-PARTICIPATION.

Shared pieces (the care episode chain, the children in care on 31 March, the 12-month cohort,
each pupil's groups) are made once per run, as an analyst's notebook would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from benchmarks.pandas_reference import care, pupils, young_people
from benchmarks.pandas_reference.common import BREAKDOWNS, Warehouse, sums

HEADER = ("gender", "ethnicity")


@dataclass
class Run:
    """One run's warehouse and the pieces several indicators share, made when first needed."""

    w: Warehouse

    @cached_property
    def chain(self) -> pd.DataFrame:
        return care.chain(self.w)

    @cached_property
    def cohort12(self) -> pd.DataFrame:
        return care.looked_after_12_months(self.w, self.chain)

    @cached_property
    def pupils(self) -> pupils.Pupils:
        return pupils.Pupils(self.w, care.looked_after_on_31_march(self.w, self.chain))

    @cached_property
    def nccis(self) -> pd.DataFrame:
        return young_people.nccis_cohort(self.w)


@dataclass(frozen=True)
class Indicator:
    frame: Callable[[Run], pd.DataFrame]
    breakdowns: tuple[str, ...]
    unit: int = 1


INDICATORS: dict[str, Indicator] = {
    "NI075": Indicator(lambda r: pupils.ni075(r.pupils), BREAKDOWNS),
    "NI102KS2": Indicator(lambda r: pupils.ni102_ks2(r.pupils), ("fsm",)),
    "NI102KS4": Indicator(lambda r: pupils.ni075(r.pupils), ("fsm",)),
    "NI105": Indicator(lambda r: pupils.ni105(r.pupils), ("sen",)),
    "NI097": Indicator(
        lambda r: pupils.progress(r.pupils, "KS3_ENGTALEV", "KS4_HGENG"), BREAKDOWNS
    ),
    "NI098": Indicator(
        lambda r: pupils.progress(r.pupils, "KS3_MATTALEV", "KS4_HGMATH"), BREAKDOWNS
    ),
    "NI087": Indicator(lambda r: pupils.ni087(r.pupils), BREAKDOWNS),
    "NI062": Indicator(lambda r: care.ni062(r.w, r.chain), HEADER),
    "NI063": Indicator(lambda r: care.ni063(r.w, r.chain), HEADER),
    "NI101": Indicator(lambda r: care.ni101(r.w, r.cohort12), HEADER),
    "NI058": Indicator(lambda r: care.ni058(r.w, r.cohort12), HEADER),
    "LCLA-HEALTH": Indicator(lambda r: care.health_assessments(r.w, r.cohort12), HEADER),
    "NI148": Indicator(lambda r: care.ni148(r.w), HEADER),
    "NI117": Indicator(
        lambda r: young_people.neet(r.nccis, young_people.NEET), ("district",), unit=1_000_000
    ),
    "NI117-NK": Indicator(
        lambda r: young_people.neet(r.nccis, young_people.NOT_KNOWN), ("district",), unit=1_000_000
    ),
    "NI050": Indicator(lambda r: young_people.ni050(r.w), ("school",), unit=1_000_000),
    "NI110": Indicator(lambda r: young_people.ni110(r.w), ("school",), unit=1_000_000),
    "NI115": Indicator(lambda r: young_people.ni115(r.w), ("school",), unit=1_000_000),
}


def compute_all(warehouse: str, codes: Sequence[str]) -> pd.DataFrame:
    """The aggregates of every indicator in ``codes`` over ``warehouse``."""
    run = Run(Warehouse(warehouse))
    parts = [
        sums(code, INDICATORS[code].frame(run), INDICATORS[code].breakdowns, INDICATORS[code].unit)
        for code in codes
    ]
    return pd.concat(parts, ignore_index=True)
