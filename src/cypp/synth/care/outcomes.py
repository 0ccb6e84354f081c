"""OC2 (children looked after a year or more at 31 March) and OC3 (care leavers at 19).

Both are made for every collection year at once, each row with the helper column ``_YEAR``
(``2009-10``) naming the year's return it goes into (``collection`` drops it).

OC2 has a row for each child looked after continuously for 12 months at a 31 March: through
the whole year from 1 April, as the DfE counts it (a child long in care has a row in every
year's return). SDQ scores (ages 4-16, four in five completed) average about 14 and follow
the child from year to year; health checks, immunisations, teeth checks and assessments are
mostly up to date, improving over the years; convictions and substance misuse are asked of
those aged 10+.

OC3 has a row for each former relevant child (13+ weeks in care after 14, in care at 16 or
later) in the return of the year (1 April to 31 March) of their 19th birthday, as the OC3 of
2006-2011 asked: in touch for most, about seven in ten of those in education, employment or
training. A county has only about fifty a year, so IN_TOUCH and the share in EET are dealt in
their proportions rather than drawn (drawn, NI 148 would swing ten points a year by chance).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from cypp.synth.care.build import Care
from cypp.synth.care.collection import YEAR_COLUMN, collection_years
from cypp.synth.care.spells import OPEN
from cypp.synth.days import Ints, age_on, plus_years, to_arrow
from cypp.synth.frame import Frame
from cypp.synth.rng import dealt, draw

SDQ_REASONS = {"SDQ1": 0.35, "SDQ2": 0.2, "SDQ3": 0.2, "SDQ4": 0.15, "SDQ5": 0.1}
IN_TOUCH = {"YES": 0.86, "NO": 0.06, "REFU": 0.02, "NREQ": 0.03, "RHOM": 0.02, "DIED": 0.01}
EET = {"F1": 0.07, "P1": 0.01, "F2": 0.25, "P2": 0.05, "F4": 0.08, "P4": 0.02, "F5": 0.17,
       "P5": 0.07}  # fmt: skip
NOT_EET = {"G4": 0.06, "G5": 0.17, "G6": 0.05}
ACCOM = {"U1": 0.3, "B1": 0.12, "D1": 0.1, "E1": 0.08, "Z1": 0.08, "T1": 0.05, "K1": 0.04,
         "C1": 0.02, "Y1": 0.03, "U2": 0.03, "B2": 0.02, "D2": 0.01, "X2": 0.03, "S2": 0.02,
         "W2": 0.01, "V2": 0.01}  # fmt: skip


def oc2_table(frame: Frame, care: Care) -> Any:
    """One row per child looked after a year or more, per collection year (``_YEAR``)."""
    rng = frame.rng("oc2")
    population, spells = care.population, care.spells
    lasting = rng.normal(14.0, 5.5, population.size)
    parts: list[dict[str, Any]] = []
    for index, year in enumerate(collection_years(frame)):
        march = year.end
        throughout = (spells.start <= year.start) & (spells.end > march)
        person = np.unique(spells.person[throughout])
        n = person.size
        age = age_on(population.dob[person], march)
        scored_age = (age >= 4) & (age <= 16)
        scored = scored_age & (rng.random(n) < 0.8)
        score = np.clip(np.round(lasting[person] + rng.normal(0.0, 2.5, n)), 0, 40).astype(np.int32)
        improving = 0.02 * index
        older = age >= 10
        misuse = older & (rng.random(n) < 0.05)

        everyone = np.ones(n, dtype=bool)
        parts.append(
            {
                "CHILD": pa.array(care.child[person]),
                "DOB": to_arrow(population.dob[person]),
                "SDQ_SCORE": _masked_int(score, scored),
                "SDQ_REASON": _masked_text(draw(rng, SDQ_REASONS, n), scored_age & ~scored),
                "CONVICTED": _masked_text(np.where(rng.random(n) < 0.06, "1", "0"), older),
                "HEALTH_CHECK": _yes(rng, 0.84 + improving, everyone),
                "IMMUNISATIONS": _yes(rng, 0.82 + improving, everyone),
                "TEETH_CHECK": _yes(rng, 0.8 + improving, everyone),
                "HEALTH_ASSESSMENT": _yes(rng, 0.83 + improving, everyone),
                "SUBSTANCE_MISUSE": _masked_text(np.where(misuse, "1", "0"), older),
                "INTERVENTION_RECEIVED": _yes(rng, 0.55 + improving, misuse),
                "INTERVENTION_OFFERED": _yes(rng, 0.25 + improving, misuse),
                YEAR_COLUMN: pa.array(np.full(n, year.folder)),
            }
        )
    return pa.concat_tables([pa.table(p) for p in parts])


def oc3_table(frame: Frame, care: Care) -> Any:
    """One row per former relevant child in the collection year (``_YEAR``) of their 19th
    birthday."""
    rng = frame.rng("oc3")
    population, spells = care.population, care.spells
    dob = population.dob[spells.person]
    b14, b16, b18 = (plus_years(dob, n) for n in (14, 16, 18))
    end = np.where(spells.end == OPEN, frame.collection_end + 1, spells.end)
    days_after_14 = np.clip(np.minimum(end, b18) - np.maximum(spells.start, b14), 0, None)
    after_16 = (end > b16) & (spells.start < b18)
    total = np.bincount(spells.person, weights=days_after_14, minlength=population.size)
    late = np.zeros(population.size, dtype=bool)
    late[spells.person[after_16]] = True
    relevant = (total >= 91) & late
    nineteen = plus_years(population.dob, 19)
    parts: list[Any] = []
    for index, year in enumerate(collection_years(frame)):
        in_year = (nineteen >= year.start) & (nineteen <= year.end)
        person: Ints = np.flatnonzero(relevant & in_year)
        n = person.size
        touch = dealt(rng, IN_TOUCH, n)
        known = np.isin(touch, ["YES", "RHOM"])
        eet_share = 0.72 + 0.01 * index
        in_eet = np.zeros(n, dtype=bool)
        in_eet[known] = dealt(rng, {"1": eet_share, "0": 1 - eet_share}, int(known.sum())) == "1"
        activity = np.where(in_eet, draw(rng, EET, n), draw(rng, NOT_EET, n))
        accom = np.where(touch == "RHOM", "B1", draw(rng, ACCOM, n))
        parts.append(
            pa.table(
                {
                    "CHILD": pa.array(care.child[person]),
                    "DOB": to_arrow(population.dob[person]),
                    "IN_TOUCH": pa.array(touch),
                    "ACTIV": pa.array(np.where(known, activity, "0")),
                    "ACCOM": pa.array(np.where(known, accom, "0")),
                    YEAR_COLUMN: pa.array(np.full(n, year.folder)),
                }
            )
        )
    return pa.concat_tables(parts)


def _yes(rng: np.random.Generator, share: float, asked: np.ndarray) -> Any:
    """``1`` for about ``share`` of those asked, ``0`` for the rest, blank if not asked."""
    value = np.where(rng.random(asked.size) < min(share, 0.98), "1", "0")
    return _masked_text(value, asked)


def _masked_int(values: np.ndarray, keep: np.ndarray) -> Any:
    return pa.array(values.astype(np.int32), mask=~keep, type=pa.int32())


def _masked_text(values: np.ndarray, keep: np.ndarray) -> Any:
    return pa.array(values, mask=~keep, type=pa.string())
