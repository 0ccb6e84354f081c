"""Properties of every aggregate, on random pupils: bounds and additivity of breakdowns."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.indicators.harness import run, warehouse

pupil = st.fixed_dictionaries(
    {
        "pass": st.booleans(),
        "fsm": st.booleans(),
        "sen": st.sampled_from(["N", "A", "P", "S"]),
        "gender": st.sampled_from(["M", "F"]),
        "ethnicity": st.sampled_from(["WBRI", "APKN", "BCRB", "MWBC", "REFU"]),
        "school": st.sampled_from(["100001", "100002", "100003"]),
        "in_census": st.booleans(),
        "year": st.sampled_from(["2008/09", "2009/10"]),
    }
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pupil, min_size=1, max_size=40))
def test_bounds_and_breakdowns_add_up(pupils: list[dict[str, object]]) -> None:
    ks4 = [
        {
            "UPN": f"P{i}",
            "AcademicYear": p["year"],
            "URN": p["school"],
            "LA": "855",
            "KS4_LEVEL2_EM": p["pass"],
        }
        for i, p in enumerate(pupils)
    ]
    census = [
        {
            "UPN": f"P{i}",
            "AcademicYear": p["year"],
            "CensusDate": "2010-01-21",
            "Gender": p["gender"],
            "Ethnicity": p["ethnicity"],
            "SENprovision": p["sen"],
            "FSMeligible": p["fsm"],
            "URN": p["school"],
        }
        for i, p in enumerate(pupils)
        if p["in_census"]
    ]
    with (
        tempfile.TemporaryDirectory() as tmp,
        warehouse(
            Path(tmp) / "w.duckdb", {"attainment/KS4": ks4, "census/SchoolCensus": census}
        ) as store,
    ):
        aggregates = run(store, "ks4_5ac_em")
    wholes = {(a.area, a.period): a for a in aggregates if a.breakdown == "all"}
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for a in aggregates:
        assert 0 <= a.numerator <= a.denominator
        if a.breakdown != "all":
            s = sums[(a.area, a.period, a.breakdown)]
            s[0] += a.numerator
            s[1] += a.denominator
    for (area, period, _), (num, den) in sums.items():
        whole = wholes[(area, period)]
        assert (num, den) == (whole.numerator, whole.denominator)
    assert sum(w.denominator for w in wholes.values()) == len(pupils)
