"""What happens inside a spell of care: changes of legal status and of placement.

Legal status: police protection or an emergency protection order (L1, L2) gives way within
weeks to an interim care order (C2) or accommodation by agreement (V2); an interim order
becomes a full care order (C1) after 7-13 months; on the adoption path a placement order (E1)
precedes the adoptive placement. Placements: moves come as a Poisson process, frequent in the
first six months, rarer after two years (so most long-stayers settle); some moves come with
a change of legal status (RNE B), one in ten keeps the same carer (RNE T or U), adoptive
placements end the adoption path, and a third of children going home are first placed with
their parents (P1).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cypp.synth.care.spells import ADOPTION, LONG, MEDIUM, OPEN, SHORT, YEAR, Spells
from cypp.synth.days import Days, Ints, Mask
from cypp.synth.rng import draw

ENTRY_LS = {
    "adoption": {"C2": 0.6, "L2": 0.2, "L1": 0.1, "V2": 0.1},
    "16-17": {"V2": 0.8, "C2": 0.1, "J2": 0.05, "J1": 0.05},
    "older short": {"V2": 0.55, "C2": 0.2, "L1": 0.07, "L2": 0.05, "J2": 0.07, "J1": 0.04,
                    "J3": 0.02},
    "other": {"V2": 0.45, "C2": 0.32, "L2": 0.12, "L1": 0.08, "C1": 0.03},
}  # fmt: skip


@dataclass(frozen=True)
class Events:
    """Boundaries inside spells: a placement change, a legal change, or both."""

    spell: Ints
    time: Days
    place_change: Mask
    legal_change: Mask
    ls: np.ndarray  # the new legal status ('' if unchanged)
    forced: np.ndarray  # a placement type the move must be to ('' if drawn by age)
    same_carer: Mask


def spell_ends(spells: Spells, collection_end: int) -> Days:
    """The day after a spell's last day in the return (the day after the end for open ones)."""
    result: Days = np.where(spells.end == OPEN, collection_end + 1, spells.end)
    return result


def entry_status(rng: np.random.Generator, spells: Spells, age: np.ndarray) -> np.ndarray:
    """The legal status each spell starts with."""
    n = spells.size
    group = np.select(
        [spells.path == ADOPTION, age >= 16, (age >= 10) & (spells.path == SHORT)],
        ["adoption", "16-17", "older short"],
        default="other",
    )
    out = np.empty(n, dtype="<U2")
    for name, weights in ENTRY_LS.items():
        where = np.flatnonzero(group == name)
        out[where] = draw(rng, weights, where.size)
    out[spells.uasc] = "V2"
    return out


def draw_events(
    rng: np.random.Generator, spells: Spells, entry_ls: np.ndarray, age: np.ndarray, end: Days
) -> tuple[Events, Days]:
    """Every boundary after the first episode of each spell; and each spell's adoptive
    placement day (OPEN where none)."""
    l_spell, l_time, l_ls, t_adoptive, has_adoptive = _legal_changes(rng, spells, entry_ls, end)
    adoptive = np.where(has_adoptive, t_adoptive, OPEN)
    place_spell, place_time, place_forced, place_same = _moves(
        rng, spells, age, end, adoptive, has_adoptive, l_spell, l_time
    )
    moves, changes = place_spell.size, l_spell.size
    events = Events(
        spell=np.concatenate([place_spell, l_spell]),
        time=np.concatenate([place_time, l_time]),
        place_change=np.concatenate([np.ones(moves, bool), np.zeros(changes, bool)]),
        legal_change=np.concatenate([np.zeros(moves, bool), np.ones(changes, bool)]),
        ls=np.concatenate([np.full(moves, ""), l_ls]).astype("<U2"),
        forced=np.concatenate([place_forced, np.full(changes, "")]).astype("<U2"),
        same_carer=np.concatenate([place_same, np.zeros(changes, bool)]),
    )
    s = spells.start
    inside = (events.time > s[events.spell]) & (events.time < end[events.spell])
    return _take(events, inside), adoptive


def _legal_changes(
    rng: np.random.Generator, spells: Spells, entry_ls: np.ndarray, end: Days
) -> tuple[Ints, Days, np.ndarray, Days, Mask]:
    """(spell, day, new status) of each change of legal status; the adoptive placement day
    and whether it falls inside the spell."""
    n, s = spells.size, spells.start
    idx = np.arange(n)
    parts: list[tuple[Ints, Days, np.ndarray]] = []
    # Emergency protection ends within four weeks: an interim care order, or agreement.
    emergency = np.isin(entry_ls, ["L1", "L2"])
    t_order = s + rng.integers(3, 29, n)
    to_c2 = emergency & (rng.random(n) < 0.7)
    parts.append((idx[emergency], t_order[emergency], np.where(to_c2, "C2", "V2")[emergency]))
    # Accommodation by agreement becomes an interim care order for a fifth of longer stays.
    agreed = (entry_ls == "V2") & np.isin(spells.path, [MEDIUM, LONG]) & ~spells.uasc
    converts = agreed & (rng.random(n) < 0.2)
    t_convert = s + rng.integers(60, 500, n)
    parts.append((idx[converts], t_convert[converts], np.full(n, "C2")[converts]))
    # Interim care orders become full care orders after 7-13 months.
    c2_from = np.select([entry_ls == "C2", to_c2, converts], [s, t_order, t_convert], default=-1)
    t_c1 = c2_from + rng.integers(200, 400, n)
    full = (c2_from >= 0) & (spells.path != SHORT)
    # The adoption path: a placement order, then the adoptive placement.
    adopt = spells.path == ADOPTION
    closed = spells.end != OPEN
    t_e1 = np.where(closed, spells.end - rng.integers(150, 320, n), s + rng.integers(300, 450, n))
    t_e1 = np.maximum(t_e1, s + 30)
    full &= ~adopt | (t_c1 < t_e1 - 14)
    parts.append((idx[full], t_c1[full], np.full(n, "C1")[full]))
    parts.append((idx[adopt], t_e1[adopt], np.full(n, "E1")[adopt]))
    t_adoptive = t_e1 + rng.integers(14, 90, n)
    t_adoptive = np.where(closed, np.minimum(t_adoptive, spells.end - 70), t_adoptive)
    has_adoptive = adopt & (t_adoptive > t_e1) & (t_adoptive < end)
    return (
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]).astype("<U2"),
        t_adoptive,
        has_adoptive,
    )


