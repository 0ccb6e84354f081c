"""School Census files: the spring pupil census and the year's attendance (five half-terms).

Absence is a per-pupil rate: a school factor, free school meals (x1.7), special needs
(x1.35), Years 10-11 (x1.2) and a heavy-tailed personal factor, scaled so that the share of
secondary pupils missing 64+ sessions (persistent absence, NI 87) is the year's target: about
6% in 2006/07 falling 0.4 points a year (higher where free school meals are common); from
2010/11, when the threshold became 46 sessions, half as many again reach that; primary about
two fifths of secondary. A few pupils join or leave mid-year and have fewer possible sessions.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.days import day, to_arrow
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography
from cypp.synth.population import ETHNICITIES, Population
from cypp.synth.roll import Pupils, Roll, fsm_rate
from cypp.synth.schools import PHASES, PRIMARY

NC_CODES = np.array(["R", *(str(n) for n in range(1, 14))])
#: The persistent absence threshold over five half-terms: 64 sessions to 2009/10, 46 after.
NEW_THRESHOLD_FROM = 2010


def persistent_absence(frame: Frame, start: int) -> tuple[int, float]:
    """The year's threshold (sessions) and share of secondary pupils at or over it: about 6%
    at 64 sessions falling to 4.5%; at 46 sessions (from 2010/11) half as many again."""
    tilt = (fsm_rate(frame, start) / 0.12) ** 0.5
    share = float(np.clip((0.062 - 0.004 * (start - 2006)) * tilt, 0.02, 0.12))
    if start >= NEW_THRESHOLD_FROM:
        return 46, share * 1.55
    return 64, share


def census_table(
    frame: Frame, roll: Roll, population: Population, pupils: Pupils, geography: Geography
) -> Any:
    """The spring census: one row per pupil on roll."""
    person = roll.person
    schools = pupils.schools
    n = roll.size
    year = roll.year
    upn = pc.take(pupils.upn, pa.array(person))
    return pa.table(
        {
            "UPN": upn,
            "DOB": to_arrow(population.dob[person]),
            "Gender": pa.array(np.where(population.male[person], "M", "F")),
            "Ethnicity": pa.array(np.array(ETHNICITIES)[population.ethnicity[person]]),
            "NCyearActual": pa.array(NC_CODES[roll.nc]),
            "SENprovision": pa.array(roll.sen),
            "FSMeligible": pa.array(roll.fsm),
            "Boarder": pa.array(np.full(n, "N")),
            "URN": pa.array(schools.urn[roll.school].astype("<U6")),
            "Phase": pa.array(np.array(PHASES)[schools.phase[roll.school]]),
            "EnrolStatus": pa.array(np.full(n, "C")),
            "LA": pa.array(np.full(n, frame.council.number)),
            "Postcode": geography.postcodes(population.outward[person], population.inward[person]),
            "AcademicYear": pa.array(np.full(n, year.label)),
            "CensusDate": to_arrow(np.full(n, day(year.census_day), dtype=np.int64)),
        }
    )


def attendance_table(frame: Frame, roll: Roll, pupils: Pupils) -> Any:
    """Sessions possible and missed over five half-terms, for pupils in Years 1 to 11."""
    rng = frame.rng(f"attendance {roll.year.label}")
    schools = pupils.schools
    keep = (roll.nc >= 1) & (roll.nc <= 11)
    nc = roll.nc[keep]
    school = roll.school[keep]
    n = int(keep.sum())
    factor = (
        schools.absence[school]
        * np.where(roll.fsm[keep], 1.7, 1.0)
        * np.where(roll.sen[keep] != "N", 1.35, 1.0)
        * np.where(nc >= 10, 1.2, 1.0)
        * rng.gamma(1.6, 1 / 1.6, n)
    )
    primary = schools.phase[school] == PRIMARY
    threshold, target = persistent_absence(frame, roll.year.start)
    full = 316 + 2 * (roll.year.start % 3)
    scale = np.ones(n)
    for phase_mask, share in ((~primary, target), (primary, 0.4 * target)):
        if phase_mask.any():
            scale[phase_mask] = threshold / full / np.quantile(factor[phase_mask], 1 - share)
    rate = np.clip(scale * factor, 0.0, 0.98)
    possible = np.where(rng.random(n) < 0.04, rng.integers(60, full, n), full)
    missed = rng.binomial(possible, rate)
    unauthorised_share = np.where(roll.fsm[keep], 0.35, 0.2)
    unauthorised = rng.binomial(missed, unauthorised_share)
    label = roll.year.label
    return pa.table(
        {
            "UPN": pc.take(pupils.upn, pa.array(roll.person[keep])),
            "URN": pa.array(schools.urn[school].astype("<U6")),
            "AcademicYear": pa.array(np.full(n, label)),
            "Term": pa.array(np.full(n, "5HT")),
            "SessionsPossible": pa.array(possible.astype(np.int32)),
            "SessionsAuthorised": pa.array((missed - unauthorised).astype(np.int32)),
            "SessionsUnauthorised": pa.array(unauthorised.astype(np.int32)),
        }
    )
