"""Unaccompanied asylum-seeking children: young people arriving alone, looked after at once.

About 3.5% of the number in care arrive each year since 2000, aged 14-17 (most 16), nine in
ten boys. They join the council's children (for NCCIS too) and are looked after (V2) until 18,
or until an age assessment, a transfer or a move abroad ends it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from cypp.synth.care.spells import LONG, OPEN, REACHED_18, YEAR, Spells
from cypp.synth.days import day, plus_years, ymd
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography
from cypp.synth.population import ETHNICITIES, NEVER, Population
from cypp.synth.rng import draw

ORIGINS = {"AOTH": 0.35, "BAFR": 0.2, "BOTH": 0.1, "OOTH": 0.15, "WOTH": 0.1, "MOTH": 0.05,
           "AIND": 0.05}  # fmt: skip
ENDED_EARLY = {"E15": 0.4, "E16": 0.2, "E3": 0.2, "E8": 0.2}
SINCE = dt.date(2000, 1, 1)


def arrivals(
    frame: Frame, population: Population, geography: Geography
) -> tuple[Population, Spells]:
    """The population with the arrivals added, and the arrivals' spells of care."""
    rng = frame.rng("uasc")
    first = max(day(SINCE), frame.care_from)
    span = (frame.collection_end - first) / YEAR
    n = int(rng.poisson(max(0.0, 0.035 * frame.cla_target * span)))
    start = np.sort(rng.integers(first, frame.collection_end + 1, n))
    age = rng.choice([14, 15, 16, 17], n, p=[0.1, 0.25, 0.4, 0.25]) + rng.random(n)
    dob = start - np.floor(age * YEAR).astype(np.int64)
    born_year, born_month, _ = ymd(dob)
    cohort = np.where(born_month >= 9, born_year, born_year - 1)
    district = rng.choice(geography.district_weights.size, n, p=geography.district_weights)
    outward, inward = geography.home_postcodes(district, rng)
    codes = list(ORIGINS)
    ethnicity = np.array([ETHNICITIES.index(c) for c in codes])[
        rng.choice(len(codes), n, p=np.array(list(ORIGINS.values())))
    ]
    extra = Population(
        dob=dob,
        male=rng.random(n) < 0.9,
        cohort=cohort,
        ethnicity=ethnicity,
        district=district,
        outward=outward,
        inward=inward,
        deprivation=rng.normal(1.0, 1.0, n) + population.deprivation.mean(),
        ability=rng.normal(-0.3, 1.0, n),
        sen=rng.normal(0.0, 1.0, n),
        maintained=np.zeros(n, dtype=bool),
        arrive=start,
        leave=np.full(n, NEVER, dtype=np.int64),
    )
    joined = Population(
        **{
            f.name: np.concatenate([getattr(population, f.name), getattr(extra, f.name)])
            for f in dataclasses.fields(Population)
        }
    )
    eighteen = plus_years(dob, 18)
    early = rng.random(n) < 0.2
    end = np.where(early, np.minimum(start + 30 + rng.exponential(200, n).astype(np.int64),
                                     eighteen), eighteen)  # fmt: skip
    rec = np.where(end >= eighteen, draw(rng, REACHED_18, n), draw(rng, ENDED_EARLY, n))
    is_open = end > frame.collection_end
    spells = Spells(
        person=population.size + np.arange(n),
        start=start,
        end=np.where(is_open, OPEN, end),
        path=np.full(n, LONG),
        rec=np.where(is_open, "", rec).astype("<U4"),
        uasc=np.ones(n, dtype=bool),
    )
    return joined, spells
