"""Adoption: decisions that a child should be placed for adoption, and adoptions (AD1).

The decision comes a few weeks before the placement order (the first E1 episode); the match
with adopters a few weeks before the adoptive placement; the decision ceases on adoption
(RD1). Both tables cover the whole history; ``collection`` cuts them into years (a year's
PlacedAdoption holds the decisions open at some time in it, as rule 118 asks; its AD1 the
adoptions of the year, by the helper column ``_ADOPTED``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from cypp.synth.care.build import Care
from cypp.synth.care.collection import ADOPTED_COLUMN
from cypp.synth.care.spells import OPEN
from cypp.synth.days import Ints, to_arrow
from cypp.synth.frame import Frame
from cypp.synth.rng import draw

COUPLE = {"MF": 0.9, "FF": 0.06, "MM": 0.04}
COUPLE_STATUS = {"L0": 0.75, "L2": 0.17, "L11": 0.04, "L12": 0.04}
SINGLE = {"F1": 0.85, "M1": 0.15}


def _first_in_spell(care: Care, mask: np.ndarray) -> tuple[Ints, Ints]:
    """(spell, episode index) of the first episode of each spell where ``mask`` holds."""
    e = care.episodes
    where = np.flatnonzero(mask & (e.spell >= 0))
    spells, first = np.unique(e.spell[where], return_index=True)
    return spells, where[first]


def decisions(frame: Frame, care: Care) -> tuple[Ints, Ints]:
    """(spell, decision day) for each spell with a placement order."""
    rng = frame.rng("adoption decisions")
    spells, episode = _first_in_spell(care, care.episodes.ls == "E1")
    order_day = care.episodes.decom[episode]
    day = np.maximum(order_day - rng.integers(10, 90, spells.size), care.spells.start[spells] + 1)
    return spells, day


def placed_adoption_table(frame: Frame, care: Care) -> Any:
    """Every decision, ceased on adoption (open while the child is still in care)."""
    spells, day = decisions(frame, care)
    s = care.spells
    adopted = np.isin(s.rec[spells], ["E11", "E12"])
    ceased = np.where(adopted, s.end[spells], OPEN)
    person = s.person[spells]
    return pa.table(
        {
            "CHILD": pa.array(care.child[person]),
            "DOB": to_arrow(care.population.dob[person]),
            "DATE_PLACED": to_arrow(day),
            "DATE_PLACED_CEASED": to_arrow(ceased, ceased != OPEN),
            "REASON_PLACED_CEASED": pa.array(np.where(adopted, "RD1", ""), mask=~adopted),
        }
    )


def ad1_table(frame: Frame, care: Care) -> Any:
    """One row per adopted child, with the day of the adoption (``_ADOPTED``)."""
    rng = frame.rng("ad1")
    s = care.spells
    spells, day = decisions(frame, care)
    adopted = np.isin(s.rec[spells], ["E11", "E12"])
    spells, day = spells[adopted], day[adopted]
    e = care.episodes
    placed_spells, placed = _first_in_spell(care, np.char.startswith(e.place, "A"))
    at = np.searchsorted(placed_spells, spells)
    found = (at < placed_spells.size) & (
        placed_spells[np.minimum(at, placed_spells.size - 1)] == spells
    )
    spells, day, at = spells[found], day[found], at[found]
    episode = placed[at]
    placement_day = e.decom[episode]
    match = np.maximum(placement_day - rng.integers(7, 45, spells.size), day)
    n = spells.size
    couple = rng.random(n) < 0.85
    person = s.person[spells]
    return pa.table(
        {
            "CHILD": pa.array(care.child[person]),
            "DOB": to_arrow(care.population.dob[person]),
            "DATE_INT": to_arrow(day),
            "DATE_MATCH": to_arrow(match),
            "FOSTER_CARE": pa.array(np.where(np.isin(e.place[episode], ["A3", "A5"]), "1", "0")),
            "NB_ADOPTR": pa.array(np.where(couple, "2", "1")),
            "SEX_ADOPTR": pa.array(np.where(couple, draw(rng, COUPLE, n), draw(rng, SINGLE, n))),
            "LS_ADOPTR": pa.array(np.where(couple, draw(rng, COUPLE_STATUS, n), "L3")),
            ADOPTED_COLUMN: to_arrow(s.end[spells]),
        }
    )
