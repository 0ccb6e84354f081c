"""Rules on single episodes of care: their own dates and codes, and the child's age."""

from __future__ import annotations

import datetime as dt

import pyarrow.compute as pc

from cypp.returns.ssda903.rules import codes
from cypp.returns.ssda903.rules.arrays import (
    both,
    date_key,
    either,
    filled,
    in_order,
    key,
    later_than,
    lookup,
    missing,
    negate,
    one_of,
    original_rows,
    plus_years_key,
    positions,
    same_as_previous,
    take,
    text,
)
from cypp.returns.ssda903.rules.model import CollectionYear, Finder, Hits, Tables, rule

EARLIEST_DECOM = dt.date(1991, 10, 14)  # the Children Act 1989 came into force
LAST_D1_DECOM = dt.date(2005, 12, 31)  # freeing orders ended on 30 December 2005


@rule(
    "148",
    table="Episodes",
    column="REC",
    show=("DEC",),
    expected="DEC and REC both completed, or both blank",
    fix="complete the missing one of DEC and REC, or clear both if the episode is open",
)
def dec_rec_pair(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    dec, rec = episodes["DEC"], text(episodes, "REC")
    return Hits(positions(either(both(missing(dec), filled(rec)), both(filled(dec), missing(rec)))))


@rule(
    "178",
    table="Episodes",
    column="PLACE_PROVIDER",
    show=("PLACE",),
    expected=(
        f"one of {codes.listed(codes.PLACE_PROVIDER)}, and blank for placements "
        f"{codes.listed(codes.PLACE_WITHOUT_PROVIDER)}"
    ),
    fix="correct PLACE_PROVIDER (or PLACE)",
)
def provider_code(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    provider = text(episodes, "PLACE_PROVIDER")
    wrong = either(
        negate(one_of(provider, codes.PLACE_PROVIDER)),
        one_of(text(episodes, "PLACE"), codes.PLACE_WITHOUT_PROVIDER),
    )
    return Hits(positions(both(filled(provider), wrong)))


def _provider_place(code: str) -> Finder:
    provider, places = codes.PLACE_NOT_WITH_PROVIDER[code]

    def find(tables: Tables, year: CollectionYear) -> Hits:
        episodes = tables["Episodes"]
        return Hits(
            positions(
                both(
                    pc.equal(text(episodes, "PLACE_PROVIDER"), provider),
                    one_of(text(episodes, "PLACE"), places),
                )
            )
        )

    return find


for _code, (_provider, _places) in codes.PLACE_NOT_WITH_PROVIDER.items():
    rule(
        _code,
        table="Episodes",
        column="PLACE_PROVIDER",
        show=("PLACE",),
        expected=f"a provider other than {_provider} for placements {codes.listed(_places)}",
        fix="correct PLACE_PROVIDER or PLACE",
    )(_provider_place(_code))


@rule(
    "353",
    table="Episodes",
    column="DECOM",
    expected=f"DECOM on or after {EARLIEST_DECOM.isoformat()}",
    fix="correct DECOM; episodes before 14 October 1991 are not returned",
)
def decom_too_early(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(positions(pc.less(date_key(tables["Episodes"]["DECOM"]), key(EARLIEST_DECOM))))


@rule(
    "354",
    table="Episodes",
    column="DECOM",
    expected="DECOM on or before the end of the collection year",
    fix="correct DECOM, or remove an episode that starts after the collection year",
)
def decom_after_year(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(later_than(tables["Episodes"]["DECOM"], year.end))


@rule(
    "385",
    table="Episodes",
    column="DEC",
    expected="DEC on or before the end of the collection year",
    fix="correct DEC; an episode still open at 31 March has DEC blank",
)
def dec_after_year(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(later_than(tables["Episodes"]["DEC"], year.end))


@rule(
    "355",
    table="Episodes",
    column="DEC",
    show=("DECOM",),
    expected="an episode lasting at least a day (DEC after DECOM)",
    fix="check DECOM and DEC; an episode under 24 hours is not returned",
)
def under_a_day(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    return Hits(positions(pc.equal(episodes["DECOM"], episodes["DEC"])))


@rule(
    "356",
    table="Episodes",
    column="DEC",
    show=("DECOM",),
    expected="DEC on or after DECOM",
    fix="correct DEC or DECOM",
)
def dec_before_decom(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    return Hits(positions(pc.less(episodes["DEC"], episodes["DECOM"])))


@rule(
    "445",
    table="Episodes",
    column="LS",
    show=("DECOM",),
    expected=f"no legal status D1 for episodes starting after {LAST_D1_DECOM.isoformat()}",
    fix="correct LS (freeing orders were replaced by placement orders, E1)",
)
def freeing_order_after_2005(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    late = pc.greater(date_key(episodes["DECOM"]), key(LAST_D1_DECOM))
    return Hits(positions(both(pc.equal(text(episodes, "LS"), "D1"), late)))


@rule(
    "302",
    table="Episodes",
    column="DECOM",
    needs=("Header",),
    expected="the child's first episode starting on or after the Header DOB",
    fix="correct DECOM, or the child's DOB in the Header",
)
def first_episode_before_birth(tables: Tables, year: CollectionYear) -> Hits:
    ordered = in_order(tables["Episodes"], [("CHILD", "ascending"), ("DECOM", "ascending")])
    first = negate(same_as_previous(ordered["CHILD"]))
    dob = lookup(ordered["CHILD"], tables["Header"], "DOB")
    failing = both(first, pc.greater(dob, ordered["DECOM"]))
    rows = original_rows(ordered, failing)
    return Hits(rows, _dob_notes(tables, rows))


@rule(
    "352",
    table="Episodes",
    column="DECOM",
    show=("RNE",),
    needs=("Header",),
    expected="a child starting to be looked after (RNE S) before their 18th birthday",
    fix="correct DECOM, RNE, or the child's DOB in the Header",
)
def started_care_at_18(tables: Tables, year: CollectionYear) -> Hits:
    episodes = tables["Episodes"]
    dob = lookup(episodes["CHILD"], tables["Header"], "DOB")
    started = pc.equal(pc.utf8_upper(text(episodes, "RNE")), "S")
    adult = pc.less_equal(plus_years_key(dob, 18), date_key(episodes["DECOM"]))
    rows = positions(both(started, adult))
    return Hits(rows, _dob_notes(tables, rows))


def _dob_notes(tables: Tables, rows: list[int]) -> list[str]:
    """'Header DOB <date>' for each listed episode row."""
    children = take(tables["Episodes"]["CHILD"], rows)
    dobs = lookup(children, tables["Header"], "DOB").to_pylist()
    return [f"Header DOB {d.isoformat() if d else 'blank'}" for d in dobs]
