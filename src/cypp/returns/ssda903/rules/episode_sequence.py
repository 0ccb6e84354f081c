"""Rules on a child's episodes taken in order: no overlaps, and RNE/REC that agree.

Episodes are ordered by child then DECOM (missing dates last, ties in file order); each rule
compares an episode with the one before or after it for the same child. An episode ending X1
("new episode begins") must be followed by one starting that day; an episode starting S
("started to be looked after") is a child's first, or follows a gap in care.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
import pyarrow.compute as pc

from cypp.returns.ssda903.rules import codes
from cypp.returns.ssda903.rules.arrays import (
    both,
    date_key,
    either,
    filled,
    following,
    in_order,
    key,
    missing,
    negate,
    one_of,
    previous,
    same_as_following,
    same_as_previous,
    text,
)
from cypp.returns.ssda903.rules.model import CollectionYear, Hits, Tables, ordered_hits, rule

BY_CHILD_AND_START = (("CHILD", "ascending"), ("DECOM", "ascending"))


def _ordered(tables: Tables, keys: Sequence[tuple[str, str]] = BY_CHILD_AND_START) -> pa.Table:
    return in_order(tables["Episodes"], keys)


@rule(
    "142",
    table="Episodes",
    column="DEC",
    show=("REC",),
    expected="every episode but a child's latest has DEC and REC completed",
    fix="enter the DEC and REC that ended this episode",
)
def earlier_episode_open(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables)
    not_latest = same_as_following(episodes["CHILD"])
    unended = either(missing(episodes["DEC"]), missing(text(episodes, "REC")))
    return ordered_hits(episodes, both(not_latest, filled(episodes["DECOM"]), unended))


@rule(
    "357",
    table="Episodes",
    column="RNE",
    show=("DECOM",),
    expected="RNE S on a child's first episode when it starts in the collection year",
    fix="add the missing earlier episode, or set RNE to S",
)
def first_episode_not_s(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables)
    first = negate(same_as_previous(episodes["CHILD"]))
    in_year = pc.greater_equal(date_key(episodes["DECOM"]), key(year.start))
    not_s = negate(pc.equal(text(episodes, "RNE"), "S"))
    return ordered_hits(episodes, both(first, in_year, not_s))


@rule(
    "388",
    table="Episodes",
    column="REC",
    show=("DEC",),
    expected=(
        "REC X1 exactly when the child's next episode starts the day this one ends, "
        "and never on the child's latest episode"
    ),
    fix="correct REC (X1 only when a new episode begins that day), DEC, or the next DECOM",
)
def new_episode_not_continued(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables)
    has_next = same_as_following(episodes["CHILD"])
    dec, rec = episodes["DEC"], text(episodes, "REC")
    next_decom = pc.if_else(has_next, following(episodes["DECOM"]), None)
    x1 = pc.equal(rec, codes.REC_NEW_EPISODE)
    compared = both(has_next, filled(dec), filled(next_decom))
    x1_gap = both(compared, x1, pc.not_equal(dec, next_decom))
    other_same_day = both(compared, filled(rec), negate(x1), pc.equal(dec, next_decom))
    x1_latest = both(negate(has_next), filled(dec), x1)
    failing = either(x1_gap, other_same_day, x1_latest)
    return ordered_hits(episodes, failing, "next episode DECOM", next_decom)


@rule(
    "431",
    table="Episodes",
    column="RNE",
    show=("DECOM",),
    expected="RNE S only after a gap: DECOM after the previous episode's DEC",
    fix="use the RNE for a continuing episode (P, L, T, U or B), or correct the dates",
)
def started_care_without_gap(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables)
    prev_dec = previous(episodes["DEC"])
    same_child = same_as_previous(episodes["CHILD"])
    s = pc.equal(text(episodes, "RNE"), "S")
    failing = both(same_child, s, pc.less_equal(episodes["DECOM"], prev_dec))
    return ordered_hits(episodes, failing, "previous episode DEC", prev_dec)


@rule(
    "432",
    table="Episodes",
    column="RNE",
    expected="RNE S for the episode after one that ended care (a REC other than X1)",
    fix="set RNE to S, or correct the previous episode's REC",
)
def restart_not_s(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables)
    prev_rec = previous(text(episodes, "REC"))
    same_child = same_as_previous(episodes["CHILD"])
    not_s = negate(pc.equal(text(episodes, "RNE"), "S"))
    failing = both(same_child, one_of(prev_rec, codes.REC_LEFT_CARE), not_s)
    return ordered_hits(episodes, failing, "previous episode REC", prev_rec)


@rule(
    "433",
    table="Episodes",
    column="RNE",
    show=("DECOM",),
    expected="a continuing episode (RNE P, L, T, U or B) starts the day the previous one ended",
    fix="correct DECOM or the previous DEC, or set RNE to S after a gap in care",
)
def continuation_gap(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables, (*BY_CHILD_AND_START, ("DEC", "ascending")))
    prev_dec = previous(episodes["DEC"])
    continuing = one_of(pc.utf8_upper(text(episodes, "RNE")), codes.RNE_CONTINUING)
    mismatch = either(
        pc.not_equal(prev_dec, episodes["DECOM"]), missing(prev_dec), missing(episodes["DECOM"])
    )
    failing = both(continuing, same_as_previous(episodes["CHILD"]), mismatch)
    return ordered_hits(episodes, failing, "previous episode DEC", prev_dec)


@rule(
    "501",
    table="Episodes",
    column="DECOM",
    expected="an episode starting on or after the previous episode's DEC (no overlap)",
    fix="correct DECOM, or the previous episode's DEC",
)
def overlap(tables: Tables, year: CollectionYear) -> Hits:
    episodes = _ordered(tables)
    prev_dec = previous(episodes["DEC"])
    failing = both(same_as_previous(episodes["CHILD"]), pc.less(episodes["DECOM"], prev_dec))
    return ordered_hits(episodes, failing, "previous episode DEC", prev_dec)
