"""Rules on a child's Header record (and the UASC table that shares its dates)."""

from __future__ import annotations

import pyarrow.compute as pc

from cypp.returns.ssda903.rules.arrays import (
    both,
    date_key,
    either,
    filled,
    key,
    later_than,
    missing,
    plus_years_key,
    positions,
    text,
)
from cypp.returns.ssda903.rules.model import CollectionYear, Hits, Tables, rule


@rule(
    "102",
    table="Header",
    column="DOB",
    expected="the child's date of birth",
    fix="enter the child's date of birth",
)
def dob_blank(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(positions(missing(tables["Header"]["DOB"])))


@rule(
    "301",
    table="Header",
    column="DOB",
    expected="a date of birth on or before the end of the collection year",
    fix="correct the child's date of birth",
)
def dob_after_year(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(later_than(tables["Header"]["DOB"], year.end))


@rule(
    "174",
    table="Header",
    column="MC_DOB",
    show=("SEX",),
    expected="no mother's child date of birth when SEX is M",
    fix="remove MC_DOB, or correct SEX",
)
def male_with_child_dob(tables: Tables, year: CollectionYear) -> Hits:
    header = tables["Header"]
    return Hits(positions(both(pc.equal(text(header, "SEX"), "M"), filled(header["MC_DOB"]))))


@rule(
    "611",
    table="Header",
    column="MC_DOB",
    show=("MOTHER",),
    expected="MC_DOB completed when MOTHER is 1",
    fix="enter the date of birth of the mother's first child, or correct MOTHER",
)
def mother_without_child_dob(tables: Tables, year: CollectionYear) -> Hits:
    header = tables["Header"]
    return Hits(positions(both(pc.equal(text(header, "MOTHER"), "1"), missing(header["MC_DOB"]))))


@rule(
    "612",
    table="Header",
    column="MOTHER",
    show=("MC_DOB", "SEX"),
    expected="MOTHER 1 when a female child has MC_DOB completed",
    fix="set MOTHER to 1, or remove MC_DOB",
)
def child_dob_without_mother(tables: Tables, year: CollectionYear) -> Hits:
    header = tables["Header"]
    mother = text(header, "MOTHER")
    not_mother = either(pc.equal(mother, "0"), missing(mother))
    female = pc.equal(text(header, "SEX"), "F")
    return Hits(positions(both(not_mother, female, filled(header["MC_DOB"]))))


@rule(
    "620",
    table="Header",
    column="DOB",
    show=("MOTHER",),
    expected="a mother aged 11 or over at the start of the collection year",
    fix="correct the child's DOB or MOTHER",
)
def mother_under_11(tables: Tables, year: CollectionYear) -> Hits:
    header = tables["Header"]
    eleventh_birthday = plus_years_key(header["DOB"], 11)
    too_young = pc.greater(eleventh_birthday, key(year.start))
    return Hits(positions(both(pc.equal(text(header, "MOTHER"), "1"), too_young)))


@rule(
    "621",
    table="Header",
    column="MC_DOB",
    show=("DOB",),
    expected="the mother's child born after the mother (MC_DOB after DOB)",
    fix="correct MC_DOB or DOB",
)
def child_older_than_mother(tables: Tables, year: CollectionYear) -> Hits:
    header = tables["Header"]
    return Hits(positions(pc.less_equal(header["MC_DOB"], header["DOB"])))


@rule(
    "304",
    table="UASC",
    column="DUC",
    show=("DOB",),
    expected="UASC status ceased on or before the child's 18th birthday",
    fix="correct DUC (or DOB); UASC status ends at 18 at the latest",
)
def uasc_ceased_after_18(tables: Tables, year: CollectionYear) -> Hits:
    uasc = tables["UASC"]
    eighteenth_birthday = plus_years_key(uasc["DOB"], 18)
    return Hits(positions(pc.greater(date_key(uasc["DUC"]), eighteenth_birthday)))