def _moves(
    rng: np.random.Generator,
    spells: Spells,
    age: np.ndarray,
    end: Days,
    adoptive: Days,
    has_adoptive: Mask,
    l_spell: Ints,
    l_time: Days,
) -> tuple[Ints, Days, np.ndarray, Mask]:
    """(spell, day, forced placement type, same carer) of each placement move."""
    n, s = spells.size, spells.start
    idx = np.arange(n)
    # A Poisson process whose rate falls as the child settles.
    rate = rng.gamma(0.8, 0.72, n) * np.where(age >= 11, 1.5, 1.0)
    rate = np.where(spells.uasc, rate * 0.7, rate)
    m_spell, m_time = [], []
    for lo, hi, factor in ((0, 180, 2.5), (180, 730, 1.0), (730, 40_000, 0.55)):
        a = s + lo
        length = np.maximum(np.minimum(s + hi, end) - a, 0)
        count = rng.poisson(rate * factor * length / YEAR)
        which = np.repeat(idx, count)
        m_spell.append(which)
        m_time.append(a[which] + (rng.random(which.size) * length[which]).astype(np.int64))
    mv_spell, mv_time = np.concatenate(m_spell), np.concatenate(m_time)
    # A third of children going home are first placed with their parents (P1); no moves
    # follow that, or the adoptive placement.
    home = (spells.rec == "E4A") & (end - s > 120) & (rng.random(n) < 0.35)
    t_home = end - rng.integers(30, 100, n)
    settled = np.minimum(adoptive, np.where(home, t_home, OPEN))
    keep = mv_time < settled[mv_spell]
    mv_spell, mv_time = mv_spell[keep], mv_time[keep]
    same = rng.random(mv_spell.size) < 0.1
    # A quarter of legal changes come with a move (RNE B or U).
    with_move = (rng.random(l_spell.size) < 0.25) & (l_time < settled[l_spell])
    # Adoption by the current foster carers (RNE T or U into A3/A5) for one in six.
    carers = rng.random(n) < 1 / 6
    joined, adopted, homes = int(with_move.sum()), int(has_adoptive.sum()), int(home.sum())
    return (
        np.concatenate([mv_spell, l_spell[with_move], idx[has_adoptive], idx[home]]),
        np.concatenate([mv_time, l_time[with_move], adoptive[has_adoptive], t_home[home]]),
        np.concatenate(
            [np.full(mv_spell.size + joined, ""), np.full(adopted, "A"), np.full(homes, "P1")]
        ),
        np.concatenate([same, np.zeros(joined, bool), carers[has_adoptive], np.zeros(homes, bool)]),
    )


def _take(events: Events, keep: Mask | Ints) -> Events:
    return Events(
        events.spell[keep],
        events.time[keep],
        events.place_change[keep],
        events.legal_change[keep],
        events.ls[keep],
        events.forced[keep],
        events.same_carer[keep],
    )


def merge(events: Events, spells: Spells, entry_ls: np.ndarray) -> Events:
    """The spells' first episodes plus every boundary, one per spell and day, in order."""
    n = spells.size
    first = Events(
        spell=np.arange(n),
        time=spells.start.copy(),
        place_change=np.ones(n, bool),
        legal_change=np.ones(n, bool),
        ls=entry_ls.astype("<U2"),
        forced=np.full(n, "", dtype="<U2"),
        same_carer=np.zeros(n, bool),
    )
    every = Events(
        *(
            np.concatenate([getattr(first, f), getattr(events, f)])
            for f in Events.__dataclass_fields__
        )
    )
    # Within a day, a legal change sorts after a move so it wins the day's status.
    order = np.lexsort((every.legal_change, every.time, every.spell))
    every = _take(every, order)
    key = every.spell * 2**16 + (every.time - every.time.min())
    starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
    position = np.arange(every.spell.size)
    last_legal = np.maximum.reduceat(np.where(every.legal_change, position, -1), starts)
    last_move = np.maximum.reduceat(np.where(every.place_change, position, -1), starts)
    moved = last_move >= 0
    legal = last_legal >= 0
    return Events(
        spell=every.spell[starts],
        time=every.time[starts],
        place_change=moved,
        legal_change=legal,
        ls=np.where(legal, every.ls[np.maximum(last_legal, 0)], ""),
        forced=np.where(moved, every.forced[np.maximum(last_move, 0)], ""),
        same_carer=np.where(moved, every.same_carer[np.maximum(last_move, 0)], False),
    )


def forward_fill(values: np.ndarray, given: Mask) -> np.ndarray:
    """Each value, or the last given one before it (the first of each spell is given)."""
    index = np.maximum.accumulate(np.where(given, np.arange(values.size), 0))
    return values[index]
