"""Short breaks for disabled children: looked after only while on a break (LS V3, V4).

About one child for every eleven in care has an agreed series of short breaks (V4): one
episode per agreement of about a year, renewed the day after it ends, until 18 or the family
stops; a third as many have single short breaks (V3) of two to four days every month or two.
Each agreement or break starts care (RNE S) and ends it (V4: E8; V3: home, E4A). The children
are the most disabled, never otherwise in care; every indicator leaves these episodes out.
"""

from __future__ import annotations

import numpy as np

from cypp.synth.care import placements as pl
from cypp.synth.care.episodes import Episodes
from cypp.synth.care.spells import OPEN, YEAR
from cypp.synth.days import Ints, Mask, plus_years
from cypp.synth.frame import Frame
from cypp.synth.population import Population
from cypp.synth.rng import draw

PLACES = {"K2": 0.55, "U4": 0.2, "U5": 0.2, "R1": 0.05}


def short_breaks(frame: Frame, population: Population, in_care: Mask) -> Episodes:
    """Episodes of short breaks, for children not otherwise looked after."""
    rng = frame.rng("short breaks")
    end = frame.collection_end
    age = (end - population.dob) / YEAR
    needs = population.sen > np.quantile(population.sen, 0.96)
    pool = np.flatnonzero(needs & ~in_care & (age >= 6) & (age < 17) & population.maintained)
    series = min(pool.size, round(frame.cla_target / 11))
    single = min(pool.size - series, round(series / 3))
    chosen = rng.choice(pool, series + single, replace=False) if pool.size else pool
    v4, v3 = chosen[:series], chosen[series:]
    parts = [_series(rng, frame, population, v4), _single(rng, frame, population, v3)]
    person = np.concatenate([p[0] for p in parts])
    decom = np.concatenate([p[1] for p in parts])
    dec = np.concatenate([p[2] for p in parts])
    ls = np.concatenate([np.full(parts[0][0].size, "V4"), np.full(parts[1][0].size, "V3")])
    order = np.lexsort((decom, person))
    person, decom, dec, ls = person[order], decom[order], dec[order], ls[order]
    n = person.size
    place = draw(rng, PLACES, n).astype("<U2")
    provider = np.where(rng.random(n) < 0.7, "PR1", "PR4")
    is_open = dec == OPEN
    rec = np.where(is_open, "", np.where(ls == "V4", "E8", "E4A"))
    return Episodes(
        spell=np.full(n, -1),
        person=person,
        decom=decom,
        dec=dec,
        rne=np.full(n, "S"),
        ls=ls.astype("<U2"),
        cin=np.full(n, "N2"),
        place=place,
        provider=provider.astype("<U3"),
        rec=rec.astype("<U4"),
        reason=np.full(n, "", dtype="<U6"),
        urn=pl.urns(rng, place, provider),
        away=np.zeros(n, dtype=bool),
        outward=rng.integers(0, 1 << 30, n),
        inward=rng.integers(0, 4000, n),
    )


def _series(
    rng: np.random.Generator, frame: Frame, population: Population, who: Ints
) -> tuple[Ints, Ints, Ints]:
    """Agreements of about a year, one after another."""
    eighteen = plus_years(population.dob[who], 18)
    start = np.maximum(
        plus_years(population.dob[who], 5),
        frame.collection_end - (rng.uniform(1.0, 7.0, who.size) * YEAR).astype(np.int64),
    )
    return _repeat(rng, frame, who, start, eighteen, (300, 366), (1, 2), 0.12, 12)


def _single(
    rng: np.random.Generator, frame: Frame, population: Population, who: Ints
) -> tuple[Ints, Ints, Ints]:
    """Breaks of two to four days, every month or two."""
    eighteen = plus_years(population.dob[who], 18)
    start = np.maximum(
        plus_years(population.dob[who], 5),
        frame.collection_end - (rng.uniform(0.5, 4.0, who.size) * YEAR).astype(np.int64),
    )
    return _repeat(rng, frame, who, start, eighteen, (2, 5), (25, 60), 0.02, 60)


def _repeat(
    rng: np.random.Generator,
    frame: Frame,
    who: Ints,
    start: Ints,
    limit: Ints,
    length: tuple[int, int],
    gap: tuple[int, int],
    stop: float,
    most: int,
) -> tuple[Ints, Ints, Ints]:
    person, decom, dec = [], [], []
    going = np.ones(who.size, dtype=bool)
    at = start.copy()
    for _ in range(most):
        going &= (at <= frame.collection_end) & (at < limit - 30)
        if not going.any():
            break
        until = np.minimum(at + rng.integers(*length, who.size), limit)
        ended = np.where(until > frame.collection_end, OPEN, until)
        person.append(who[going])
        decom.append(at[going])
        dec.append(ended[going])
        going &= (ended != OPEN) & (rng.random(who.size) >= stop)
        at = until + rng.integers(*gap, who.size)
    if not person:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    return np.concatenate(person), np.concatenate(decom), np.concatenate(dec)
