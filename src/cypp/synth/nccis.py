"""NCCIS: monthly activity of the council's young people in academic age 16-18 (Years 12-14).

Each young person has a main activity for the year: school sixth form for those on a school's
roll in Years 12-13, otherwise education, employment, training, NEET or not known, at shares
by age (NEET about 3.5%, 6% and 8.5% at 16, 17 and 18, scaled by the council's deprivation and
a little higher in 2008-2010; not known 2%, 3.5% and 7%), the least engaged most often NEET.
Months differ: some young people have a spell out of work or learning, some NEET ones a spell
in it, and the new cohort's activity is often not yet known in September and October.
Unaccompanied asylum-seeking children are refugees or asylum seekers (720).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa

from cypp.synth.days import Ints, Mask, day, month_end, to_arrow
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography
from cypp.synth.ids import scrambled
from cypp.synth.population import Population
from cypp.synth.rng import draw
from cypp.synth.roll import Pupils, fsm_rate
from cypp.synth.years import AcademicYear

MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)  # September to August
NI117_MONTHS = (11, 12, 1)
EDUCATION = {"220": 0.3, "230": 0.6, "250": 0.04, "260": 0.02, "270": 0.02, "280": 0.02}
EMPLOYMENT = {"310": 0.35, "320": 0.2, "330": 0.3, "340": 0.05, "350": 0.07, "360": 0.03}
TRAINING = {"410": 0.6, "430": 0.25, "440": 0.1, "450": 0.05}
NEET = {"619": 0.45, "550": 0.1, "540": 0.03, "610": 0.08, "615": 0.05, "616": 0.02,
        "620": 0.05, "630": 0.1, "640": 0.06, "650": 0.03, "660": 0.005, "670": 0.01,
        "680": 0.04}  # fmt: skip
NOT_KNOWN = {"810": 0.6, "820": 0.3, "830": 0.1}
#: Shares by academic age 16, 17, 18: NEET, not known, employment, training.
SHARES = np.array(
    [
        [0.035, 0.02, 0.05, 0.05],
        [0.06, 0.035, 0.12, 0.05],
        [0.085, 0.07, 0.30, 0.05],
    ]
)


def young_people(frame: Frame, population: Population, year: AcademicYear) -> Ints:
    """Children in academic age 16-18 living in the council at some time in the year."""
    nc = population.nc_year(year.start)
    first, last = day(year.first_day), day(dt.date(year.end, 8, 31))
    here = (population.arrive <= last) & (population.leave > first)
    result: Ints = np.flatnonzero((nc >= 12) & (nc <= 14) & here)
    return result


def monthly_tables(
    frame: Frame,
    year: AcademicYear,
    population: Population,
    pupils: Pupils,
    geography: Geography,
    uasc: Mask,
    months: tuple[int, ...],
) -> list[tuple[int, Any]]:
    """(month end day, table) for each month of ``months`` in the year."""
    rng = frame.rng(f"nccis {year.label}")
    person = young_people(frame, population, year)
    n = person.size
    age = population.nc_year(year.start)[person] - 12
    z = population.deprivation[person]
    engagement = population.ability[person] - 0.6 * (z - z.mean()) + rng.normal(0.0, 1.0, n)
    tilt = (fsm_rate(frame, year.start) / 0.12) ** 0.6
    bump = 1.12 if year.start in (2008, 2009) else 1.0
    shares = SHARES[age]
    neet_p = np.clip(shares[:, 0] * tilt * bump, 0.005, 0.4)
    unknown_p = shares[:, 1]
    sixth = ((age == 0) & pupils.stays_12[person]) | ((age == 1) & pupils.stays_13[person])
    # Rank engagement within each age: the lowest are NEET, the highest in education.
    rank = np.empty(n)
    for a in range(3):
        where = np.flatnonzero(age == a)
        rank[where] = np.argsort(np.argsort(engagement[where])) / max(where.size - 1, 1)
    neet = ~sixth & (rank < neet_p)
    unknown = ~sixth & ~neet & (rng.random(n) < unknown_p * np.where(rank < 0.3, 1.5, 0.8))
    work = ~sixth & ~neet & ~unknown & (rank < neet_p + shares[:, 2] + shares[:, 3])
    training = work & (rng.random(n) < shares[:, 3] / (shares[:, 2] + shares[:, 3]))
    employment = work & ~training
    code = draw(rng, EDUCATION, n)
    code = np.where((age == 2) & (rank > 0.55), "240", code)
    code = np.where(sixth, "210", code)
    code = np.where(employment, draw(rng, EMPLOYMENT, n), code)
    code = np.where(training, draw(rng, TRAINING, n), code)
    code = np.where(neet, draw(rng, NEET, n), code)
    code = np.where(unknown, draw(rng, NOT_KNOWN, n), code)
    code = np.where((age >= 1) & (rng.random(n) < 0.002), "710", code)
    in_uasc = uasc[person]
    code = np.where(in_uasc, "720", code)
    asylum = in_uasc & (rng.random(n) < 0.5)
    # Spells: a month-range in another activity for some.
    spell_start = rng.integers(0, 12, n)
    spell_len = rng.integers(1, 5, n)
    out_spell = ~neet & ~unknown & ~in_uasc & (rng.random(n) < 0.06)
    in_spell = neet & (rng.random(n) < 0.4)
    out_code = draw(rng, NEET, n)
    in_code = np.where(rank > 0.5, draw(rng, EDUCATION, n), draw(rng, EMPLOYMENT, n))
    september_unknown = (age == 0) & ~sixth & (rng.random(n) < 0.12)
    first = day(year.first_day)
    continuing = np.where((age >= 1) & (code != "240"), 365, 0)
    start_day = np.where(
        np.isin(code, ["210", "220", "230", "240"]),
        first - continuing,
        first - rng.integers(0, 540, n),
    )
    tables: list[tuple[int, Any]] = []
    current = code.copy()
    current_start = start_day.copy()
    cc_id = np.char.add(
        frame.council.number, scrambled(person, low=1_000_000, high=10_000_000).astype("<U7")
    )
    for i, month in enumerate(MONTHS):
        calendar_year = year.start if month >= 9 else year.end
        end = month_end(calendar_year, month)
        within = (i >= spell_start) & (i < spell_start + spell_len)
        now = np.where(out_spell & within, out_code, code)
        now = np.where(in_spell & within, in_code, now)
        now = np.where(september_unknown & (i < 2), "810", now)
        changed = now != current
        current_start = np.where(changed, end - rng.integers(0, 28, n), current_start)
        current = now
        if month not in months:
            continue
        here = (population.arrive[person] <= end) & (population.leave[person] > end)
        tables.append((end, _table(frame, population, geography, person, here, current,
                                   current_start, end, cc_id, asylum)))  # fmt: skip
    return tables


def _table(
    frame: Frame,
    population: Population,
    geography: Geography,
    person: Ints,
    here: Mask,
    code: np.ndarray,
    start: Ints,
    end: int,
    cc_id: np.ndarray,
    asylum: Mask,
) -> Any:
    who = person[here]
    n = who.size
    return pa.table(
        {
            "CCISID": pa.array(cc_id[here]),
            "DOB": to_arrow(population.dob[who]),
            "SnapshotDate": to_arrow(np.full(n, end, dtype=np.int64)),
            "ActivityCode": pa.array(code[here]),
            "ActivityStartDate": to_arrow(np.minimum(start[here], end)),
            "Custody": pa.array(code[here] == "710"),
            "AsylumNoStatus": pa.array(asylum[here]),
            "LA": pa.array(np.full(n, frame.council.number)),
            "Postcode": geography.postcodes(population.outward[who], population.inward[who]),
        }
    )
