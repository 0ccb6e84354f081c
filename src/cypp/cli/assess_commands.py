"""``cypp assess``: every indicator judged against target, trend and similar councils."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cypp.cli.console import console
from cypp.settings import load_settings


class Format(StrEnum):
    table = "table"
    json = "json"


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
    from cypp.assess.assess_plan import assess_plan
    from cypp.assess.gather import gather_figures, place_of
    from cypp.plan.validate import load_plan

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
