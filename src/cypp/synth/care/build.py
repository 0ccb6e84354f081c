"""All of a council's care: spells, arrivals, episodes and short breaks, and who was in care when.

The other returns ask the same questions of it (was this pupil looked after on census day? for
a year or more at 31 March? ever?), so they are answered here once for every child.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from cypp.synth.care.arrivals import arrivals
from cypp.synth.care.episodes import Episodes, build_episodes
from cypp.synth.care.short_breaks import short_breaks
from cypp.synth.care.spells import Spells, draw_spells
from cypp.synth.days import Days, Mask
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography
from cypp.synth.ids import scrambled
from cypp.synth.population import NEVER, Population


@dataclass(frozen=True)
class Care:
    """A council's children in care."""

    population: Population  # with the asylum-seeking arrivals added
    spells: Spells  # care spells (short breaks aside), ordered by child then start
    episodes: Episodes  # every episode (short breaks too), ordered by child then start
    adoptive: Days  # each spell's adoptive placement day (OPEN if none)
    child: np.ndarray  # each child's CHILD identifier ('' if never looked after)

    def in_care(self, on: int) -> Mask:
        """Children looked after on day ``on`` (short breaks aside)."""
        out = np.zeros(self.population.size, dtype=bool)
        out[self.spells.person[self.spells.looked_after(on)]] = True
        return out

    def in_care_a_year(self, on: int) -> Mask:
        """Children looked after continuously for the 12 months to ``on``."""
        spells = self.spells
        throughout = (spells.start <= on - 365) & (spells.end > on)
        out = np.zeros(self.population.size, dtype=bool)
        out[spells.person[throughout]] = True
        return out

    def been_in_care(self, on: int) -> Mask:
        """Children looked after at any time up to ``on``."""
        out = np.zeros(self.population.size, dtype=bool)
        out[self.spells.person[self.spells.start <= on]] = True
        return out


def build_care(frame: Frame, population: Population, geography: Geography) -> Care:
    """Spells, episodes and short breaks; children in care go to maintained schools."""
    spells = draw_spells(frame, population)
    population, uasc = arrivals(frame, population, geography)
    spells = _concat(spells, uasc)
    order = np.lexsort((spells.start, spells.person))
    spells = spells.take(order)
    episodes, adoptive = build_episodes(frame, spells, population)
    cared = np.zeros(population.size, dtype=bool)
    cared[spells.person] = True
    breaks = short_breaks(frame, population, cared)
    episodes = _join(episodes, breaks)
    # Children in care stay in the council and at its maintained schools.
    leave = np.where(cared, NEVER, population.leave)
    maintained = population.maintained | (cared & (population.arrive == population.dob))
    population = dataclasses.replace(population, leave=leave, maintained=maintained)
    looked_after = np.unique(episodes.person)
    child = np.full(population.size, "", dtype="<U7")
    child[looked_after] = scrambled(
        np.arange(looked_after.size), low=100_000, high=1_000_000
    ).astype("<U7")
    return Care(population, spells, episodes, adoptive, child)


def _concat(a: Spells, b: Spells) -> Spells:
    return Spells(
        *(
            np.concatenate([getattr(a, f.name), getattr(b, f.name)])
            for f in dataclasses.fields(Spells)
        )
    )


def _join(a: Episodes, b: Episodes) -> Episodes:
    both = Episodes(
        *(
            np.concatenate([getattr(a, f.name), getattr(b, f.name)])
            for f in dataclasses.fields(Episodes)
        )
    )
    order = np.lexsort((both.decom, both.person))
    return Episodes(*(getattr(both, f.name)[order] for f in dataclasses.fields(Episodes)))
