"""The school roll of each academic year: who is on roll at the spring census, where, in which
year group, and with which free school meals and special needs status.

Children move up a year group each September and keep their UPN; they leave their primary
for a secondary in Year 7; two in five stay on in a school sixth form. Free school meals
follow deprivation (with year-to-year churn) at the council's rate, rising a little after
2008; special needs follow the ``sen`` trait: about 2.7% with statements (all special school
pupils among them), 5.5% School Action Plus and 11% School Action. Children in care are far
more likely to have special needs, and rarely claim free meals while in care.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from cypp.synth.days import Ints, Mask, day
from cypp.synth.frame import Frame
from cypp.synth.ids import serials, upns
from cypp.synth.population import Population
from cypp.synth.schools import SECONDARY, SPECIAL, Placements, Schools
from cypp.synth.years import AcademicYear

STATEMENT, ACTION_PLUS, ACTION = 0.027, 0.055, 0.11
#: Special needs are identified less often in the first school years.
SEN_BY_YEAR = np.array([-0.5, -0.25, -0.1, 0.05, 0.1, 0.1, 0.1, 0.1, 0.05, 0.0, 0.0, 0.0, 0.0, 0.0])


@dataclass(frozen=True)
class Roll:
    """One year's pupils on roll at the spring census."""

    year: AcademicYear
    person: Ints
    nc: Ints  # 0 = Reception ... 13
    school: Ints
    fsm: Mask
    sen: np.ndarray  # N, A, P or S
    in_care: Mask  # looked after on census day

    @property
    def size(self) -> int:
        return int(self.person.size)


@dataclass(frozen=True)
class Pupils:
    """What every year's roll shares: UPNs and who stays on into the sixth form."""

    upn: Any  # Arrow strings (meaningful where ``has_upn``)
    has_upn: Mask
    upn_year: Ints  # the academic year (its first calendar year) the UPN was allocated
    stays_12: Mask
    stays_13: Mask
    schools: Schools
    placements: Placements


def fsm_rate(frame: Frame, start: int) -> float:
    """The council's share of pupils eligible for free school meals in a year."""
    c = frame.council
    base = 0.16 * (c.cla_ratio * c.conception_ratio) ** 0.65
    trend = 1 + 0.02 * (start - 2006) + (0.05 if start >= 2009 else 0.0)
    return float(np.clip(base * trend, 0.04, 0.45))


def build_pupils(
    frame: Frame, population: Population, schools: Schools, placements: Placements
) -> Pupils:
    """UPNs and sixth-form choices for every child."""
    rng = frame.rng("pupils")
    n = population.size
    reception = population.cohort + 5
    arrival = _academic_start(population.arrive)
    allocated = np.maximum(reception, arrival)
    nc_then = allocated - population.cohort - 5
    has_upn = population.maintained & (nc_then <= 11)
    school = np.where(nc_then <= 6, placements.primary, placements.secondary)
    estab = np.where(has_upn, schools.estab[np.maximum(school, 0)], 0)
    serial = serials(estab, allocated) % 1000
    upn = upns(int(frame.council.number), estab, allocated, serial)
    staying = 1 / (1 + np.exp(-(1.3 * population.ability - 0.35)))
    sixth = schools.sixth_form[np.maximum(placements.secondary, 0)]
    stays_12 = sixth & (rng.random(n) < np.where(placements.special, 0.7, staying))
    stays_13 = stays_12 & (rng.random(n) < 0.88)
    return Pupils(upn, has_upn, allocated, stays_12, stays_13, schools, placements)


def build_roll(
    frame: Frame,
    year: AcademicYear,
    population: Population,
    pupils: Pupils,
    in_care: Mask,
    been_in_care: Mask,
) -> Roll:
    """The pupils on roll at the year's spring census."""
    rng = frame.rng(f"roll {year.label}")
    census = day(year.census_day)
    nc = population.nc_year(year.start)
    on = (
        population.resident(census)
        & pupils.has_upn
        & (
            ((nc >= 0) & (nc <= 11))
            | ((nc == 12) & pupils.stays_12)
            | ((nc == 13) & pupils.stays_13)
        )
    )
    person = np.flatnonzero(on)
    nc = nc[person]
    placements = pupils.placements
    school = np.where(nc <= 6, placements.primary[person], placements.secondary[person])
    # Free school meals: deprivation with yearly churn; rarely claimed for a child in care.
    need = population.deprivation[person] + rng.normal(0.0, 0.4, person.size)
    # Shares wobble a little from year to year around the council's trend.
    wobble = rng.normal(1.0, 0.03, 2)
    rate = fsm_rate(frame, year.start) * wobble[0]
    fsm = need > np.quantile(need, 1 - rate) if person.size else need > 0
    fsm &= ~in_care[person]
    # Special needs: statements from the lasting trait; the rest with yearly churn.
    care = np.where(been_in_care[person], 0.9, 0.0)
    lasting = population.sen[person] + care
    special = placements.special[person]
    share = (STATEMENT - special.mean()) / max(1 - special.mean(), 0.5) if person.size else 0.0
    statement = special | (lasting > _top(np.where(special, -np.inf, lasting), share))
    yearly = lasting + rng.normal(0.0, 0.3, person.size) + SEN_BY_YEAR[np.clip(nc, 0, 13)]
    others = np.where(statement, -np.inf, yearly)
    plus = others > _top(others, ACTION_PLUS * wobble[1])
    action = ~plus & (others > _top(others, (ACTION_PLUS + ACTION) * wobble[1]))
    sen = np.select([statement, plus, action], ["S", "P", "A"], default="N").astype("<U1")
    return Roll(year, person, nc, school, fsm, sen, in_care[person])


def _top(values: np.ndarray, share: float) -> float:
    """The value above which ``share`` of ``values`` lie."""
    if values.size == 0:
        return 0.0
    return float(np.quantile(values, 1 - min(max(share, 0.0), 1.0)))


def _academic_start(days: Ints) -> Ints:
    moments = days.astype("datetime64[D]")
    months = moments.astype("datetime64[M]").astype(np.int64)
    year = months // 12 + 1970
    result: Ints = np.where(months % 12 >= 8, year, year - 1)
    return result


def secondary_phase(schools: Schools, school: Ints) -> Mask:
    """Pupils at secondary (or special) schools."""
    result: Mask = np.isin(schools.phase[school], [SECONDARY, SPECIAL])
    return result
