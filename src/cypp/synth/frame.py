"""What one council's synthetic data is generated for: seed, council, years and sizes.

Sizes: at county scale the default council (Leicestershire) has about 75,000 pupils on roll and
450 children looked after at each 31 March; another council at county scale is scaled by its
population and its rate of children in care. At nation scale every council's size follows its
population so that England has about 8 million pupils and 80,000 children in care.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from cypp.synth.councils import DEFAULT_AREA, Council, councils, find_council
from cypp.synth.days import day
from cypp.synth.rng import stream
from cypp.synth.years import AcademicYear

COUNTY_COHORT = 6_500  # resident children per year of age: about 75,000 pupils
COUNTY_CLA = 450.0  # children looked after at 31 March (short breaks aside)
NATION_COHORT_PER_CHILD = 0.06  # cohort size per child aged 0-17: about 8 million pupils
NATION_CLA = 80_000.0
#: Care histories begin no earlier than the Children Act 1989 came into force (rule 353).
CARE_FROM = dt.date(1991, 10, 14)


@dataclass(frozen=True)
class Frame:
    """One council's generation: its seed, years, sizes, and whether to plant defects."""

    seed: int
    council: Council
    years: tuple[AcademicYear, ...]
    cohort: int  # resident children per year of age
    cla_target: float  # children looked after at each 31 March (short breaks aside)
    with_errors: bool = False
    all_months: bool = True  # NCCIS: every month (else November-January, as NI 117 needs)

    def rng(self, purpose: str) -> np.random.Generator:
        """This council's random stream for ``purpose``."""
        return stream(self.seed, int(self.council.number), purpose)

    @property
    def first(self) -> AcademicYear:
        return self.years[0]

    @property
    def last(self) -> AcademicYear:
        return self.years[-1]

    @cached_property
    def collection_end(self) -> int:
        """31 March of the last year: the end of the history (and of the last SSDA903 return)."""
        return day(self.last.march_31)

    @cached_property
    def births_from(self) -> int:
        """The oldest children needed: care leavers turning 19 in the first collection year."""
        return day(dt.date(self.first.start - 19, 4, 1))

    @cached_property
    def births_to(self) -> int:
        """The youngest: born by the end of the last collection year."""
        return self.collection_end

    @property
    def care_from(self) -> int:
        return day(CARE_FROM)

    @property
    def march_ends(self) -> list[int]:
        """31 March in each academic year (the SSDA903 snapshot dates)."""
        return [day(y.march_31) for y in self.years]


def county_frame(
    seed: int,
    area: str,
    years: tuple[AcademicYear, ...],
    *,
    fraction: float = 1.0,
    with_errors: bool = False,
) -> Frame:
    """The frame of one council generated on its own (county scale)."""
    council = find_council(area)
    base = find_council(DEFAULT_AREA)
    size = council.population / base.population
    care = size * council.cla_ratio / base.cla_ratio
    return Frame(
        seed=seed,
        council=council,
        years=years,
        cohort=max(30, round(COUNTY_COHORT * size * fraction)),
        cla_target=COUNTY_CLA * care * fraction,
        with_errors=with_errors,
    )


def nation_frames(
    seed: int,
    years: tuple[AcademicYear, ...],
    *,
    only: tuple[str, ...] | None = None,
    fraction: float = 1.0,
    with_errors: bool = False,
) -> list[Frame]:
    """One frame per council of England (or of those named in ``only``), sized as a share
    of the nation."""
    every = councils()
    weight = sum(c.population * c.cla_ratio for c in every)
    chosen = every if only is None else tuple(find_council(name) for name in only)
    return [
        Frame(
            seed=seed,
            council=c,
            years=years,
            cohort=max(30, round(c.population * NATION_COHORT_PER_CHILD * fraction)),
            cla_target=NATION_CLA * c.population * c.cla_ratio / weight * fraction,
            with_errors=with_errors,
            all_months=False,
        )
        for c in sorted(set(chosen), key=lambda c: c.number)
    ]
