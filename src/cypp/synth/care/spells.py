"""Spells of care: when each child started and stopped being looked after, and why.

Children enter care at the rates of England's starts by age (a fifth as babies, a third aged
10-15), the poorer far more often, and a little more often after late 2008 (the rise in care
proceedings that followed). Each spell follows one of four paths, chosen by age at entry:

- short (home again within months), medium (a year or two, often ending in a special
  guardianship order), long (until 18, or leaving at 16-17), adoption (placement order,
  adoptive placement, adoption order).

A fifth of children who go home come back into care later. Candidate spells are generated
for more children than needed, then whole children are dropped at random until the number
looked after at each 31 March is the target.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from cypp.synth.days import Days, Ints, Mask, day, plus_years
from cypp.synth.frame import Frame
from cypp.synth.population import NEVER, Population
from cypp.synth.rng import draw

SHORT, MEDIUM, LONG, ADOPTION = 0, 1, 2, 3
BANDS = np.array([0.0, 1.0, 5.0, 10.0, 16.0, 18.0])  # age bands at entry, in years
HAZARD = np.array([20.0, 4.75, 3.6, 5.7, 4.5])  # England's starts per year of age, relative
PATHS = np.array(
    [
        [0.30, 0.25, 0.10, 0.35],  # under 1
        [0.35, 0.30, 0.15, 0.20],  # 1-4
        [0.40, 0.25, 0.35, 0.00],  # 5-9
        [0.45, 0.20, 0.35, 0.00],  # 10-15
        [0.50, 0.00, 0.50, 0.00],  # 16-17
    ]
)
REACHED_18 = {"E5": 0.35, "E6": 0.15, "E8": 0.10, "E13": 0.20, "E7": 0.05, "E4A": 0.15}
LEFT_AT_16_17 = {"E5": 0.3, "E6": 0.1, "E13": 0.25, "E4A": 0.2, "E4B": 0.1, "E9": 0.05}
ADOPTED = {"E11": 0.55, "E12": 0.45}
WENT_HOME = {
    "E4A": 0.50, "E4B": 0.08, "E13": 0.12, "E41": 0.03, "E45": 0.06, "E46": 0.06,
    "E8": 0.05, "E9": 0.03, "E3": 0.02, "E2": 0.003, "E15": 0.005, "E16": 0.005,
}  # fmt: skip
MEDIUM_END = {"E45": 0.18, "E46": 0.12, "E41": 0.08, "E4A": 0.45, "E13": 0.17}
COME_BACK = frozenset({"E4A", "E4B", "E13", "E8", "E3"})
YEAR = 365.25
REGULAR = 0.95  # the rest of those in care are unaccompanied asylum-seeking children
OPEN = NEVER


@dataclass(frozen=True)
class Spells:
    """Spells of care as parallel arrays, ordered by child then start."""

    person: Ints
    start: Days
    end: Days  # the day care ended (the last DEC); OPEN if looked after at the end
    path: Ints
    rec: np.ndarray  # reason care ended (REC); "" while open
    uasc: Mask

    @property
    def size(self) -> int:
        return int(self.person.size)

    def looked_after(self, on: int) -> Mask:
        """Spells open on day ``on`` (a child whose care ended that day is not counted)."""
        result: Mask = (self.start <= on) & (self.end > on)
        return result

    def take(self, keep: Mask | Ints) -> Spells:
        return Spells(
            self.person[keep],
            self.start[keep],
            self.end[keep],
            self.path[keep],
            self.rec[keep],
            self.uasc[keep],
        )


def draw_spells(frame: Frame, population: Population) -> Spells:
    """Spells for the council's children, thinned to its number in care."""
    rng = frame.rng("care spells")
    ends_18 = plus_years(population.dob, 18)
    window_from = np.maximum(np.maximum(population.dob, population.arrive), frame.care_from)
    window_to = np.minimum(np.minimum(ends_18 - 1, population.leave - 1), frame.collection_end)
    risk = np.exp(0.9 * (population.deprivation - population.deprivation.mean()))
    risk /= risk.mean()
    a0 = (window_from - population.dob) / YEAR
    a1 = (window_to - population.dob) / YEAR
    overlap = np.clip(
        np.minimum(a1[:, None], BANDS[None, 1:]) - np.maximum(a0[:, None], BANDS[None, :-1]),
        0.0,
        None,
    )
    exposure = overlap * HAZARD[None, :]
    total = exposure.sum(axis=1)
    # Scale: about 1.6 times the children needed, for thinning to the exact target.
    per_day = (risk * total).sum() / max(1.0, (frame.collection_end - frame.care_from))
    needed_starts_per_day = frame.cla_target * REGULAR / (3.0 * YEAR)
    scale = 1.6 * needed_starts_per_day / max(per_day, 1e-12)
    p_enter = 1 - np.exp(-scale * risk * total)
    enters = rng.random(population.size) < p_enter
    who = np.flatnonzero(enters)
    # The age at entry: inverse of the cumulative hazard over the child's window.
    u = rng.random(who.size) * total[who]
    cumulative = np.cumsum(exposure[who], axis=1)
    band = np.minimum((cumulative < u[:, None]).sum(axis=1), BANDS.size - 2)
    before = np.where(band > 0, cumulative[np.arange(who.size), band - 1], 0.0)
    within = (u - before) / HAZARD[band]
    age = np.maximum(a0[who], BANDS[band]) + within
    start = population.dob[who] + np.floor(age * YEAR).astype(np.int64)
    start = np.clip(start, window_from[who], window_to[who])
    # More children came into care from late 2008: keep a start with probability m(t)/1.25.
    rise = np.clip((start - day_of(2008, 11, 1)) / (2 * YEAR), 0.0, 1.0)
    kept = rng.random(who.size) < (1.0 + 0.25 * rise) / 1.25
    spells = _spells_from_starts(rng, who[kept], start[kept], population, ends_18, frame)
    chain = spells
    for chance in (0.22, 0.15):
        chain = _come_back(rng, chain, chance, population, ends_18, frame)
        spells = _concat(spells, chain)
    spells = _thin(rng, spells, frame)
    order = np.lexsort((spells.start, spells.person))
    return spells.take(order)


