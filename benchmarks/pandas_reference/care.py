"""Children in care in pandas: SSDA903 episodes as spells and placements, the 31 March
cohorts, and NI 62, NI 63, NI 101, NI 148, NI 58 and LCLA-HEALTH — the rules of
``cypp.indicators.care_cohorts`` written again with sort, shift, cummax and merge.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from benchmarks.pandas_reference.common import (
    BEFORE_RECORDS,
    Warehouse,
    age_on,
    age_on_31_august,
    april_1,
    ethnic_group,
    first_by,
    known,
    march_31,
    year_label,
    year_to_31_march,
)

EPISODE_COLUMNS = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "PLACE",
    "DEC",
    "REC",
    "_area",
    "_batch",
    "_file",
    "_line",
]
CHILD = ["_area", "CHILD"]


def batch_years(w: Warehouse) -> pd.DataFrame:
    """_batch -> batch_year: the year to 31 March of the batch's latest episode start."""
    episodes = w.view("ssda903__episodes", ["_batch", "DECOM"])
    latest = episodes.groupby("_batch")["DECOM"].max()
    return pd.DataFrame({"_batch": latest.index, "batch_year": year_to_31_march(latest).values})


def dated(w: Warehouse, rows: pd.DataFrame) -> pd.DataFrame:
    return rows.merge(batch_years(w), on="_batch")


