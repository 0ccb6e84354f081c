"""``cypp report``: the Children's Trust Board report in PDF, HTML, XLSX and open data."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cypp.cli.console import console
from cypp.errors import CyppError
from cypp.periods import PeriodFormatError, parse_period
from cypp.settings import Settings, load_settings

if TYPE_CHECKING:
    from cypp.report.content import BoardReport

FORMATS = ("pdf", "html", "xlsx", "csv", "json")


class ReportError(CyppError):
    """A report asked for in a way that cannot be met."""


def _formats(text: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ReportError(
            f"--format {text!r}: unknown format(s) {', '.join(map(repr, unknown)) or '(none)'}; "
            f"expected a comma-separated list of {', '.join(FORMATS)}; fix: e.g. --format pdf,xlsx"
        )
    return wanted


def _has_workspace(settings: Settings) -> bool:
    """A PostgreSQL ``database_url``, or the SQLite ``workspace`` file already created."""
    return bool(settings.database_url) or Path(settings.workspace).is_file()


def report(
    out: Annotated[Path, typer.Option(help="Folder to write the report files into.")],
    plan: Annotated[
        Path | None, typer.Option(help="Plan folder (default: setting 'plan').")
    ] = None,
    area: Annotated[
        str | None, typer.Option(help="ONS code or LA number (default: the plan's area).")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(help="Report as at this period, e.g. 2010/11 (default: latest figures)."),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: pdf, html, xlsx, csv, json.")
    ] = ",".join(FORMATS),
    workspace: Annotated[
        bool,
        typer.Option(help="Include approved commentary and action updates from the workspace."),
    ] = True,
) -> None:
    """Write the board report: cover, summary scorecards, a section per key priority with its
    turn-the-curve charts, equity gaps and appendices."""
    from cypp.plan.validate import load_plan
    from cypp.report.assemble import report_for

    formats = _formats(format)
    if period is not None:
        try:
            parse_period(period)
        except PeriodFormatError as exc:
            raise ReportError(f"--period: {exc}") from None
    started = time.monotonic()
    settings = load_settings()
    plan_path = plan or Path(settings.plan)
    if workspace and _has_workspace(settings):
        # approved commentary, action updates, reported values and established measures
        import cypp.web

        cypp.web.setup()
        from cypp.web.publish import workspace_report

        board = workspace_report(plan_path, settings, area=area, period=period)
    else:
        board = report_for(load_plan(plan_path), settings, area=area, period=period)
    out.mkdir(parents=True, exist_ok=True)
    stem = _stem(board)
    written = write_formats(board, out, stem, formats)
    for path in written:
        console.print(f"wrote {path}")
    console.print(f"report written in {time.monotonic() - started:.1f} s")


def _stem(board: BoardReport) -> str:
    period = (board.period or "latest").replace("/", "-")
    return f"board-report-{board.plan.plan.id}-{board.place.ons_code}-{period}"


def write_formats(board: BoardReport, out: Path, stem: str, formats: list[str]) -> list[Path]:
    """Write each format; the HTML is rendered once and printed to PDF from the same text."""
    from cypp.report import html as html_format
    from cypp.report import open_data, xlsx

    written: list[Path] = []
    rendered: str | None = None
    writers: dict[str, Callable[[BoardReport, Path], None]] = {
        "xlsx": xlsx.write_xlsx,
        "csv": open_data.write_csv,
        "json": open_data.write_json,
    }
    for fmt in formats:
        path = out / f"{stem}.{fmt}"
        # each file is written beside its final name and moved into place, so a reader never
        # sees half a report
        partial = path.with_name(path.name + ".partial")
        if fmt in ("html", "pdf"):
            rendered = rendered or html_format.render_html(board)
            if fmt == "html":
                partial.write_text(rendered, encoding="utf-8")
            else:
                html_format.write_pdf(board, partial, html=rendered)
        else:
            writers[fmt](board, partial)
        partial.replace(path)
        written.append(path)
    return written
