"""Key stage 2, 3 and 4 results for the pupils on roll in Years 6, 9 and 11.

Each result is the pupil's ``ability`` plus their school's effect, less a penalty for
children in care (more for those in care a year or more) and for free school meals (growing
from KS2 to KS4), plus noise for the subject, cut
into levels or grades at the shares the year's target implies:

- KS2: level 4+ in English about 80% and in maths 78% (both about 72%), rising slowly;
- KS3 teacher assessment: level 5+ about 72%, level 6+ a third;
- KS4: 5+ A*-C including English and maths 47% in 2006/07 rising 2.5 points a year (tilted
  down where free school meals are common); grades A*-U in English and maths consistent
  with it, so that progress from KS3 to KS4 (NI 97, 98) can be computed for the same pupils.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.days import Floats, Mask
from cypp.synth.frame import Frame
from cypp.synth.population import Population
from cypp.synth.roll import Pupils, Roll, fsm_rate
from cypp.synth.schools import SPECIAL

GRADES = np.array(["U", "G", "F", "E", "D", "C", "B", "A", "A*"])
#: Shares of grades below C (U..D) and from C up (C..A*), each summing to 1.
BELOW_C = np.array([0.07, 0.09, 0.16, 0.26, 0.42])
C_AND_UP = np.array([0.38, 0.31, 0.21, 0.10])
#: KS3 teacher-assessed levels 1-8, shares from the bottom.
KS3_SHARES = np.array([0.005, 0.015, 0.08, 0.18, 0.38, 0.26, 0.075, 0.005])
#: How much less pupils on free school meals achieve than their ability suggests, by key
#: stage (the gap widens through school).
FSM_PENALTY = {2: 0.0, 3: 0.03, 4: 0.06}
#: School type codes for KS4_TOE_CODE (see docs/synth.md).
SCHOOL_TYPES = {"01": 0.6, "02": 0.12, "03": 0.08, "05": 0.15, "10": 0.05}


def em_target(frame: Frame, start: int) -> float:
    """The year's share with 5+ A*-C including English and maths (NI 75)."""
    tilt = (fsm_rate(frame, start) / 0.12) ** -0.2
    return float(np.clip((0.47 + 0.025 * (start - 2006)) * tilt, 0.25, 0.8))


def _latent(
    frame: Frame,
    roll: Roll,
    population: Population,
    pupils: Pupils,
    care_year: Mask,
    been: Mask,
    keep: Mask,
    stage: int,
) -> Floats:
    person = roll.person[keep]
    school = roll.school[keep]
    penalty = np.where(care_year[person], 1.3, np.where(been[person], 0.6, 0.0))
    penalty = penalty + FSM_PENALTY[stage] * roll.fsm[keep]
    year_effect = frame.rng(f"year effect {roll.year.label}").normal(0.0, 0.04)
    result: Floats = (
        population.ability[person] + pupils.schools.effect[school] - penalty + year_effect
    )
    return result


def _cut(values: Floats, shares: np.ndarray) -> np.ndarray:
    """Index of the band each value falls in, bands holding ``shares`` from the bottom."""
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    edges = np.quantile(values, np.cumsum(shares)[:-1])
    return np.searchsorted(edges, values)


def _keyed(frame: Frame, roll: Roll, pupils: Pupils, keep: Mask) -> dict[str, Any]:
    n = int(keep.sum())
    return {
        "UPN": pc.take(pupils.upn, pa.array(roll.person[keep])),
        "AcademicYear": pa.array(np.full(n, roll.year.label)),
        "URN": pa.array(pupils.schools.urn[roll.school[keep]].astype("<U6")),
        "LA": pa.array(np.full(n, frame.council.number)),
    }


