"""The council's maintained schools and which school each child goes to.

About one primary per 21 children of a year group in a shire county (many small village
schools) and one per 35 elsewhere; one secondary per ~120 (county) or ~180; a few special
schools. Schools sit in districts in proportion to the districts' children; children go to a
school in their own district (secondary: nine in ten), the one-in-a-hundred with the
greatest needs to a special school. URNs are unique across the synthetic nation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cypp.synth.councils import councils
from cypp.synth.days import Floats, Ints, Mask
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography
from cypp.synth.population import Population

PRIMARY, SECONDARY, SPECIAL = 0, 1, 2
PHASES = ("PS", "SS", "SP")
SPECIAL_SHARE = 0.011  # children at special schools (all with statements)


@dataclass(frozen=True)
class Schools:
    """Schools as parallel arrays."""

    urn: Ints
    estab: Ints  # DfE establishment number (2xxx primary, 4xxx secondary, 7xxx special)
    phase: Ints  # PRIMARY, SECONDARY or SPECIAL
    district: Ints
    sixth_form: Mask
    effect: Floats  # added to pupils' attainment
    absence: Floats  # multiplies pupils' absence


@dataclass(frozen=True)
class Placements:
    """Each child's primary and secondary school (index into Schools; -1: none)."""

    primary: Ints
    secondary: Ints
    special: Mask


def build_schools(frame: Frame, geography: Geography) -> Schools:
    """The council's schools."""
    rng = frame.rng("schools")
    county = frame.council.is_county
    counts = (
        max(3, round(frame.cohort / (21 if county else 35))),
        max(1, round(frame.cohort / (120 if county else 180))),
        max(1, round(frame.cohort * SPECIAL_SHARE / 12)),
    )
    weights = geography.district_weights
    urn_base = 100_000 + 2_000 * [c.code for c in councils()].index(frame.council.code)
    phase_parts, district_parts = [], []
    for kind, count in enumerate(counts):
        district_parts.append(rng.choice(weights.size, count, p=weights))
        phase_parts.append(np.full(count, kind))
    phase = np.concatenate(phase_parts)
    district = np.concatenate(district_parts)
    n = phase.size
    within = np.concatenate([np.arange(c) for c in counts])
    estab = np.array([2000, 4000, 7000])[phase] + within
    return Schools(
        urn=urn_base + np.arange(n),
        estab=estab,
        phase=phase,
        district=district,
        sixth_form=(phase == SPECIAL) | ((phase == SECONDARY) & (rng.random(n) < 0.65)),
        effect=rng.normal(0.0, 0.2, n),
        absence=rng.lognormal(0.0, 0.18, n),
    )


def assign_schools(frame: Frame, population: Population, schools: Schools) -> Placements:
    """Each child's schools, in their own district where it has one."""
    rng = frame.rng("school choice")
    n = population.size
    size = rng.lognormal(0.0, 0.5, schools.urn.size)  # some schools draw many more pupils
    primary = _choose(rng, population.district, schools, PRIMARY, size)
    secondary = _choose(rng, population.district, schools, SECONDARY, size)
    # One secondary pupil in ten goes to a school in another district.
    away = rng.random(n) < 0.1
    anywhere = np.flatnonzero(schools.phase == SECONDARY)
    secondary[away] = rng.choice(anywhere, int(away.sum()))
    cut = np.quantile(population.sen, 1 - SPECIAL_SHARE) if n else 0.0
    special = population.sen > cut
    specials = np.flatnonzero(schools.phase == SPECIAL)
    chosen = rng.choice(specials, int(special.sum()))
    primary[special] = chosen
    secondary[special] = chosen
    return Placements(primary=primary, secondary=secondary, special=special)


def _choose(
    rng: np.random.Generator, district: Ints, schools: Schools, phase: int, size: Floats
) -> Ints:
    chosen = np.full(district.size, -1, dtype=np.int64)
    candidates = np.flatnonzero(schools.phase == phase)
    for d in np.unique(district):
        local = candidates[schools.district[candidates] == d]
        if local.size == 0:
            local = candidates
        who = np.flatnonzero(district == d)
        p = size[local] / size[local].sum()
        chosen[who] = rng.choice(local, who.size, p=p)
    return chosen
