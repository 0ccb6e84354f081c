"""``cypp load``, ``cypp batches`` and ``cypp findings``: the warehouse from the analyst's side."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from cypp.cli.console import console, err_console
from cypp.cli.problems_view import show_problems, write_problems_csv
from cypp.errors import ProblemsError, WarehouseError
from cypp.settings import load_settings

if TYPE_CHECKING:
    from cypp.warehouse.load import Incoming

# Readers and the warehouse are imported by the command that uses them (see compute_commands).

RETURNS = ("ssda903", "census", "attainment", "nccis", "survey", "published")


def _batch_groups(paths: list[Path]) -> list[list[Path]]:
    """One group per batch: a single folder holding only folders is a folder of periods."""
    if len(paths) == 1 and paths[0].is_dir():
        entries = [e for e in sorted(paths[0].iterdir()) if not e.name.startswith(".")]
        if entries and all(e.is_dir() for e in entries):
            return [[e] for e in entries]
    return [paths]


def load(
    return_name: Annotated[
        str, typer.Argument(metavar="RETURN", help=f"One of {', '.join(RETURNS)}.")
    ],
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Files or folders (a folder of year folders loads one batch per year)."
        ),
    ],
    period: Annotated[
        str | None,
        typer.Option(
            help="Period of the batch, e.g. 2009/10 or 2017-18 (default: read from the data)."
        ),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            help="Area for returns that do not name their council (ONS code or LA number; default: setting 'area')."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Refuse the batch if it has any data-quality finding.")
    ] = False,
    problems_csv: Annotated[
        Path | None,
        typer.Option("--problems-csv", help="Write every problem or finding to this CSV file."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the result line.")
    ] = False,
) -> None:
    """Validate, pseudonymise and load a return into the warehouse as one batch, atomically."""
    from cypp.engine.store import Store
    from cypp.published.areas import resolve_area
    from cypp.returns.registry import readers, with_period_checks
    from cypp.warehouse.batch_period import batch_period
    from cypp.warehouse.load import Incoming, load_batches
    from cypp.warehouse.pseudonymise import Pseudonymiser

    if return_name not in RETURNS:
        raise typer.BadParameter(
            f"{return_name!r} is not a return; choose one of {', '.join(RETURNS)}",
            param_hint="RETURN",
        )
    settings = load_settings()
    where = resolve_area(area or settings.area)
    read_return = readers()[return_name]
    pseudonymiser = Pseudonymiser(settings.pseudonym_key)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)

        def note(message: str) -> None:
            bar.update(task, description=message)

        incoming: list[Incoming] = []
        try:
            for group in _batch_groups(paths):
                note(f"reading {', '.join(str(p) for p in group)}")
                read = read_return(group)
                label = (
                    str(group[0]) if len(group) == 1 else f"{group[0]} and {len(group) - 1} more"
                )
                batch = batch_period(read, period, label)
                note(f"checking {label} against the {return_name} rules")
                incoming.append(Incoming(with_period_checks(read, batch), batch, where.ons_code))
            with Store(settings.warehouse) as store:
                results = load_batches(
                    store,
                    incoming,
                    pseudonymiser=pseudonymiser,
                    loaded_at=datetime.now(),
                    strict=strict,
                    progress=note,
                )
        except ProblemsError as exc:
            bar.stop()
            show_problems(exc.problems, title=str(exc).splitlines()[0])
            if problems_csv:
                write_problems_csv(exc.problems, problems_csv)
                console.print(f"wrote {len(exc.problems)} problems to {problems_csv}")
            console.print("[bold red]nothing was stored[/]")
            raise typer.Exit(1) from None
    findings = [f for i in incoming for f in i.read.findings]
    if problems_csv:
        write_problems_csv(findings, problems_csv)
    for result in results:
        b = result.batch
        rows = sum(b.row_counts.values())
        if result.created:
            replaced = f", superseding {', '.join(result.superseded)}" if result.superseded else ""
            console.print(
                f"loaded batch [bold]{b.batch_id}[/] {b.return_name} {b.period} {b.area}: "
                f"{rows:,} rows, {b.findings} findings{replaced}"
            )
        else:
            console.print(
                f"batch [bold]{b.batch_id}[/] ({b.return_name} {b.period} {b.area}) is already "
                "loaded with identical files: nothing to do"
            )
    if findings and not quiet:
        console.print(
            f"{len(findings)} data-quality findings kept with the batch: see "
            f"`cypp findings {results[0].batch.batch_id}`"
        )


def batches(
    return_name: Annotated[str | None, typer.Option("--return", help="Only this return.")] = None,
) -> None:
    """List the batches in the warehouse, current and superseded."""
    from cypp.engine.store import Store
    from cypp.warehouse.catalog import list_batches

    settings = load_settings()
    if not Path(settings.warehouse).exists():
        raise WarehouseError(
            f"no warehouse at {settings.warehouse}; load a return first with `cypp load`"
        )
    with Store(settings.warehouse, read_only=True) as store:
        found = list_batches(store, return_name)
    table = Table("batch", "return", "period", "area", "status", "rows", "findings", "loaded at")
    for b in found:
        status = b.status if b.superseded_by is None else f"{b.status} by {b.superseded_by}"
        table.add_row(
            b.batch_id,
            b.return_name,
            b.period,
            b.area,
            status,
            f"{sum(b.row_counts.values()):,}",
            str(b.findings),
            f"{b.loaded_at:%Y-%m-%d %H:%M}",
        )
    console.print(table)


def findings(
    batch: Annotated[str, typer.Argument(help="Batch id (or its unique prefix).")],
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Write all findings to this CSV file.")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many to show on the terminal.")] = 30,
) -> None:
    """The data-quality findings stored with a batch."""
    from cypp.engine.store import Store
    from cypp.problems import Level, Problem
    from cypp.warehouse.catalog import find_batch

    settings = load_settings()
    with Store(settings.warehouse, read_only=True) as store:
        found = find_batch(store, batch)
        if found is None:
            raise WarehouseError(
                f"no batch {batch!r} in {settings.warehouse}; `cypp batches` lists them"
            )
        rows = store.fetch(
            "SELECT file, line, rule, found, expected, fix, column_name, value FROM findings "
            "WHERE batch_id = ? ORDER BY file, line, rule",
            [found.batch_id],
        )
    problems = [
        Problem(
            file=r[0],
            line=r[1],
            rule=r[2],
            found=r[3],
            expected=r[4],
            fix=r[5],
            column=r[6],
            value=r[7],
            level=Level.FINDING,
        )
        for r in rows
    ]
    show_problems(
        problems,
        title=f"{len(problems)} findings in batch {found.batch_id} "
        f"({found.return_name} {found.period})",
        limit=limit,
    )
    if csv_out:
        write_problems_csv(problems, csv_out)
        console.print(f"wrote {len(problems)} findings to {csv_out}")
