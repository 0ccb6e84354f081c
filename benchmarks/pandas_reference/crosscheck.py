"""Cross-checking the pandas reference against cypp's ``results`` table, value by value.

Every (indicator, area, period, breakdown, group) the reference computed is matched with the
latest cypp run's row (figures are kept inside the warehouse even when suppressed) and the
numerators and denominators compared to a relative 1e-9. Rows only one side has are
mismatches too. The plan's gap indicators (NI 102, NI 105) publish only their difference,
so for them the reference's gap (percentage of one group minus the other's) is compared with
cypp's value. Automatic equity gaps (``*_gap`` breakdowns) are not compared.
"""

from __future__ import annotations

from typing import Any, cast

import duckdb
import numpy as np
import pandas as pd

KEYS = ["indicator", "area", "period", "breakdown", "group"]
TOLERANCE = 1e-9
#: The plan's gap indicators: breakdown, the group minus the other.
GAPS = {
    "NI102KS2": ("fsm", "non-FSM", "FSM"),
    "NI102KS4": ("fsm", "non-FSM", "FSM"),
    "NI105": ("sen", "non-SEN", "SEN"),
}


def latest_results(warehouse: str, backend: str = "duckdb") -> tuple[str, pd.DataFrame]:
    """The run id and values of the latest run on ``backend``."""
    con = duckdb.connect(warehouse, read_only=True)
    try:
        found = con.execute(
            "SELECT run_id FROM runs WHERE backend = ? ORDER BY started DESC LIMIT 1", [backend]
        ).fetchall()
        run = found[0] if found else None
        if run is None:
            raise LookupError(f"no {backend} run in {warehouse}")
        values = con.sql(
            'SELECT indicator, area, period, breakdown, "group", numerator, denominator, value '
            "FROM results WHERE run_id = $run",
            params={"run": run[0]},
        ).to_arrow_table()
    finally:
        con.close()
    return run[0], values.to_pandas()


def gap_rows(reference: pd.DataFrame) -> pd.DataFrame:
    """The gap indicators' values from the reference's group sums, as cypp publishes them:
    one ``all`` row with the difference in percentage points as num and den."""
    rows = []
    for code, (breakdown, minuend, subtrahend) in GAPS.items():
        groups = reference[(reference["indicator"] == code) & (reference["breakdown"] == breakdown)]
        wide = groups.pivot_table(
            index=["area", "period"], columns="group", values=["num", "den"], aggfunc="sum"
        )
        gap = 100 * (
            wide[("num", minuend)] / wide[("den", minuend)]
            - wide[("num", subtrahend)] / wide[("den", subtrahend)]
        )
        # no gap where a group is absent (no FSM pupils in a small council): cypp shows none
        for where, value in gap.dropna().items():
            area, period = cast(tuple[str, str], where)
            rows.append(
                {
                    "indicator": code,
                    "area": area,
                    "period": period,
                    "breakdown": "all",
                    "group": "all",
                    "num": value,
                    "den": value,
                }
            )
    return pd.DataFrame(rows)


def crosscheck(reference: pd.DataFrame, results: pd.DataFrame) -> dict[str, Any]:
    """Compare the reference's aggregates with cypp's values for the same indicators."""
    gaps = reference["indicator"].isin(GAPS)
    if gaps.any():
        reference = pd.concat([reference[~gaps], gap_rows(reference[gaps])], ignore_index=True)
        published = results["indicator"].isin(GAPS)
        results = results.copy()
        results.loc[published, "numerator"] = results.loc[published, "value"]
        results.loc[published, "denominator"] = results.loc[published, "value"]
    ours = results[
        results["indicator"].isin(reference["indicator"].unique())
        & ~results["breakdown"].str.endswith("_gap")
    ]
    merged = reference.merge(ours, on=KEYS, how="outer", indicator=True)
    both = merged[merged["_merge"] == "both"]

    def differs(a: pd.Series, b: pd.Series) -> np.ndarray:
        a, b = a.astype("float64").fillna(0.0), b.astype("float64").fillna(0.0)
        return np.asarray(~np.isclose(a, b, rtol=TOLERANCE, atol=TOLERANCE))

    bad = both[differs(both["num"], both["numerator"]) | differs(both["den"], both["denominator"])]
    only_reference = merged[merged["_merge"] == "left_only"]
    only_cypp = merged[merged["_merge"] == "right_only"]

    def examples(frame: pd.DataFrame) -> list[dict[str, Any]]:
        columns = [*KEYS, "num", "den", "numerator", "denominator"]
        return cast(
            list[dict[str, Any]],
            (
                frame[columns]
                .head(20)
                .astype(object)
                .where(frame[columns].head(20).notna(), None)
                .to_dict("records")
            ),
        )

    per_indicator = {
        code: {
            "compared": int((both["indicator"] == code).sum()),
            "mismatched": int((bad["indicator"] == code).sum()),
            "only_reference": int((only_reference["indicator"] == code).sum()),
            "only_cypp": int((only_cypp["indicator"] == code).sum()),
        }
        for code in sorted(reference["indicator"].unique())
    }
    return {
        "compared": len(both),
        "mismatched": len(bad),
        "only_reference": len(only_reference),
        "only_cypp": len(only_cypp),
        "per_indicator": per_indicator,
        "examples": {
            "mismatched": examples(bad),
            "only_reference": examples(only_reference),
            "only_cypp": examples(only_cypp),
        },
    }
