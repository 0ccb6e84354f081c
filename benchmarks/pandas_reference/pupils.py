"""Pupil-level indicators in pandas: a pupil's groups, NI 75, NI 102, NI 105, NI 97/98, NI 87.

Each function returns the unit-level frame (``_area``, ``period``, ``num``, ``den`` and the
breakdown columns) that ``common.sums`` adds up, as cypp's definitions do.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.pandas_reference.common import (
    Warehouse,
    age_on_31_august,
    ethnic_group,
    first_by,
    known,
    sen_group,
    start_year,
)

GRADE_RANK = {"A*": 8, "A": 7, "B": 6, "C": 5, "D": 4, "E": 3, "F": 2, "G": 1}
TWO_LEVELS_ABOVE = {
    "W": "G",
    "1": "F",
    "2": "E",
    "3": "D",
    "4": "C",
    "5": "B",
    "6": "A",
    "7": "A*",
    "8": "A*",
    "EP": "A*",
}


def pupil_groups(w: Warehouse) -> pd.DataFrame:
    """One row per UPN and academic year, from the spring census (else the latest)."""
    census = w.view(
        "census__schoolcensus",
        [
            "UPN",
            "AcademicYear",
            "CensusDate",
            "Gender",
            "Ethnicity",
            "FSMeligible",
            "SENprovision",
            "URN",
            "Postcode",
        ],
    )
    census["spring"] = census["CensusDate"].dt.month.isin([1, 2])
    spring = first_by(census, ["UPN", "AcademicYear"], ["spring", "CensusDate"], [False, False])
    return pd.DataFrame(
        {
            "UPN": spring["UPN"],
            "period": spring["AcademicYear"],
            "gender": spring["Gender"].fillna("unknown"),
            "ethnicity": ethnic_group(spring["Ethnicity"]),
            "fsm": np.where(spring["FSMeligible"].fillna(False).astype(bool), "FSM", "non-FSM"),
            "sen": sen_group(spring["SENprovision"]),
            "school": spring["URN"],
            "district": spring["Postcode"].fillna("unknown"),
        }
    )


class Pupils:
    """What every pupil-level indicator joins to: each pupil's groups in each year, and the
    children looked after on 31 March (UPN, period), made once per run."""

    def __init__(self, w: Warehouse, in_care: pd.DataFrame) -> None:
        self.w = w
        self.groups = known(pupil_groups(w), ["UPN", "period"])
        self.in_care = in_care


def with_groups(p: Pupils, frame: pd.DataFrame) -> pd.DataFrame:
    """A pupil-level frame (``UPN``, ``period``) with every breakdown column."""
    in_care = p.in_care
    joined = frame.merge(p.groups, on=["UPN", "period"], how="left")
    cla = known(in_care, ["UPN", "period"]).assign(cla="in care")
    joined = joined.merge(cla, on=["UPN", "period"], how="left")
    defaults = {
        "cla": "not in care",
        "gender": "unknown",
        "ethnicity": "Unclassified",
        "fsm": "unknown",
        "sen": "unknown",
        "school": "unknown",
        "district": "unknown",
    }
    return joined.fillna(defaults)


def ks4(w: Warehouse) -> pd.DataFrame:
    """NI 75's cohort: one row per KS4 result, num = 5+ A*-C incl. English and maths."""
    results = w.view("attainment__ks4", ["UPN", "AcademicYear", "_area", "KS4_LEVEL2_EM"])
    return pd.DataFrame(
        {
            "UPN": results["UPN"],
            "period": results["AcademicYear"],
            "_area": results["_area"],
            "num": results["KS4_LEVEL2_EM"].fillna(False).astype("int64"),
            "den": 1,
        }
    )


def ni075(p: Pupils) -> pd.DataFrame:
    return with_groups(p, ks4(p.w))


def ni105(p: Pupils) -> pd.DataFrame:
    frame = with_groups(p, ks4(p.w))
    frame["sen"] = frame["sen"].map({"none": "non-SEN", "support": "SEN", "statement": "SEN"})
    frame["sen"] = frame["sen"].fillna("unknown")
    return frame


def ni102_ks2(p: Pupils) -> pd.DataFrame:
    ks2 = p.w.view("attainment__ks2", ["UPN", "AcademicYear", "_area", "KS2_ENGLEV", "KS2_MATLEV"])
    level4 = ["4", "5", "6"]
    both = ks2["KS2_ENGLEV"].isin(level4) & ks2["KS2_MATLEV"].isin(level4)
    frame = pd.DataFrame(
        {
            "UPN": ks2["UPN"],
            "period": ks2["AcademicYear"],
            "_area": ks2["_area"],
            "num": both.astype("int64"),
            "den": 1,
        }
    )
    return with_groups(p, frame)


