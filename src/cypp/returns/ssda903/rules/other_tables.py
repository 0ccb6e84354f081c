"""Rules on the smaller tables: OC2, OC3 (care leavers), Reviews, Missing and SWEpisodes."""

from __future__ import annotations

import pyarrow.compute as pc

from cypp.returns.ssda903.rules import codes
from cypp.returns.ssda903.rules.arrays import (
    both,
    either,
    filled,
    later_than,
    missing,
    negate,
    one_of,
    positions,
    text,
)
from cypp.returns.ssda903.rules.model import CollectionYear, Hits, Tables, rule


@rule(
    "180",
    table="OC2",
    column="SDQ_SCORE",
    expected=f"an SDQ score from 0 to {codes.SDQ_SCORE_MAX} (or blank)",
    fix="correct the SDQ score",
)
def sdq_score_range(tables: Tables, year: CollectionYear) -> Hits:
    score = tables["OC2"]["SDQ_SCORE"]
    return Hits(positions(either(pc.less(score, 0), pc.greater(score, codes.SDQ_SCORE_MAX))))


@rule(
    "197a",
    table="OC2",
    column="SDQ_REASON",
    show=("SDQ_SCORE",),
    expected="SDQ_REASON blank when SDQ_SCORE is completed",
    fix="remove SDQ_REASON, or the score if no SDQ was completed",
)
def sdq_reason_with_score(tables: Tables, year: CollectionYear) -> Hits:
    oc2 = tables["OC2"]
    return Hits(positions(both(filled(oc2["SDQ_SCORE"]), filled(text(oc2, "SDQ_REASON")))))


@rule(
    "153",
    table="OC3",
    column="IN_TOUCH",
    show=("ACTIV", "ACCOM"),
    expected="IN_TOUCH, ACTIV and ACCOM all completed, or all blank",
    fix="complete the missing care-leaver items, or clear all three",
)
def care_leaver_items_partial(tables: Tables, year: CollectionYear) -> Hits:
    oc3 = tables["OC3"]
    items = [text(oc3, name) for name in ("IN_TOUCH", "ACTIV", "ACCOM")]
    all_filled = both(*(filled(item) for item in items))
    all_blank = both(*(missing(item) for item in items))
    return Hits(positions(both(negate(all_filled), negate(all_blank))))


@rule(
    "166",
    table="Reviews",
    column="REVIEW",
    expected="the date of the review",
    fix="enter the review date",
)
def review_date_blank(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(positions(missing(tables["Reviews"]["REVIEW"])))


@rule(
    "167",
    table="Reviews",
    column="REVIEW_CODE",
    show=("REVIEW",),
    expected=f"a participation code ({codes.listed(codes.REVIEW_CODE)}) for each review date",
    fix="enter a valid REVIEW_CODE, or remove a row without a review",
)
def review_code(tables: Tables, year: CollectionYear) -> Hits:
    reviews = tables["Reviews"]
    review, code = reviews["REVIEW"], text(reviews, "REVIEW_CODE")
    good = either(
        both(filled(review), one_of(code, codes.REVIEW_CODE)),
        both(missing(review), missing(code)),
    )
    return Hits(positions(negate(good)))


@rule(
    "567",
    table="Missing",
    column="MIS_END",
    show=("MIS_START",),
    expected="MIS_END on or after MIS_START",
    fix="correct MIS_START or MIS_END",
)
def missing_ends_before_start(tables: Tables, year: CollectionYear) -> Hits:
    missing_ = tables["Missing"]
    return Hits(positions(pc.greater(missing_["MIS_START"], missing_["MIS_END"])))


@rule(
    "570",
    table="Missing",
    column="MIS_START",
    expected="MIS_START on or before the end of the collection year",
    fix="correct MIS_START, or remove a period that starts after the collection year",
)
def missing_starts_after_year(tables: Tables, year: CollectionYear) -> Hits:
    return Hits(later_than(tables["Missing"]["MIS_START"], year.end))


@rule(
    "586",
    table="Missing",
    column="MIS_START",
    show=("DOB",),
    expected="MIS_START after the child's date of birth",
    fix="correct MIS_START or DOB",
)
def missing_before_birth(tables: Tables, year: CollectionYear) -> Hits:
    missing_ = tables["Missing"]
    return Hits(positions(pc.less_equal(missing_["MIS_START"], missing_["DOB"])))


@rule(
    "SW02STG1",
    table="SWEpisodes",
    column="SW_ID",
    expected="a social worker ID beginning SW or XX",
    fix="correct SW_ID",
)
def social_worker_id(tables: Tables, year: CollectionYear) -> Hits:
    sw_id = text(tables["SWEpisodes"], "SW_ID")
    prefix = pc.utf8_slice_codeunits(sw_id, 0, 2)
    return Hits(positions(negate(one_of(prefix, frozenset(codes.SW_ID_PREFIXES)))))
