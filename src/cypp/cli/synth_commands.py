"""``cypp synth``: a synthetic county or nation, written in the real return formats."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cypp.cli.console import console, err_console


class Scale(StrEnum):
    county = "county"
    nation = "nation"


def synth(
    out: Annotated[
        Path, typer.Option("--out", help="Folder to write into (one folder per return).")
    ],
    scale: Annotated[Scale, typer.Option(help="One council, or England's 150.")] = Scale.county,
    seed: Annotated[int, typer.Option(help="The same seed always writes the same bytes.")] = 1,
    area: Annotated[
        str, typer.Option(help="The county's area (ONS code or LA number).")
    ] = "E10000018",
    years: Annotated[
        str, typer.Option(help="Academic years, e.g. 2006/07..2010/11.")
    ] = "2006/07..2010/11",
    with_errors: Annotated[
        bool,
        typer.Option("--with-errors", help="Plant realistic defects (findings, never blocking)."),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Write synthetic returns that go through the real readers: ssda903, census, attainment,
    nccis, survey and published, each in its own folder under --out."""
    from cypp.synth import generate, parse_years

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=True,
    ) as bar:
        task = bar.add_task("generating", total=None)

        def note(message: str, done: int, total: int) -> None:
            bar.update(task, description=message, completed=done, total=total)

        summary = generate(
            out,
            scale=scale.value,
            seed=seed,
            area=area,
            years=parse_years(years),
            with_errors=with_errors,
            progress=note,
        )
    pupils = sum(c.pupils[-1] for c in summary.councils if c.pupils)
    console.print(
        f"wrote {scale.value} (seed {seed}) to {out}: {len(summary.councils)} council(s), "
        f"{pupils:,} pupils on roll in the last year, {len(summary.files)} files, {summary.bytes / 1e6:.1f} MB"
        + (f", {len(summary.defects)} planted defects" if summary.defects else "")
    )