def ks2_table(
    frame: Frame, roll: Roll, population: Population, pupils: Pupils, care: Mask, been: Mask
) -> Any:
    """KS2 test levels for Year 6."""
    rng = frame.rng(f"ks2 {roll.year.label}")
    keep = roll.nc == 6
    z = _latent(frame, roll, population, pupils, care, been, keep, 2)
    trend = 0.005 * (roll.year.start - 2006)
    columns = _keyed(frame, roll, pupils, keep)
    special = pupils.schools.phase[roll.school[keep]] == SPECIAL
    absent = rng.random(z.size) < 0.01
    for name, l4, l5 in (("KS2_ENGLEV", 0.80, 0.30), ("KS2_MATLEV", 0.78, 0.32)):
        score = z + rng.normal(0.0, 0.55, z.size)
        up4 = min(l4 + trend, 0.95)
        shares = np.array([0.03, 0.005, 1 - up4 - 0.035, up4 - l5, l5])
        band = _cut(score, shares)
        level = np.array(["B", "N", "3", "4", "5"])[band]
        level = np.where(special & (rng.random(z.size) < 0.4), "D", level)
        columns[name] = pa.array(np.where(absent, "A", level))
    return pa.table(columns)


def ks3_table(
    frame: Frame, roll: Roll, population: Population, pupils: Pupils, care: Mask, been: Mask
) -> Any:
    """KS3 teacher-assessed levels for Year 9."""
    rng = frame.rng(f"ks3 {roll.year.label}")
    keep = roll.nc == 9
    z = _latent(frame, roll, population, pupils, care, been, keep, 3)
    columns = _keyed(frame, roll, pupils, keep)
    special = pupils.schools.phase[roll.school[keep]] == SPECIAL
    shift = 0.01 * (roll.year.start - 2006)
    shares = KS3_SHARES + np.array([0, 0, 0, -shift, 0, 0, shift, 0])
    for name in ("KS3_ENGTALEV", "KS3_MATTALEV"):
        band = _cut(z + rng.normal(0.0, 0.5, z.size), shares)
        level = np.array([str(n) for n in range(1, 9)])[band]
        level = np.where(special & (band == 0), "W", level)
        level = np.where(rng.random(z.size) < 0.008, "A", level)
        columns[name] = pa.array(level)
    return pa.table(columns)


def ks4_table(
    frame: Frame, roll: Roll, population: Population, pupils: Pupils, care: Mask, been: Mask
) -> Any:
    """KS4 results for Year 11: the 5+ A*-C incl. English and maths flag, and the English and
    maths grades consistent with it."""
    rng = frame.rng(f"ks4 {roll.year.label}")
    keep = roll.nc == 11
    z = _latent(frame, roll, population, pupils, care, been, keep, 4)
    n = z.size
    target = em_target(frame, roll.year.start)
    english = z + rng.normal(0.0, 0.45, n)
    maths = z + rng.normal(0.0, 0.45, n)
    overall = np.minimum(english, maths) + rng.normal(0.0, 0.25, n)
    flag = overall > np.quantile(overall, 1 - target) if n else np.zeros(0, dtype=bool)
    columns = _keyed(frame, roll, pupils, keep)
    columns["KS4_LEVEL2_EM"] = pa.array(flag)
    absent = rng.random(n) < 0.015
    for name, above in (("KS4_HGENG", target + 0.12), ("KS4_HGMATH", target + 0.10)):
        score = english if name == "KS4_HGENG" else maths
        up = min(above, 0.95)
        shares = np.concatenate([BELOW_C * (1 - up), C_AND_UP * up])
        grade = _cut(score, shares)
        grade = np.where(flag, np.maximum(grade, 5), grade)  # the flag needs C or better
        text = np.where(absent & ~flag, "X", GRADES[grade])
        columns[name] = pa.array(text)
    school = roll.school[keep]
    types = np.array(list(SCHOOL_TYPES))
    kind = frame.rng("school types").choice(
        types.size, pupils.schools.urn.size, p=np.array(list(SCHOOL_TYPES.values()))
    )
    code = np.where(pupils.schools.phase[school] == SPECIAL, "07", types[kind[school]])
    columns["KS4_TOE_CODE"] = pa.array(code)
    return pa.table(columns)
