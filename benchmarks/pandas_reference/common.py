"""What every indicator of the reference shares: reading a view, SQL-like null rules, dates,
and the sums by area, period and breakdown that cypp's engine makes.

The reference is written as an analyst would write it in pandas: read the tables, merge,
sort, group. Where SQL and pandas treat nulls differently (a null key never joins in SQL; a
comparison with a null is unknown, not false), the helpers here follow SQL, so that the
reference and cypp can be compared value for value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import duckdb
import numpy as np
import pandas as pd

BREAKDOWNS = ("gender", "ethnicity", "fsm", "sen", "cla", "school", "district")
BEFORE_RECORDS = pd.Timestamp("1900-01-01")

ETHNIC_MAJOR_GROUPS = {
    "White": ("WBRI", "WIRI", "WIRT", "WOTH", "WROM"),
    "Mixed": ("MWBC", "MWBA", "MWAS", "MOTH"),
    "Asian": ("AIND", "APKN", "ABAN", "AOTH"),
    "Black": ("BCRB", "BAFR", "BOTH"),
    "Chinese": ("CHNE",),
    "Any other ethnic group": ("OOTH",),
}
MAJOR_GROUP = {code: group for group, codes in ETHNIC_MAJOR_GROUPS.items() for code in codes}


class Warehouse:
    """The current views of a cypp warehouse, read as Arrow and handed to pandas."""

    def __init__(self, path: str) -> None:
        self.con = duckdb.connect(path, read_only=True)
        self._cache: dict[str, pd.DataFrame] = {}

    def view(self, name: str, columns: Sequence[str]) -> pd.DataFrame:
        """``current__<name>`` with ``columns`` (dates as datetime64), read once per run."""
        key = f"{name}:{','.join(columns)}"
        if key not in self._cache:
            listed = ", ".join(f'"{c}"' for c in columns)
            table = self.con.sql(f'SELECT {listed} FROM "current__{name}"').to_arrow_table()
            self._cache[key] = table.to_pandas(date_as_object=False)
        return self._cache[key].copy()


def ethnic_group(codes: pd.Series) -> pd.Series:
    return pd.Series(codes.map(MAJOR_GROUP).fillna("Unclassified"))


def sen_group(provision: pd.Series) -> pd.Series:
    return pd.Series(
        np.select(
            [provision.isin(["S", "E"]), provision.isin(["A", "P", "K"])],
            ["statement", "support"],
            "none",
        ),
        index=provision.index,
    )


def year_label(start: pd.Series) -> pd.Series:
    """2009 -> "2009/10"."""
    start = start.astype("int64")
    return start.astype(str) + "/" + ((start + 1) % 100).astype(str).str.zfill(2)


def start_year(label: pd.Series) -> pd.Series:
    return label.str.slice(0, 4).astype("int64")


def age_on_31_august(dob: pd.Series, start: pd.Series) -> pd.Series:
    """Age on 31 August of calendar year ``start`` (null where the date of birth is)."""
    return pd.Series(start - dob.dt.year - (dob.dt.month >= 9).astype("int64"))


def age_on(dob: pd.Series, day: pd.Series) -> pd.Series:
    later = (dob.dt.month > day.dt.month) | (
        (dob.dt.month == day.dt.month) & (dob.dt.day > day.dt.day)
    )
    return pd.Series(day.dt.year - dob.dt.year - later.astype("int64"))


def march_31(year: pd.Series) -> pd.Series:
    return pd.Series(pd.to_datetime(year.astype("int64").astype(str) + "-03-31"))


def april_1(year: pd.Series) -> pd.Series:
    return pd.Series(pd.to_datetime(year.astype("int64").astype(str) + "-04-01"))


def year_to_31_march(day: pd.Series) -> pd.Series:
    return pd.Series(day.dt.year + (day.dt.month > 3).astype("int64"))


def known(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    """Rows with every one of ``columns`` present: the only rows an SQL equi-join can match."""
    return frame.dropna(subset=list(columns))


def first_by(
    frame: pd.DataFrame, keys: list[str], order: list[str], ascending: list[bool]
) -> pd.DataFrame:
    """One row per ``keys`` (nulls a group of their own, as SQL windows do): the first in
    ``order`` (nulls last either way, as DuckDB sorts them)."""
    ranked = frame.sort_values(order, ascending=ascending, na_position="last", kind="stable")
    return ranked.drop_duplicates(subset=keys, keep="first")


def sums(
    indicator: str, frame: pd.DataFrame, breakdowns: Sequence[str] = (), unit: int = 1
) -> pd.DataFrame:
    """num, den and num² summed by area and period, for all and for each breakdown's groups:
    the engine's aggregates (``indicator, area, period, breakdown, group, num, den, sq``).

    ``unit``: num and den are whole multiples of 1/unit (the engine's exact decimals, e.g. a
    third as 333333 millionths), summed as integers and divided at the end, so the sums are
    the decimals' own values rather than float sums that depend on the order of addition.
    """
    frame = frame.assign(sq=frame["num"].astype("float64") ** 2)
    keys = ["_area", "period"]
    parts = []
    whole = frame.groupby(keys, dropna=False)[["num", "den", "sq"]].sum(min_count=1)
    parts.append(whole.reset_index().assign(breakdown="all", group="all"))
    for name in breakdowns:
        grouped = frame.assign(group=frame[name].astype("str").where(frame[name].notna()))
        by = grouped.groupby([*keys, "group"], dropna=False)[["num", "den", "sq"]].sum(min_count=1)
        parts.append(by.reset_index().assign(breakdown=name))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["period"].notna()]
    out["group"] = out["group"].fillna("unknown")
    out = out.rename(columns={"_area": "area"}).assign(indicator=indicator)
    out[["num", "den", "sq"]] = out[["num", "den", "sq"]].astype("float64").fillna(0.0)
    out["num"] /= unit
    out["den"] /= unit
    out["sq"] /= unit * unit
    return out[["indicator", "area", "period", "breakdown", "group", "num", "den", "sq"]]
