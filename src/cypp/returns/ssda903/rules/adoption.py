"""Rules on adoption: decisions to place for adoption (PlacedAdoption) and adoptions (AD1).

Dates of a decision must sit in order: after the child's birth, after care began, before the
decision ceased, before the collection year ends, and decisions for a child must not overlap.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from cypp.returns.ssda903.rules import codes
from cypp.returns.ssda903.rules.arrays import (
    at,
    both,
    count_by,
    date_key,
    either,
    filled,
    in_order,
    key,
    lookup,
    missing,
    negate,
    one_of,
    original_rows,
    positions,
    previous,
    same_as_previous,
    take,
    text,
    true,
)
from cypp.returns.ssda903.rules.model import (
    CollectionYear,
    Hits,
    Tables,
    ordered_hits,
    quote,
    rule,
)

PLACED = "PlacedAdoption"


def _first_per_child(table: pa.Table, mask: Any, column: str, order: str) -> pa.Table:
    """Per child, the row (among those where mask holds) first by ``column`` in ``order``."""
    picked = table.filter(pc.cast(true(mask), pa.bool_()))
    ordered = in_order(picked, [("CHILD", "ascending"), (column, order)])
    return ordered.filter(negate(same_as_previous(ordered["CHILD"])))


def _noting(tables: Tables, other: pa.Table, failing: Any, label: str, column: str) -> Hits:
    """PlacedAdoption rows where ``failing`` holds, each noting the child's ``column`` in
    ``other`` (the Header or an episode) that the row was held to."""
    rows = positions(failing)
    children = take(tables[PLACED]["CHILD"], rows)
    values = lookup(children, other, column).to_pylist()
    return Hits(rows, [f"{label} {quote(v)}" for v in values])


@rule(
    "119",
    table=PLACED,
    column="REASON_PLACED_CEASED",
    show=("DATE_PLACED_CEASED",),
    expected="DATE_PLACED_CEASED and REASON_PLACED_CEASED both completed, or both blank",
    fix="complete the missing one of DATE_PLACED_CEASED and REASON_PLACED_CEASED",
)
def ceased_pair(tables: Tables, year: CollectionYear) -> Hits:
    placed = tables[PLACED]
    date, reason = placed["DATE_PLACED_CEASED"], text(placed, "REASON_PLACED_CEASED")
    return Hits(
        positions(either(both(missing(date), filled(reason)), both(filled(date), missing(reason))))
    )


@rule(
    "184",
    table=PLACED,
    column="DATE_PLACED",
    needs=("Header",),
    expected="DATE_PLACED on or after the child's date of birth (Header DOB)",
    fix="correct DATE_PLACED, or the child's DOB in the Header",
)
def placed_before_birth(tables: Tables, year: CollectionYear) -> Hits:
    placed = tables[PLACED]
    dob = lookup(placed["CHILD"], tables["Header"], "DOB")
    failing = pc.less(placed["DATE_PLACED"], dob)
    return _noting(tables, tables["Header"], failing, "Header DOB", "DOB")


@rule(
    "522",
    table=PLACED,
    column="DATE_PLACED_CEASED",
    show=("DATE_PLACED",),
    expected="DATE_PLACED_CEASED on or after DATE_PLACED",
    fix="correct DATE_PLACED or DATE_PLACED_CEASED",
)
def ceased_before_placed(tables: Tables, year: CollectionYear) -> Hits:
    placed = tables[PLACED]
    return Hits(positions(pc.less(placed["DATE_PLACED_CEASED"], placed["DATE_PLACED"])))


@rule(
    "563",
    table=PLACED,
    column="DATE_PLACED",
    show=("DATE_PLACED_CEASED",),
    expected="DATE_PLACED completed when the decision has ceased",
    fix="enter the date of the decision that the child should be placed for adoption",
)
def ceased_without_decision(tables: Tables, year: CollectionYear) -> Hits:
    placed = tables[PLACED]
    ceased = both(
        filled(text(placed, "REASON_PLACED_CEASED")), filled(placed["DATE_PLACED_CEASED"])
    )
    return Hits(positions(both(ceased, missing(placed["DATE_PLACED"]))))


@rule(
    "579",
    table=PLACED,
    column="DATE_PLACED",
    expected="each decision for a child starts on or after the previous one ceased",
    fix="correct the dates, or add the DATE_PLACED_CEASED of the earlier decision",
)
def overlapping_decisions(tables: Tables, year: CollectionYear) -> Hits:
    ordered = in_order(tables[PLACED], [("CHILD", "ascending"), ("DATE_PLACED", "ascending")])
    prev_ceased = previous(ordered["DATE_PLACED_CEASED"])
    open_or_later = either(missing(prev_ceased), pc.less(ordered["DATE_PLACED"], prev_ceased))
    failing = both(same_as_previous(ordered["CHILD"]), open_or_later)
    return ordered_hits(ordered, failing, "previous decision ceased", prev_ceased)


@rule(
    "583",
    table=PLACED,
    column="DATE_PLACED_CEASED",
    show=("DATE_PLACED",),
    expected="every decision but the child's latest has DATE_PLACED_CEASED completed",
    fix="add the date the earlier decision ceased (it may be in a previous year)",
)
def earlier_decision_open(tables: Tables, year: CollectionYear) -> Hits:
    placed = tables[PLACED]
    open_ = missing(placed["DATE_PLACED_CEASED"])
    open_children = pc.if_else(open_, placed["CHILD"], pa.scalar(None, pa.string()))
    several_open = both(open_, pc.greater(count_by(open_children), 1))
    ordered = in_order(placed, [("CHILD", "ascending"), ("DATE_PLACED", "descending")])
    latest = original_rows(ordered, negate(same_as_previous(ordered["CHILD"])))
    not_latest = negate(at(placed.num_rows, latest))
    return Hits(positions(either(several_open, both(open_, not_latest))))


@rule(
    "1003",
    table=PLACED,
    column="DATE_PLACED",
    needs=("Episodes",),
    expected="DATE_PLACED on or after the start of care (DECOM of the first episode with RNE S)",
    fix="correct DATE_PLACED, or the episode dates",
)
def decision_before_care(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    started = pc.equal(text(episodes, "RNE"), "S")
    first = _first_per_child(episodes, started, "DECOM", "ascending")
    placed = tables[PLACED]
    decom = lookup(placed["CHILD"], first, "DECOM")
    failing = pc.less(placed["DATE_PLACED"], decom)
    return _noting(tables, first, failing, "care started (DECOM)", "DECOM")


@rule(
    "117",
    table=PLACED,
    column="DATE_PLACED",
    show=("DATE_PLACED_CEASED",),
    needs=("Episodes",),
    expected=(
        "DATE_PLACED and DATE_PLACED_CEASED on or before the end of the collection year and "
        "the DEC of the child's latest episode not ending X1"
    ),
    fix="correct the decision dates, or the episode dates",
)
def decision_after_care_or_year(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    # a blank REC counts as "not X1", as in the DfE validator
    ending = both(
        filled(episodes["DECOM"]),
        negate(pc.equal(text(episodes, "REC"), codes.REC_NEW_EPISODE)),
    )
    latest = _first_per_child(episodes, ending, "DECOM", "descending")
    placed = tables[PLACED]
    has_episode = pc.is_in(placed["CHILD"], value_set=latest["CHILD"])
    dec = lookup(placed["CHILD"], latest, "DEC")
    end = key(year.end)
    late = either(
        pc.greater(date_key(placed["DATE_PLACED"]), end),
        pc.greater(placed["DATE_PLACED"], dec),
        pc.greater(date_key(placed["DATE_PLACED_CEASED"]), end),
        pc.greater(placed["DATE_PLACED_CEASED"], dec),
    )
    return _noting(tables, latest, both(has_episode, late), "latest episode DEC", "DEC")


@rule(
    "118",
    table=PLACED,
    column="DATE_PLACED_CEASED",
    needs=("Episodes",),
    expected=(
        "DATE_PLACED_CEASED on or after the start of the collection year and the DECOM of the "
        "child's first episode not under LS V3/V4"
    ),
    fix="correct DATE_PLACED_CEASED, or the episode dates",
)
def ceased_before_year_or_care(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    not_respite = negate(one_of(text(episodes, "LS"), codes.LS_RESPITE))
    earliest = _first_per_child(episodes, not_respite, "DECOM", "ascending")
    placed = tables[PLACED]
    has_episode = pc.is_in(placed["CHILD"], value_set=earliest["CHILD"])
    decom = lookup(placed["CHILD"], earliest, "DECOM")
    ceased = placed["DATE_PLACED_CEASED"]
    early = either(pc.less(ceased, decom), pc.less(date_key(ceased), key(year.start)))
    return _noting(tables, earliest, both(has_episode, early), "first episode DECOM", "DECOM")


@rule(
    "552",
    table=PLACED,
    column="DATE_PLACED",
    needs=("Episodes",),
    expected="the child's latest DATE_PLACED on or before the first adoption placement (A3-A6)",
    fix="correct DATE_PLACED, or the adoption placement's DECOM",
)
def decision_after_adoptive_placement(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    adoptive = both(
        one_of(text(episodes, "PLACE"), codes.PLACE_ADOPTION), filled(episodes["DECOM"])
    )
    first_adoptive = _first_per_child(episodes, adoptive, "DECOM", "ascending")
    placed = tables[PLACED]
    # latest decision per child: blank dates sort last, so each child's first row is its latest
    ordered = in_order(placed, [("CHILD", "ascending"), ("DATE_PLACED", "descending")])
    latest = at(placed.num_rows, original_rows(ordered, negate(same_as_previous(ordered["CHILD"]))))
    decom = lookup(placed["CHILD"], first_adoptive, "DECOM")
    failing = both(latest, pc.less(decom, placed["DATE_PLACED"]))
    return _noting(tables, first_adoptive, failing, "placed for adoption (DECOM)", "DECOM")


@rule(
    "333",
    table="AD1",
    column="DATE_INT",
    show=("DATE_MATCH",),
    expected="DATE_INT completed and on or before DATE_MATCH",
    fix="correct DATE_INT or DATE_MATCH",
)
def interest_after_match(tables: Tables, year: CollectionYear) -> Hits:
    ad1 = tables["AD1"]
    match, interest = ad1["DATE_MATCH"], ad1["DATE_INT"]
    failing = both(filled(match), either(missing(interest), pc.greater(interest, match)))
    return Hits(positions(failing))


@rule(
    "511",
    table="AD1",
    column="SEX_ADOPTR",
    show=("NB_ADOPTR",),
    expected="SEX_ADOPTR MM, FF or MF when NB_ADOPTR is 2",
    fix="correct SEX_ADOPTR or NB_ADOPTR",
)
def couple_coded_single(tables: Tables, year: CollectionYear) -> Hits:
    ad1 = tables["AD1"]
    couple = pc.equal(text(ad1, "NB_ADOPTR"), "2")
    return Hits(positions(both(couple, one_of(text(ad1, "SEX_ADOPTR"), codes.SEX_ADOPTR_SINGLE))))
