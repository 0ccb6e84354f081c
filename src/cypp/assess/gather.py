"""Gathering what an assessment needs from the warehouse and the published data: the
figures of a plan's indicators, the place assessed with its comparators, and lineage.

Shared by ``cypp assess``, ``cypp report`` and ``cypp publish`` so all three read the same.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pyarrow as pa

from cypp.assess.assess_plan import Place
from cypp.assess.series import Figures, computed_figures, published_figures
from cypp.engine.store import Store
from cypp.errors import CyppError
from cypp.plan.model import Method, Plan
from cypp.published.areas import default_areas, resolve_area
from cypp.published.neighbours import neighbours
from cypp.published.vendored import load_published


def gather_figures(plan: Plan, warehouse: Path) -> Figures:
    """Computed results from the warehouse and published figures for the plan's measures."""
    figures: Figures = {}
    computed = {i.code for i in plan.indicators if i.method is Method.COMPUTED}
    measures = {i.source_measure: i.code for i in plan.indicators if i.source_measure}
    published: list[pa.Table] = []
    if measures:
        published.append(load_published())
    if warehouse.exists():
        with Store(warehouse, read_only=True) as store:
            figures.update(computed_figures(store, computed))
            if measures and "current__published__values" in store.tables():
                published.append(store.fetch_arrow("SELECT * FROM current__published__values"))
    for code, by_area in published_figures(published, measures).items():
        figures.setdefault(code, {}).update(by_area)
    return figures


def place_of(area: str, model: str) -> Place:
    """The area with its region and statistical neighbours (DfE model ``model``)."""
    found = resolve_area(area)
    try:
        near = tuple(n.ons_code for n in neighbours(found.ons_code, model) if n.ons_code)
    except CyppError:  # an area with no statistical neighbours (England, a region)
        near = ()
    regions = {a.ons_code: a.region_code for a in default_areas().areas() if a.region_code}
    return Place(found.ons_code, found.name, found.region_code, near, regions)


def latest_runs(warehouse: Path, plan: Plan) -> dict[str, dict[str, object]]:
    """Each computed indicator's latest lineage: definition, version, run start and the
    batches read (return, period, content hash)."""
    codes = sorted(i.code for i in plan.indicators if i.method is Method.COMPUTED)
    found: dict[str, dict[str, object]] = {}
    if not warehouse.exists() or not codes:
        return found
    with Store(warehouse, read_only=True) as store:
        if "lineage" not in store.tables():
            return found
        marks = ", ".join("?" for _ in codes)
        rows = store.fetch(
            f"""SELECT l.indicator, l.definition, l.definition_version, r.started, l.batches
                FROM lineage l JOIN runs r USING (run_id)
                WHERE l.indicator IN ({marks})
                QUALIFY row_number() OVER (PARTITION BY l.indicator ORDER BY r.started DESC) = 1""",
            codes,
        )
    for code, definition, version, started, batches in rows:
        found[code] = {
            "definition": definition,
            "definition_version": version,
            "started": started,
            "batches": json.loads(batches),
        }
    return found


def returns_read(runs: dict[str, dict[str, object]]) -> dict[str, list[str]]:
    """Return name -> the collection periods read by any indicator's latest run."""
    periods: dict[str, set[str]] = defaultdict(set)
    for run in runs.values():
        for b in run["batches"]:  # type: ignore[attr-defined]
            periods[b["return"]].add(b["period"] or "")
    return {name: sorted(p for p in ps if p) for name, ps in sorted(periods.items())}
