"""Episodes of care: the rows of the SSDA903 Episodes table, built from spells and events.

A new episode starts at each boundary; its RNE says what changed (S started care, P placement
and carer, T placement with the same carer, L legal status only, B both, U both with the same
carer). Every episode but a spell's last ends X1 on the day the next begins; the last ends
with the spell's reason (or stays open). A few placements are interrupted by a temporary
placement (T0-T4: holiday, hospital) of up to two weeks, after which the child returns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cypp.synth.care import placements as pl
from cypp.synth.care.events import (
    draw_events,
    entry_status,
    forward_fill,
    merge,
    spell_ends,
)
from cypp.synth.care.spells import OPEN, YEAR, Spells
from cypp.synth.days import Days, Ints, Mask
from cypp.synth.frame import Frame
from cypp.synth.population import Population
from cypp.synth.rng import draw

CIN = {"N1": 0.6, "N2": 0.03, "N3": 0.04, "N4": 0.08, "N5": 0.15, "N6": 0.02, "N7": 0.005,
       "N8": 0.075}  # fmt: skip
TEMPORARY_SHARE = 0.03


@dataclass(frozen=True)
class Episodes:
    """Episodes of care, ordered by child then start."""

    spell: Ints
    person: Ints
    decom: Days
    dec: Days  # OPEN while open
    rne: np.ndarray
    ls: np.ndarray
    cin: np.ndarray
    place: np.ndarray
    provider: np.ndarray
    rec: np.ndarray  # '' while open
    reason: np.ndarray  # REASON_PLACE_CHANGE ('' unless the next episode moves placement)
    urn: np.ndarray
    away: Mask
    outward: Ints
    inward: Ints

    @property
    def size(self) -> int:
        return int(self.spell.size)


def build_episodes(frame: Frame, spells: Spells, population: Population) -> tuple[Episodes, Days]:
    """The episodes of every spell, and each spell's adoptive placement day (OPEN if none)."""
    rng = frame.rng("care episodes")
    dob = population.dob[spells.person]
    age = (spells.start - dob) / YEAR
    end = spell_ends(spells, frame.collection_end)
    entry_ls = entry_status(rng, spells, age)
    events, adoptive = draw_events(rng, spells, entry_ls, age, end)
    b = merge(events, spells, entry_ls)
    n = b.spell.size
    following = np.concatenate([b.spell[1:] == b.spell[:-1], [False]])
    dec = np.where(following, np.concatenate([b.time[1:], [0]]), spells.end[b.spell])
    first = np.concatenate([[True], b.spell[1:] != b.spell[:-1]])
    ls = forward_fill(b.ls, b.legal_change)

    # Placement instances: one per boundary with a move.
    moves = np.flatnonzero(b.place_change)
    m_age = (b.time[moves] - population.dob[spells.person[b.spell[moves]]]) / YEAR
    place = pl.place_by_age(rng, m_age).astype("<U2")
    forced = b.forced[moves]
    place = np.where(forced == "P1", "P1", place)
    same = b.same_carer[moves] & ~first[moves]
    by_order = ls[moves] == "E1"
    adoptive = np.where(by_order, np.where(same, "A5", "A6"), np.where(same, "A3", "A4"))
    place = np.where(forced == "A", adoptive, place)
    provider = pl.providers(rng, place)
    urn = pl.urns(rng, place, provider)
    out_share = np.array([pl.OUT_OF_AREA.get(p, 0.3) for p in place]) if place.size else np.zeros(0)
    away = (rng.random(moves.size) < out_share) & (place != "P1")
    home_outward = population.outward[spells.person[b.spell[moves]]]
    home_inward = population.inward[spells.person[b.spell[moves]]]
    outward = np.where(
        away,
        rng.integers(0, 1 << 30, moves.size),  # reduced modulo the code list when written
        np.where(place == "P1", home_outward, rng.integers(0, 1 << 30, moves.size)),
    )
    inward = np.where(place == "P1", home_inward, rng.integers(0, 4000, moves.size))
    # Same carer: the new placement keeps the carer's provider, URN and postcode.
    prev = np.maximum(np.arange(moves.size) - 1, 0)
    for values in (provider, urn, away, outward, inward):
        values[same] = values[prev[same]]
    kept_type = np.array([pl.SAME_CARER.get(p, p) for p in place[prev[same]]], dtype="<U2")
    place[same] = np.where(forced[same] == "A", place[same], kept_type)
    instance = np.cumsum(b.place_change) - 1

    rne = np.select(
        [first, b.place_change & b.legal_change, b.place_change, b.legal_change],
        [np.full(n, "S"), np.where(b.same_carer, "U", "B"), np.where(b.same_carer, "T", "P"), "L"],
        default="L",
    )
    rec = np.where(following, "X1", spells.rec[b.spell])
    cin = draw(rng, CIN, spells.size)
    cin = np.where(spells.uasc, "N8", cin)
    moving_next = np.concatenate([np.isin(rne[1:], ["P", "B", "T", "U"]), [False]]) & following
    reason = np.where(moving_next, draw(rng, pl.REASONS, n), "")
    next_place = np.concatenate([place[instance][1:], [""]])
    reason = np.where(moving_next & np.char.startswith(next_place, "A"), "APPRR", reason)
    episodes = Episodes(
        spell=b.spell,
        person=spells.person[b.spell],
        decom=b.time,
        dec=dec,
        rne=rne.astype("<U1"),
        ls=ls.astype("<U2"),
        cin=cin[b.spell].astype("<U2"),
        place=place[instance],
        provider=provider[instance],
        rec=rec.astype("<U4"),
        reason=reason.astype("<U6"),
        urn=urn[instance],
        away=away[instance],
        outward=outward[instance],
        inward=inward[instance],
    )
    return _temporary(rng, episodes), adoptive