def _spells_from_starts(
    rng: np.random.Generator,
    person: Ints,
    start: Days,
    population: Population,
    ends_18: Days,
    frame: Frame,
) -> Spells:
    n = person.size
    age = (start - population.dob[person]) / YEAR
    band = np.clip(np.searchsorted(BANDS, age, side="right") - 1, 0, 4)
    u = rng.random(n)
    path = (u[:, None] > np.cumsum(PATHS[band], axis=1)).sum(axis=1)
    path = np.minimum(path, ADOPTION)
    length = np.select(
        [path == SHORT, path == MEDIUM, path == ADOPTION],
        [
            7 + rng.exponential(110.0, n),
            120 + rng.gamma(2.0, 220.0, n),
            330 + rng.gamma(2.5, 150.0, n),
        ],
        default=NEVER,
    ).astype(np.int64)
    eighteen = ends_18[person]
    # A quarter of those on the long path leave care at 16 or 17.
    early = (path == LONG) & (rng.random(n) < 0.25)
    sixteen = eighteen - 2 * 365
    leave_early = np.maximum(start + 30, sixteen + rng.integers(0, 700, n))
    end = np.where(early, np.minimum(leave_early, eighteen), np.minimum(start + length, eighteen))
    end = np.maximum(end, start + 1)
    reached = end >= eighteen
    rec = np.where(
        reached,
        draw(rng, REACHED_18, n),
        np.select(
            [path == ADOPTION, path == MEDIUM, early],
            [draw(rng, ADOPTED, n), draw(rng, MEDIUM_END, n), draw(rng, LEFT_AT_16_17, n)],
            default=draw(rng, WENT_HOME, n),
        ),
    )
    # Custody (E9) is for children aged 12 or over; younger ones go home instead.
    rec = np.where((rec == "E9") & (age < 12), "E4A", rec)
    is_open = end > frame.collection_end
    end = np.where(is_open, OPEN, end)
    rec = np.where(is_open, "", rec)
    return Spells(person, start, end, path, rec.astype("<U4"), np.zeros(n, dtype=bool))


def _come_back(
    rng: np.random.Generator,
    spells: Spells,
    chance: float,
    population: Population,
    ends_18: Days,
    frame: Frame,
) -> Spells:
    """Children who went home and come back into care after a while."""
    returns = np.isin(spells.rec, list(COME_BACK)) & (rng.random(spells.size) < chance)
    person = spells.person[returns]
    start = spells.end[returns] + 15 + rng.exponential(300.0, person.size).astype(np.int64)
    fits = (start < ends_18[person] - 30) & (start <= frame.collection_end)
    return _spells_from_starts(rng, person[fits], start[fits], population, ends_18, frame)


def _thin(rng: np.random.Generator, spells: Spells, frame: Frame) -> Spells:
    """Drop whole children at random until the mean number in care at 31 March is right."""
    counts = [int(spells.looked_after(d).sum()) for d in frame.march_ends]
    mean = float(np.mean(counts)) if counts else 0.0
    target = frame.cla_target * REGULAR
    if mean <= target or mean == 0:
        return spells
    children = np.unique(spells.person)
    keep = children[rng.random(children.size) < target / mean]
    return spells.take(np.isin(spells.person, keep))


def _concat(a: Spells, b: Spells) -> Spells:
    return Spells(
        np.concatenate([a.person, b.person]),
        np.concatenate([a.start, b.start]),
        np.concatenate([a.end, b.end]),
        np.concatenate([a.path, b.path]),
        np.concatenate([a.rec, b.rec]),
        np.concatenate([a.uasc, b.uasc]),
    )


def day_of(year: int, month: int, dom: int) -> int:
    return day(dt.date(year, month, dom))
