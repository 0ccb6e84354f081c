"""``cypp compute`` and ``cypp explain``: the indicator engine from the analyst's side."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.syntax import Syntax
from rich.table import Table

from cypp.cli.console import console, err_console
from cypp.errors import CyppError, EngineError
from cypp.settings import load_settings

# The engine (DuckDB, Ibis, pyarrow) is imported by the commands that use it, not here: every
# ``cypp`` command imports this module, and a command's start-up counts when a council loads
# one return per command.


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class Backend(StrEnum):
    duckdb = "duckdb"
    pyspark = "pyspark"


COLUMNS = (
    "indicator",
    "area",
    "period",
    "breakdown",
    "group",
    "numerator",
    "denominator",
    "value",
    "ci_low",
    "ci_high",
    "unit",
    "polarity",
    "suppressed",
    "definition_version",
)


def _warehouse() -> Path:
    path = Path(load_settings().warehouse)
    if not path.exists():
        raise CyppError(f"no warehouse at {path}; load returns first with `cypp load`")
    return path


def compute(
    plan: Annotated[
        Path | None, typer.Option(help="Plan folder (default: setting 'plan').")
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="Only this period, e.g. 2009/10 or 2010-03-31.")
    ] = None,
    all_periods: Annotated[
        bool, typer.Option("--all", help="Every period present (the default).")
    ] = False,
    backend: Annotated[
        Backend, typer.Option(help="Where to run the definitions.")
    ] = Backend.duckdb,
    format: Annotated[
        Format, typer.Option("--format", help="How to print the results.")
    ] = Format.table,
    as_at: Annotated[
        str | None,
        typer.Option("--as-at", help="The 'as at' date recorded with the run (default: today)."),
    ] = None,
    indicator: Annotated[
        list[str] | None, typer.Option("--indicator", help="Only these indicator codes.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Compute every computed indicator for every area and period in the warehouse."""
    from cypp.engine.run import run_plan
    from cypp.engine.store import Store
    from cypp.plan.validate import load_plan

    if period and all_periods:
        raise typer.BadParameter("give --period or --all, not both")
    settings = load_settings()
    the_plan = load_plan(plan or Path(settings.plan))
    as_at_date = date.fromisoformat(as_at) if as_at else date.today()
    spark = None
    with (
        Store(_warehouse()) as store,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err_console,
            disable=quiet,
            transient=True,
        ) as bar,
    ):
        task = bar.add_task("starting", total=None)
        if backend is Backend.pyspark:
            from cypp.engine.spark import spark_backend

            bar.update(task, description="starting Spark (local mode)")
            spark = spark_backend(store)
        # Everything the run writes (an empty view for each return not loaded, the compiled
        # SQL kept for next time, the run's values and lineage) commits together, so a run
        # killed part-way leaves the warehouse exactly as it was.
        with store.transaction():
            report = run_plan(
                store,
                the_plan,
                as_at=as_at_date,
                started=datetime.now(),
                threshold=settings.suppression_threshold,
                period=period,
                backend=spark,
                backend_name=backend.value,
                only=set(indicator or ()),
                progress=lambda m: bar.update(task, description=m),
            )
    rows = [v.public() for v in report.values]
    rows.sort(
        key=lambda r: (
            str(r["indicator"]),
            str(r["area"]),
            str(r["period"]),
            str(r["breakdown"]),
            str(r["group"]),
        )
    )
    if format is Format.json:
        typer.echo(json.dumps(rows, indent=1))
    elif format is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_table(rows)
    if not quiet:
        for code, why in report.skipped.items():
            err_console.print(f"[yellow]skipped {code}[/]: {why}")
        err_console.print(
            f"run {report.run_id}: {len(report.values)} values for "
            f"{len(report.lineages)} indicators saved in {store.path}"
        )


