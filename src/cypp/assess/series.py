"""Where an indicator's figures come from: computed results or published statistics.

A ``Figure`` is one value for an area and period with its interval (when it has one) and its
suppression. Computed indicators read the warehouse's latest run; reported indicators with a
``source_measure`` read published statistics — the vendored data package plus any published
batch loaded into the warehouse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from cypp.engine.store import Store


@dataclass(frozen=True, slots=True)
class Figure:
    area: str
    period: str
    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    suppressed: bool = False
    state: str = "value"  # for published figures: the DfE symbol kept as a state
    numerator: float | None = None
    denominator: float | None = None


# indicator code -> area -> period -> figure
Figures = dict[str, dict[str, dict[str, Figure]]]


def computed_figures(store: Store, codes: set[str]) -> Figures:
    """Whole-cohort values of the latest run of each indicator in the warehouse."""
    found: Figures = defaultdict(lambda: defaultdict(dict))
    if "results" not in store.tables() or not codes:
        return found
    marks = ", ".join("?" for _ in codes)
    rows = store.fetch(
        f"""SELECT r.indicator, r.breakdown, r.area, r.period, r.value, r.ci_low, r.ci_high, r.suppressed,
                   r.numerator, r.denominator
            FROM results r
            JOIN (SELECT l.indicator, max(u.started) AS started FROM lineage l
                  JOIN runs u USING (run_id) GROUP BY l.indicator) latest
              ON latest.indicator = r.indicator
            JOIN runs u ON u.run_id = r.run_id AND u.started = latest.started
            WHERE (r.breakdown = 'all' OR ends_with(r.breakdown, '_gap'))
              AND r.indicator IN ({marks})""",
        sorted(codes),
    )
    for code, breakdown, area, period, value, low, high, hidden, num, den in rows:
        key = code if breakdown == "all" else f"{code}:{breakdown}"  # equity gaps: NI075:fsm_gap
        found[key][area][period] = Figure(
            area,
            period,
            None if hidden else value,
            None if hidden else low,
            None if hidden else high,
            bool(hidden),
            "c" if hidden else "value",
            None if hidden else num,
            None if hidden else den,
        )
    return found


@dataclass(frozen=True, slots=True)
class BreakdownFigure:
    """A computed value for one group of a breakdown (girls, FSM pupils, a school, ...)."""

    indicator: str
    period: str
    breakdown: str  # gender, ethnicity, fsm, sen, cla, school, district
    group: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    numerator: float | None
    denominator: float | None


def computed_breakdowns(store: Store, codes: set[str], area: str) -> list[BreakdownFigure]:
    """Every group of every breakdown in the latest run of each indicator for ``area``, with
    suppressed values (and their counts) withheld."""
    if "results" not in store.tables() or not codes:
        return []
    marks = ", ".join("?" for _ in codes)
    rows = store.fetch(
        f"""SELECT r.indicator, r.period, r.breakdown, r."group", r.value, r.ci_low, r.ci_high,
                   r.suppressed, r.numerator, r.denominator
            FROM results r
            JOIN (SELECT l.indicator, max(u.started) AS started FROM lineage l
                  JOIN runs u USING (run_id) GROUP BY l.indicator) latest
              ON latest.indicator = r.indicator
            JOIN runs u ON u.run_id = r.run_id AND u.started = latest.started
            WHERE r.breakdown <> 'all' AND NOT ends_with(r.breakdown, '_gap')
              AND r.area = ? AND r.indicator IN ({marks})
            ORDER BY r.indicator, r.period, r.breakdown, r."group"
            """,
        [area, *sorted(codes)],
    )
    found = []
    for code, period, breakdown, group, value, low, high, hidden, num, den in rows:
        shown = not hidden
        found.append(
            BreakdownFigure(
                code,
                period,
                breakdown,
                group,
                value if shown else None,
                low if shown else None,
                high if shown else None,
                bool(hidden),
                num if shown else None,
                den if shown else None,
            )
        )
    return found


def published_figures(tables: list[pa.Table], measures: dict[str, str]) -> Figures:
    """Published whole-area figures of the measures (``source:measure`` → indicator code)."""
    found: Figures = defaultdict(lambda: defaultdict(dict))
    for table in tables:
        keys = pc.binary_join_element_wise(table.column("source"), table.column("measure"), ":")
        wanted = table.filter(pc.is_in(keys, pa.array(list(measures))))
        for r in wanted.select(
            ["source", "measure", "area_code", "period", "value", "state"]
        ).to_pylist():
            if r["area_code"] is None or r["period"] is None:
                continue
            code = measures[f"{r['source']}:{r['measure']}"]
            found[code][r["area_code"]][r["period"]] = Figure(
                r["area_code"],
                r["period"],
                r["value"],
                suppressed=r["state"] == "c",
                state=r["state"],
            )
    return found