def _temporary(rng: np.random.Generator, e: Episodes) -> Episodes:
    """Split a few episodes around a temporary placement of 2-14 days."""
    length = np.where(e.dec == OPEN, 0, e.dec - e.decom)
    days = rng.integers(2, 15, e.size)
    eligible = (length >= days + 10) & ~np.char.startswith(e.place, "A") & (e.place != "P1")
    chosen = eligible & (rng.random(e.size) < TEMPORARY_SHARE)
    repeat = np.where(chosen, 3, 1)
    idx = np.repeat(np.arange(e.size), repeat)
    part = np.arange(idx.size) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    split = chosen[idx]
    begin = (
        e.decom[idx] + 3 + (rng.random(idx.size) * (length[idx] - days[idx] - 6)).astype(np.int64)
    )
    # Parts: 0 the placement before, 1 the temporary placement, 2 the return.
    t0 = np.where(split, np.repeat(begin[np.cumsum(repeat) - repeat], repeat), 0)
    t1 = t0 + days[idx]
    decom = np.select([split & (part == 1), split & (part == 2)], [t0, t1], default=e.decom[idx])
    dec = np.select([split & (part == 0), split & (part == 1)], [t0, t1], default=e.dec[idx])
    temp = split & (part == 1)
    ret = split & (part == 2)
    before = split & (part == 0)
    temporary_type = pl.TEMPORARY[0:5]
    place = np.where(temp, np.array(temporary_type)[rng.integers(0, 5, idx.size)], e.place[idx])
    return Episodes(
        spell=e.spell[idx],
        person=e.person[idx],
        decom=decom,
        dec=dec,
        rne=np.where(temp | ret, "P", e.rne[idx]),
        ls=e.ls[idx],
        cin=e.cin[idx],
        place=place.astype("<U2"),
        provider=np.where(temp, "", e.provider[idx]),
        rec=np.where(before | temp, "X1", e.rec[idx]),
        reason=np.where(before | temp, "PLACE", np.where(ret, e.reason[idx], e.reason[idx])),
        urn=np.where(temp, "", e.urn[idx]),
        away=np.where(temp, True, e.away[idx]),
        outward=e.outward[idx],
        inward=e.inward[idx],
    )