def latest_row(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    return first_by(
        rows, keys, ["batch_year", "_batch", "_file", "_line"], [False, False, True, True]
    )


def episodes(w: Warehouse) -> pd.DataFrame:
    rows = latest_row(dated(w, w.view("ssda903__episodes", EPISODE_COLUMNS)), [*CHILD, "DECOM"])
    return rows.assign(ends=rows["DEC"].fillna(april_1(rows["batch_year"])))


def short_breaks(w: Warehouse) -> pd.DataFrame:
    rows = episodes(w)
    return rows[rows["LS"].fillna("").isin(["V3", "V4"])]


def covered_years(w: Warehouse) -> pd.DataFrame:
    own = dated(w, w.view("ssda903__episodes", ["_area", "_batch"]))[["_area", "batch_year"]]
    own = own.drop_duplicates()
    back = [own.assign(year=own["batch_year"] - k)[["_area", "year"]] for k in range(3)]
    return pd.concat(back).drop_duplicates()


def chain(w: Warehouse) -> pd.DataFrame:
    """Care episodes in order per child with spell_start, placement_start, new_placement,
    first_record and before_adoption (see ``care_cohorts.chain``; defaults S, P, B;
    temporary placements and adoption by the foster carer do not start a placement)."""
    e = episodes(w)
    e = e[~e["LS"].fillna("").isin(["V3", "V4"])]
    e = e.sort_values([*CHILD, "DECOM"], na_position="last", kind="stable").reset_index(drop=True)
    by_child = e.groupby(CHILD, sort=False, dropna=False)
    e["first_record"] = by_child.cumcount() == 0
    prev_dec = by_child["DEC"].shift()
    prev_rec = by_child["REC"].shift()
    prev_place = by_child["PLACE"].shift()
    # SQL's unknown: a comparison with a missing date is neither true nor false
    gap = (prev_dec < e["DECOM"]).astype("boolean").mask(e["DECOM"].isna(), pd.NA)
    left_care = prev_dec.notna() & (gap | (prev_rec.fillna("") != "X1"))
    rne = e["RNE"]
    spell = (rne == "S").astype("boolean").mask(rne.isna(), pd.NA) | left_care
    moved = rne.isin(["S", "P", "B"]).astype("boolean").mask(rne.isna(), pd.NA)
    temporary = e["PLACE"].isin([f"T{i}" for i in range(5)]) | prev_place.isin(
        [f"T{i}" for i in range(5)]
    )
    moved = moved & ~temporary & ~e["PLACE"].isin(["A3", "A5"])
    e["new_spell"] = spell
    e["new_placement"] = spell | moved

    def running_max(values: pd.Series) -> pd.Series:
        """SQL's max over the rows so far: nulls are skipped, not a reset."""
        keys = [e["_area"], e["CHILD"]]
        return (
            values.groupby(keys, sort=False, dropna=False)
            .cummax()
            .groupby(keys, sort=False, dropna=False)
            .ffill()
        )

    def started(flag: pd.Series) -> pd.Series:
        at = e["DECOM"].where(flag.fillna(False).astype(bool))
        at = at.mask(~flag.fillna(False).astype(bool) & e["first_record"], BEFORE_RECORDS)
        return running_max(at)

    e["spell_start"] = started(e["new_spell"])
    e["placement_start"] = started(e["new_placement"])
    adoptive = e["PLACE"].isin(["A3", "A4", "A5", "A6"])
    prev_adoptive = by_child_of(adoptive, e).shift().fillna(False)
    run_start = adoptive & ~e["new_spell"] & ~prev_adoptive.astype(bool)
    prev_start = by_child_of(e["placement_start"], e).shift()
    before = prev_start.mask(e["first_record"], BEFORE_RECORDS)
    marked = before.where(run_start.fillna(False).astype(bool))
    before_adoption = running_max(marked)
    e["before_adoption"] = before_adoption.where(adoptive & (before_adoption >= e["spell_start"]))
    return e


def by_child_of(values: pd.Series, e: pd.DataFrame) -> Any:
    return values.groupby([e["_area"], e["CHILD"]], sort=False, dropna=False)


def at_31_march(w: Warehouse, e: pd.DataFrame) -> pd.DataFrame:
    """One row per child looked after at a 31 March the returns speak for."""
    first = year_to_31_march(e["DECOM"])
    count = (e["ends"].dt.year + 1 - first).clip(lower=0).fillna(0).astype("int64")
    spans = e.loc[e.index.repeat(count)].copy()
    spans["year"] = first.loc[spans.index].astype("int64") + spans.groupby(level=0).cumcount()
    spans["snapshot"] = march_31(spans["year"])
    held = spans[(spans["snapshot"] >= spans["DECOM"]) & (spans["snapshot"] < spans["ends"])]
    held = held.merge(covered_years(w), on=["_area", "year"])
    one = first_by(held, [*CHILD, "year"], ["DECOM"], [False])
    return one[
        [*CHILD, "year", "snapshot", "PLACE", "spell_start", "placement_start", "before_adoption"]
    ].reset_index(drop=True)


def continuously_since(
    w: Warehouse, cohort: pd.DataFrame, since: pd.Series, e: pd.DataFrame
) -> pd.DataFrame:
    """Rows of ``cohort`` looked after without a break from ``since`` to their 31 March."""
    c = cohort.assign(_since=since.values, _row=np.arange(len(cohort)))
    c = c[c["spell_start"] <= c["_since"]]
    ends = known(e[e["DEC"].notna() & (e["REC"].fillna("") != "X1")][[*CHILD, "DEC"]], CHILD)
    hit = c[[*CHILD, "_since", "snapshot", "_row"]].merge(ends, on=CHILD)
    broken = hit[(hit["_since"] <= hit["DEC"]) & (hit["snapshot"] >= hit["DEC"])]["_row"]
    breaks = known(short_breaks(w)[[*CHILD, "DECOM", "ends"]], CHILD)
    hit = c[[*CHILD, "_since", "snapshot", "_row"]].merge(breaks, on=CHILD)
    on_break = hit[(hit["snapshot"] >= hit["DECOM"]) & (hit["ends"] >= hit["_since"])]["_row"]
    c = c[~c["_row"].isin(broken) & ~c["_row"].isin(on_break)]
    return c.drop(columns=["_since", "_row"])


def looked_after_12_months(w: Warehouse, e: pd.DataFrame) -> pd.DataFrame:
    at = at_31_march(w, e)
    return continuously_since(w, at, april_1(at["year"] - 1), e)


def children(w: Warehouse) -> pd.DataFrame:
    header = w.view(
        "ssda903__header", [*CHILD, "DOB", "UPN", "SEX", "ETHNIC", "_batch", "_file", "_line"]
    )
    header = header.merge(batch_years(w), on="_batch", how="left")
    header["batch_year"] = header["batch_year"].fillna(0)
    h = latest_row(header, CHILD)
    gender = np.select(
        [h["SEX"].isin(["1", "M"]), h["SEX"].isin(["2", "F"])], ["M", "F"], "unknown"
    )
    return pd.DataFrame(
        {
            "_area": h["_area"],
            "CHILD": h["CHILD"],
            "DOB": h["DOB"],
            "UPN": h["UPN"],
            "gender": gender,
            "ethnicity": ethnic_group(h["ETHNIC"]),
        }
    )


def with_child(w: Warehouse, frame: pd.DataFrame) -> pd.DataFrame:
    joined = frame.merge(known(children(w), CHILD), on=CHILD, how="left")
    return joined.fillna({"gender": "unknown", "ethnicity": "Unclassified"})


def snapshot_frame(rows: pd.DataFrame, num: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "_area": rows["_area"],
            "period": rows["year"].astype(str) + "-03-31",
            "num": num,
            "den": 1,
            "gender": rows["gender"],
            "ethnicity": rows["ethnicity"],
        }
    )


