"""NCCIS and the pupil survey in pandas: NI 117 (NEET and not known), NI 50, NI 110, NI 115.

NI 117 counts each young person-month as a third (0.333333 exactly, as cypp's decimals do):
here as 333333 millionths, summed as integers. Survey weights likewise in millionths.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.pandas_reference.common import Warehouse, age_on_31_august, first_by, year_label

A_THIRD = 333_333  # millionths
NEET = ["540", "550", "610", "615", "616", "619", "620", "630", "640", "650", "660", "670", "680"]
NOT_KNOWN = ["810", "820", "830"]


def nccis_cohort(w: Warehouse) -> pd.DataFrame:
    """Young people 16-18 (academic age) in the November-January snapshots, once a month."""
    act = w.view(
        "nccis__activity",
        [
            "CCISID",
            "DOB",
            "SnapshotDate",
            "ActivityCode",
            "Custody",
            "AsylumNoStatus",
            "Postcode",
            "_area",
            "_file",
            "_line",
        ],
    )
    month = act["SnapshotDate"].dt.month
    snaps = act[month.isin([11, 12, 1])].copy()
    snaps["_month"] = snaps["SnapshotDate"].dt.month
    snaps["_start"] = snaps["SnapshotDate"].dt.year - (snaps["_month"] < 9).astype("int64")
    once = first_by(
        snaps,
        ["CCISID", "_area", "_start", "_month"],
        ["SnapshotDate", "_file", "_line"],
        [False, True, True],
    )
    age = age_on_31_august(once["DOB"], once["_start"])
    cohort = once[
        age.between(16, 18)
        & ~once["Custody"].fillna(False).astype(bool)
        & ~once["AsylumNoStatus"].fillna(False).astype(bool)
        & once["ActivityCode"].notna()
        & ~once["ActivityCode"].isin(["710"])
    ]
    return pd.DataFrame(
        {
            "_area": cohort["_area"],
            "period": year_label(cohort["_start"]),
            "district": cohort["Postcode"].fillna("unknown"),
            "code": cohort["ActivityCode"],
        }
    )


def neet(cohort: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    return cohort.assign(num=np.where(cohort["code"].isin(codes), A_THIRD, 0), den=A_THIRD)


def respondents(w: Warehouse, year_groups: list[str], questions: list[str]) -> pd.DataFrame:
    """The survey's rows of these year groups and questions, with ``reply`` (trimmed, or
    missing when not answered)."""
    rows = w.view(
        "survey__responses",
        ["RespondentID", "SurveyYear", "_area", "YearGroup", "Question", "Answer", "Weight", "URN"],
    )
    rows = rows[rows["YearGroup"].isin(year_groups) & rows["Question"].isin(questions)]
    reply = rows["Answer"].str.strip()
    return rows.assign(reply=reply.where(reply != ""))


def per_respondent(rows: pd.DataFrame, flags: dict[str, pd.Series]) -> pd.DataFrame:
    """One row per respondent: weight (millionths), school, period and each flag (any row)."""
    rows = rows.assign(**{name: flag.fillna(False).astype("int64") for name, flag in flags.items()})
    people = rows.groupby(["RespondentID", "SurveyYear", "_area"], dropna=False).agg(
        Weight=("Weight", "max"), school=("URN", "max"), **{n: (n, "max") for n in flags}
    )
    people = people.reset_index()
    people["weight"] = np.round(people["Weight"] * 1e6).astype("int64")
    people["school"] = people["school"].fillna("unknown")
    year = people["SurveyYear"]
    short = year.str.len() == 4
    people["period"] = year.where(
        ~short, year_label(year.str.slice(0, 4).where(short, "0").astype("int64"))
    )
    return people


def weighted(people: pd.DataFrame, counted: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "_area": people["_area"],
            "period": people["period"],
            "school": people["school"],
            "num": np.where(counted, people["weight"], 0),
            "den": people["weight"],
        }
    )


def ni050(w: Warehouse) -> pd.DataFrame:
    rows = respondents(w, ["6", "8", "10"], ["NI50_FRIENDS", "NI50_TALK"])
    friends, talk = rows["Question"] == "NI50_FRIENDS", rows["Question"] == "NI50_TALK"
    people = per_respondent(
        rows,
        {
            "friends_answered": friends & rows["reply"].notna(),
            "talk_answered": talk & rows["reply"].notna(),
            "friends": friends & rows["reply"].isin(["Yes"]),
            "talk": talk & rows["reply"].isin(["Yes"]),
        },
    )
    cohort = people[(people["friends_answered"] == 1) & (people["talk_answered"] == 1)]
    return weighted(cohort, (cohort["friends"] == 1) & (cohort["talk"] == 1))


def ni110(w: Warehouse) -> pd.DataFrame:
    rows = respondents(w, ["10"], ["NI110_GROUP_ACTIVITY"])
    people = per_respondent(
        rows, {"answered": rows["reply"].notna(), "took_part": rows["reply"].isin(["Yes"])}
    )
    cohort = people[people["answered"] == 1]
    return weighted(cohort, cohort["took_part"] == 1)


def ni115(w: Warehouse) -> pd.DataFrame:
    rows = respondents(w, ["8", "10"], ["NI115_ALCOHOL", "NI115_DRUGS", "NI115_VOLATILE"])
    times = pd.to_numeric(rows["reply"].str.extract(r"^(\d+)", expand=False), errors="coerce")
    people = per_respondent(rows, {"answered": rows["reply"].notna(), "frequent": times >= 2})
    cohort = people[people["answered"] == 1]
    return weighted(cohort, cohort["frequent"] == 1)
