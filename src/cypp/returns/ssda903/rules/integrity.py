"""The validator's internal checks (INT rules): every table agrees with the Header.

A child in any table must have a Header record, with the same DOB (and, in UASC, the same SEX);
tables holding one row per child must not repeat a child.
"""

from __future__ import annotations

import pyarrow.compute as pc

from cypp.returns.ssda903.rules.arrays import (
    blank_as_missing,
    both,
    count_by,
    filled,
    lookup,
    negate,
    positions,
    present_in,
    take,
)
from cypp.returns.ssda903.rules.model import CollectionYear, Finder, Hits, Tables, quote, rule

NOT_IN_HEADER = {
    "INT01": "AD1",
    "INT02": "PlacedAdoption",
    "INT03": "Episodes",
    "INT04": "Missing",
    "INT05": "OC2",
    "INT06": "OC3",
    "INT07": "PrevPerm",
    "INT08": "Reviews",
    "INT09": "UASC",
}
DOB_DIFFERS = {
    "INT11": "AD1",
    "INT12": "PlacedAdoption",
    "INT13": "Missing",
    "INT14": "OC2",
    "INT15": "OC3",
    "INT16": "PrevPerm",
    "INT17": "Reviews",
    "INT18": "UASC",
}
ONE_ROW_PER_CHILD = {
    "INT31": "AD1",
    "INT32": "Header",
    "INT33": "OC2",
    "INT34": "OC3",
    "INT35": "PrevPerm",
    "INT36": "UASC",
}


def _not_in_header(table: str) -> Finder:
    def find(tables: Tables, year: CollectionYear) -> Hits:
        children = tables[table]["CHILD"]
        return Hits(positions(negate(present_in(children, tables["Header"]))))

    return find


def _differs_from_header(table: str, column: str) -> Finder:
    def find(tables: Tables, year: CollectionYear) -> Hits:
        rows = tables[table]
        ours = rows[column]
        theirs = lookup(rows["CHILD"], tables["Header"], column)
        if column == "SEX":  # codes: a blank is a missing code, not a different one
            ours, theirs = blank_as_missing(ours), blank_as_missing(theirs)
        failing = both(filled(ours), filled(theirs), pc.not_equal(ours, theirs))
        found = positions(failing)
        notes = [f"Header {column} {quote(v)}" for v in take(theirs, found).to_pylist()]
        return Hits(found, notes)

    return find


def _repeated(table: str) -> Finder:
    def find(tables: Tables, year: CollectionYear) -> Hits:
        children = tables[table]["CHILD"]
        return Hits(positions(both(filled(children), pc.greater(count_by(children), 1))))

    return find


for _code, _table in NOT_IN_HEADER.items():
    rule(
        _code,
        table=_table,
        column="CHILD",
        needs=("Header",),
        expected="a Header record for every child in the return",
        fix="add the child's Header record, or correct the CHILD identifier",
    )(_not_in_header(_table))

for _code, _table in DOB_DIFFERS.items():
    rule(
        _code,
        table=_table,
        column="DOB",
        needs=("Header",),
        expected="the same DOB as the child's Header record",
        fix="correct DOB here or in the Header",
    )(_differs_from_header(_table, "DOB"))

rule(
    "INT21",
    table="UASC",
    column="SEX",
    needs=("Header",),
    expected="the same SEX as the child's Header record",
    fix="correct SEX here or in the Header",
)(_differs_from_header("UASC", "SEX"))

for _code, _table in ONE_ROW_PER_CHILD.items():
    rule(
        _code,
        table=_table,
        column="CHILD",
        expected=f"each child once in {_table}",
        fix="remove or merge the repeated rows",
    )(_repeated(_table))