def progress(p: Pupils, ks3_column: str, ks4_column: str) -> pd.DataFrame:
    """NI 97 / NI 98: two levels of progress from the latest earlier KS3 level to the GCSE."""
    ks4 = known(p.w.view("attainment__ks4", ["UPN", "AcademicYear", "_area", ks4_column]), ["UPN"])
    ks3 = known(
        p.w.view("attainment__ks3", ["UPN", "AcademicYear", ks3_column, "_file", "_line"]), ["UPN"]
    )
    pairs = ks4.merge(ks3, on="UPN", suffixes=("", "_ks3"))
    gap = start_year(pairs["AcademicYear"]) - start_year(pairs["AcademicYear_ks3"])
    pairs = pairs[gap > 0]
    pairs = first_by(
        pairs,
        ["UPN", "AcademicYear", "_area"],
        ["AcademicYear_ks3", "_file", "_line"],
        [False, True, True],
    )
    required = pairs[ks3_column].map({k: GRADE_RANK[g] for k, g in TWO_LEVELS_ABOVE.items()})
    cohort = pairs[required.notna()]
    grade = cohort[ks4_column].map(GRADE_RANK).fillna(0)
    frame = pd.DataFrame(
        {
            "UPN": cohort["UPN"],
            "period": cohort["AcademicYear"],
            "_area": cohort["_area"],
            "num": (grade >= required[required.notna()]).astype("int64"),
            "den": 1,
        }
    )
    return with_groups(p, frame)


def ni087(p: Pupils) -> pd.DataFrame:
    """Secondary persistent absence: enrolments over five half-terms, dated thresholds."""
    att = p.w.view(
        "census__attendance",
        [
            "UPN",
            "URN",
            "AcademicYear",
            "_area",
            "Term",
            "SessionsPossible",
            "SessionsAuthorised",
            "SessionsUnauthorised",
            "_file",
            "_line",
        ],
    )
    enrolment = ["UPN", "URN", "AcademicYear", "_area"]
    att = att[att["Term"].isin(["5HT", "AUT", "SPR", "SU1"])]
    att = first_by(att, [*enrolment, "Term"], ["_file", "_line"], [True, True])
    att["is_5ht"] = att["Term"] == "5HT"
    has_5ht = att.groupby(enrolment, dropna=False)["is_5ht"].transform("max")
    used = att[att["is_5ht"] == has_5ht]
    used = used.assign(
        possible=used["SessionsPossible"].fillna(0),
        missed=used["SessionsAuthorised"].fillna(0) + used["SessionsUnauthorised"].fillna(0),
    )
    sessions = used.groupby(enrolment, dropna=False)[["possible", "missed"]].sum().reset_index()
    census = p.w.view(
        "census__schoolcensus",
        [
            "UPN",
            "URN",
            "AcademicYear",
            "_area",
            "CensusDate",
            "Phase",
            "EnrolStatus",
            "DOB",
            "Boarder",
        ],
    )
    census["spring"] = census["CensusDate"].dt.month.isin([1, 2])
    census = first_by(census, enrolment, ["spring", "CensusDate"], [False, False])
    joined = known(sessions, enrolment).merge(known(census, enrolment), on=enrolment)
    year = start_year(joined["AcademicYear"])
    boarder = joined["Boarder"].str.strip().replace("", None)
    age = age_on_31_august(joined["DOB"], year)
    cohort = joined[
        joined["Phase"].isin(["SS", "MS", "AT"])
        & joined["EnrolStatus"].isin(["C", "M", "S"])
        & age.between(5, 15)
        & (boarder.isna() | boarder.isin(["N"]))
        & (joined["possible"] > 0)
    ]
    cohort_year = start_year(cohort["AcademicYear"])
    missed, possible = cohort["missed"], cohort["possible"]
    persistent = np.select(
        [cohort_year >= 2015, cohort_year >= 2010],
        [missed * 100 >= possible * 10, missed >= 46],
        missed >= 64,
    )
    frame = pd.DataFrame(
        {
            "UPN": cohort["UPN"],
            "period": cohort["AcademicYear"],
            "_area": cohort["_area"],
            "enrolled_at": cohort["URN"],
            "num": persistent.astype("int64"),
            "den": 1,
        }
    )
    grouped = with_groups(p, frame)
    return grouped.assign(school=grouped["enrolled_at"])
