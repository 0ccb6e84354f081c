"""``cypp assess``: every indicator judged against target, trend and similar councils."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich.table import Table

from cypp.assess.assess_plan import Place, assess_plan
from cypp.assess.series import Figures, computed_figures, published_figures
from cypp.cli.console import console
from cypp.engine.store import Store
from cypp.plan.model import Method, Plan
from cypp.plan.validate import load_plan
from cypp.published.areas import default_areas, resolve_area
from cypp.published.neighbours import neighbours
from cypp.published.vendored import load_published
from cypp.settings import load_settings


class Format(StrEnum):
    table = "table"
    json = "json"


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
    found = resolve_area(area)
    try:
        near = tuple(n.ons_code for n in neighbours(found.ons_code, model) if n.ons_code)
    except Exception:  # an area with no statistical neighbours (England, a region)
        near = ()
    regions = {a.ons_code: a.region_code for a in default_areas().areas() if a.region_code}
    return Place(found.ons_code, found.name, found.region_code, near, regions)


def assess(
    plan: Annotated[
        Path | None, typer.Option(help="Plan folder (default: setting 'plan').")
    ] = None,
    area: Annotated[
        str | None, typer.Option(help="ONS code or LA number (default: the plan's area).")
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="Period to assess (default: each indicator's latest).")
    ] = None,
    format: Annotated[Format, typer.Option("--format", help="table or json.")] = Format.table,
) -> None:
    """Latest value, target, status, direction, forecast and benchmarks for every indicator."""
    settings = load_settings()
    the_plan = load_plan(plan or Path(settings.plan))
    place = place_of(area or the_plan.plan.area.ons_code, settings.neighbour_model)
    figures = gather_figures(the_plan, Path(settings.warehouse))
    rows = assess_plan(the_plan, figures, place, period, settings.status_tolerance_percent)
    if format is Format.json:
        typer.echo(json.dumps([r.as_json() for r in rows], indent=1, default=str))
        return
    title = f"{the_plan.plan.title} — {place.name} ({place.ons_code})"
    if the_plan.plan.illustrative:
        title += " — targets are ILLUSTRATIVE"
    table = Table(
        "indicator",
        "period",
        "value",
        "target",
        "status",
        "direction",
        "forecast",
        "England",
        "region",
        "neighbours",
        "band",
        "rank",
        title=title,
    )
    for r in rows:
        value = "c" if r.suppressed else _fmt(r.value)
        table.add_row(
            r.indicator,
            r.period or "",
            value,
            _fmt(r.target),
            r.status,
            r.direction,
            f"{_fmt(r.forecast)} ({r.likely_to_meet_target})" if r.forecast is not None else "",
            _fmt(r.england),
            _fmt(r.region),
            _fmt(r.neighbours_mean),
            r.quartile_band or "",
            f"{r.rank}/{r.rank_of}" if r.rank else "",
        )
    console.print(table)


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"