def looked_after_on_31_march(w: Warehouse, e: pd.DataFrame) -> pd.DataFrame:
    """UPN and academic year of the children looked after on its 31 March."""
    held = at_31_march(w, e)[[*CHILD, "year"]].drop_duplicates()
    header = known(w.view("ssda903__header", [*CHILD, "UPN"]), CHILD)
    with_upn = held.merge(header, on=CHILD)
    with_upn = with_upn[with_upn["UPN"].notna()]
    period = year_label(with_upn["year"] - 1)
    return pd.DataFrame({"UPN": with_upn["UPN"], "period": period}).drop_duplicates()


def ni062(w: Warehouse, e: pd.DataFrame) -> pd.DataFrame:
    """Three or more placements in the year to 31 March."""
    at = at_31_march(w, e)[[*CHILD, "year", "snapshot"]]
    at["_start"] = april_1(at["year"] - 1)
    j = at.merge(e, on=CHILD)
    j = j[(j["snapshot"] >= j["DECOM"]) & (j["ends"] >= j["_start"])]
    j = j.assign(
        started=(j["new_placement"] & (j["_start"] <= j["DECOM"])).astype("Int64"),
        held=((j["_start"] > j["DECOM"]) | (j["first_record"] & (j["RNE"] != "S"))).astype("Int64"),
    )
    counts = j.groupby([*CHILD, "year"]).agg(started=("started", "sum"), held=("held", "max"))
    rows = with_child(w, counts.reset_index())
    return snapshot_frame(rows, (rows["started"] + rows["held"] >= 3).astype("Int64"))


def ni063(w: Warehouse, e: pd.DataFrame) -> pd.DataFrame:
    """Long-term placement stability of under-16s in care for 2.5 years."""
    at = with_child(w, at_31_march(w, e))
    at = at[age_on(at["DOB"], at["snapshot"]) < 16]
    since = pd.to_datetime((at["year"] - 3).astype(str) + "-10-01")
    cohort = continuously_since(w, at, since, e)
    two_years = april_1(cohort["year"] - 2)
    adopted = (cohort["before_adoption"] <= two_years).fillna(False)
    stable = (cohort["placement_start"] <= two_years) | adopted
    return snapshot_frame(cohort, stable.astype("int64"))