def _print_table(rows: list[dict[str, object]]) -> None:
    table = Table("indicator", "area", "period", "value", "95% CI", "n / N", "unit")
    for r in rows:
        if r["breakdown"] != "all":
            continue
        if r["suppressed"]:
            table.add_row(
                str(r["indicator"]), str(r["area"]), str(r["period"]), "c", "", "", str(r["unit"])
            )
            continue
        ci = f"{r['ci_low']:.1f} – {r['ci_high']:.1f}" if r["ci_low"] is not None else ""
        value = f"{r['value']:.1f}" if r["value"] is not None else "x"
        counts = (
            f"{r['numerator']:.0f} / {r['denominator']:.0f}" if r["numerator"] is not None else ""
        )
        table.add_row(
            str(r["indicator"]), str(r["area"]), str(r["period"]), value, ci, counts, str(r["unit"])
        )
    console.print(table)


def explain(
    code: Annotated[str, typer.Argument(help="Indicator code, e.g. NI063.")],
    period: Annotated[str | None, typer.Option(help="Show this period's values too.")] = None,
) -> None:
    """How an indicator was computed: definition, parameters, batches, row counts and SQL."""
    from cypp.engine.runs import latest_lineage
    from cypp.engine.store import Store
    from cypp.indicators.definition import all_definitions

    with Store(_warehouse(), read_only=True) as store:
        found = latest_lineage(store, code)
        if found is None:
            raise EngineError(f"{code} has not been computed yet; run `cypp compute` first")
        run, line = found
        values = store.fetch(
            'SELECT area, period, breakdown, "group", numerator, denominator, value, ci_low, ci_high, '
            "suppressed FROM results WHERE run_id = ? AND indicator = ? AND breakdown = 'all' "
            + ("AND period = ? " if period else "")
            + "ORDER BY area, period",
            [line.run_id, code, *([period] if period else [])],
        )
    d = all_definitions().get(line.definition)
    console.print(
        f"[bold]{code}[/] computed by definition [bold]{line.definition}[/] "
        f"version {line.definition_version}"
    )
    console.print(
        f"run {line.run_id}: started {run['started']:%Y-%m-%d %H:%M}, as at {run['as_at']}, "
        f"backend {run['backend']}, plan {run['plan_id']}, suppression 1–{run['suppression_threshold']}, "
        f"CI level {run['ci_level']}"
    )
    if d is not None:
        console.print(f"\n{d.doc}\n", markup=False)
    console.print(f"parameters: {json.dumps(line.parameters) if line.parameters else 'none'}")
    console.print("batches read:")
    for b in line.batches:
        console.print(
            f"  {b['batch_id']} {b['return']} {b['period']} {b['area']} sha256 {b['content_hash']}"
        )
    console.print(
        "rows in the views read: " + ", ".join(f"{k} {v:,}" for k, v in line.row_counts.items())
    )
    if period and not values:
        console.print(f"[yellow]no values for period {period}[/]")
    for v in values:
        shown = (
            "c (suppressed)"
            if v[9]
            else f"{v[6]:.2f} ({v[7]:.2f}–{v[8]:.2f}), {v[4]:.0f}/{v[5]:.0f}"
            if v[7] is not None
            else f"{v[6]}"
        )
        console.print(f"  {v[0]} {v[1]}: {shown}")
    console.print("\nSQL that ran (DuckDB dialect):")
    console.print(Syntax(line.sql, "sql", word_wrap=True))


def definitions(
    markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/indicators.md.")] = False,
) -> None:
    """List the computed definitions this version of cypp provides."""
    from cypp.indicators.definition import all_definitions

    if markdown:
        from cypp.indicators.docs import render

        typer.echo(render(), nl=False)
        return
    table = Table("definition", "kind", "parameters", "first line")
    for name, d in sorted(all_definitions().items()):
        table.add_row(
            name,
            d.kind.value,
            ", ".join(p.name for p in d.parameters),
            d.doc.splitlines()[0] if d.doc else "",
        )
    console.print(table)