def ni101(w: Warehouse, cohort12: pd.DataFrame) -> pd.DataFrame:
    """5+ A*-C incl. English and maths of children in care 12 months, in Year 11."""
    rows = with_child(w, cohort12)
    rows["AcademicYear"] = year_label(rows["year"] - 1)
    rows = rows[age_on_31_august(rows["DOB"], rows["year"] - 1) == 15]
    ks4 = w.view("attainment__ks4", ["UPN", "AcademicYear", "KS4_LEVEL2_EM"])
    ks4["passed"] = ks4["KS4_LEVEL2_EM"].fillna(False).astype(bool)
    results = known(
        ks4.groupby(["UPN", "AcademicYear"], dropna=False)["passed"].max().reset_index(),
        ["UPN", "AcademicYear"],
    )
    joined = rows.merge(results, on=["UPN", "AcademicYear"], how="left")
    matched = joined[joined["passed"].notna()]
    return snapshot_frame(matched, matched["passed"].astype("int64"))


def oc2_rows(w: Warehouse, cohort12: pd.DataFrame) -> pd.DataFrame:
    """The cohort with the OC2 row describing each year (``oc2_year`` 'latest')."""
    oc2 = dated(
        w,
        w.view(
            "ssda903__oc2",
            [*CHILD, "DOB", "SDQ_SCORE", "HEALTH_ASSESSMENT", "_batch", "_file", "_line"],
        ),
    )
    oc2 = oc2.rename(columns={"DOB": "OC2_DOB"})
    years = cohort12[[*CHILD, "year"]]
    joined = known(oc2, CHILD).merge(known(years, CHILD), on=CHILD)
    joined = joined[joined["year"] <= joined["batch_year"]]
    joined = first_by(joined, ["_batch", "_file", "_line"], ["year"], [False])
    joined["own_year"] = joined["batch_year"] == joined["year"]
    rows = first_by(
        joined,
        [*CHILD, "year"],
        ["own_year", "batch_year", "_batch", "_file", "_line"],
        [False, False, True, True, True],
    )
    rows = rows.drop(columns=["_file", "_line", "_batch", "batch_year", "own_year"])
    return cohort12.merge(rows, on=[*CHILD, "year"])


def ni058(w: Warehouse, cohort12: pd.DataFrame) -> pd.DataFrame:
    rows = with_child(w, oc2_rows(w, cohort12))
    age = age_on(rows["DOB"].fillna(rows["OC2_DOB"]), rows["snapshot"])
    rows = rows[age.between(4, 16) & rows["SDQ_SCORE"].between(0, 40)]
    return snapshot_frame(rows, rows["SDQ_SCORE"].astype("int64"))


def health_assessments(w: Warehouse, cohort12: pd.DataFrame) -> pd.DataFrame:
    rows = with_child(w, oc2_rows(w, cohort12))
    return snapshot_frame(rows, (rows["HEALTH_ASSESSMENT"].fillna("") == "1").astype("int64"))


def ni148(w: Warehouse) -> pd.DataFrame:
    """Care leavers in education, employment or training around their 19th birthday."""
    oc3 = dated(
        w, w.view("ssda903__oc3", [*CHILD, "DOB", "IN_TOUCH", "ACTIV", "_batch", "_file", "_line"])
    )
    birthday = oc3["DOB"].dt.year + 19 + (oc3["DOB"].dt.month > 3).astype("int64")
    oc3 = oc3[(birthday == oc3["batch_year"]) & ~oc3["IN_TOUCH"].fillna("").isin(["DIED", "RHOM"])]
    oc3 = latest_row(oc3.assign(year=oc3["batch_year"]), [*CHILD, "year"])
    rows = with_child(w, oc3[[*CHILD, "year", "ACTIV"]])
    eet = [f"{kind}{n}" for n in range(1, 6) for kind in ("F", "P")]
    return snapshot_frame(rows, rows["ACTIV"].fillna("").isin(eet).astype("int64"))
