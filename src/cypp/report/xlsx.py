"""The board report as an Excel workbook: a summary, one sheet per key priority, the equity
gaps, the tidy data (the same rows as the open data) and notes.

Numbers are stored as numbers with a format for their unit, so that an analyst can chart and
sum them; a suppressed figure is the text ``c``, never 0 or a blank. Every text cell goes
through ``formula_safe``: commentary and plan text must never run as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Final

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from cypp.plan.model import Bullets
from cypp.report.content import (
    NO_COMMENTARY,
    PILES,
    BoardReport,
    IndicatorSection,
    PrioritySection,
    Scorecard,
)
from cypp.report.open_data import (
    COLUMNS,
    LICENCE,
    NUMBER_COLUMNS,
    SUPPRESSED,
    SYMBOLS,
    TIME_IDENTIFIERS,
    tidy_rows,
)
from cypp.report.xlsx_cells import (
    BOLD,
    HEADING,
    WARNING,
    WARNING_FILL,
    SheetWriter,
    cell_value,
    day,
    number_format,
    sheet_title,
)

ILLUSTRATIVE: Final = (
    "ILLUSTRATIVE TARGETS: this plan's targets were invented for a demonstration on "
    "synthetic data. They are not the council's targets."
)
RESERVED_TITLES: Final = ("summary", "equity", "data", "notes", "history")


def write_xlsx(report: BoardReport, path: Path) -> None:
    """Write the workbook: Summary, one sheet per key priority, Equity, Data and Notes."""
    book = Workbook()
    summary = book.active
    assert summary is not None  # a new workbook has one sheet
    summary.title = "Summary"
    _summary(
        SheetWriter(summary, (14, 44, 10, 10, 10, 10, 16, 10, 11, 24, 22, 10, 10, 11, 6, 6, 6)),
        report,
    )
    taken = set(RESERVED_TITLES)
    for n, section in enumerate(report.priorities, start=1):
        # the priority's id in words ("3 Children in care"): its title rarely fits in 31
        name = section.priority.id.replace("-", " ").capitalize()
        ws = book.create_sheet(sheet_title(f"{n} {name}", taken))
        _priority(SheetWriter(ws, (22, 13, 13, 13, 13, 13, 13, 13, 13)), section, report)
    if report.equity:
        ws = book.create_sheet("Equity")
        w = SheetWriter(ws, (22, 13, 13, 13, 13, 13, 13, 13, 13))
        w.title("Equity: the gaps between groups")
        w.para(
            "Each gap is the difference between two groups in percentage points, with "
            "Newcombe's 95% interval; a smaller gap is better whatever the indicator's polarity."
        )
        w.gap()
        for gap in report.equity:
            _indicator(w, gap)
    _data(book.create_sheet("Data"), report)
    _notes(
        SheetWriter(book.create_sheet("Notes"), (16, 30, 12, 10, 16, 12, 12, 50, 24, 40)), report
    )
    book.properties.title = report.plan.plan.title
    book.properties.creator = "cypp"
    book.save(Path(path))


def _headline(w: SheetWriter, report: BoardReport) -> None:
    place = report.place
    w.title(report.plan.plan.title)
    w.cells(["Area", f"{place.name} ({place.ons_code})"])
    w.cells(["Period", report.period or "latest available for each indicator"])
    w.cells(["As at", day(report.as_at)])
    w.cells(["Generated", f"{day(report.generated)} {report.generated:%H:%M}"])
    if report.illustrative:
        w.para(ILLUSTRATIVE, font=WARNING, fill=WARNING_FILL)
    w.gap()


SCORECARD_HEADER: Final = ("Title", "Met", "On track", "Off track", "Not assessed", "Total")


def _scorecards(w: SheetWriter, heading: str, kind: str, cards: Sequence[Scorecard]) -> None:
    w.title(heading, HEADING)
    rows = [
        [
            card.id,
            card.title,
            *(card.counts.get(p, 0) for p in PILES),
            card.total,
            ", ".join(card.off_track),
        ]
        for card in cards
    ]
    w.table([kind, *SCORECARD_HEADER, "Off track indicators"], rows)


INDICATOR_HEADER: Final = (
    "Indicator", "Title", "Period", "Value", "CI lower", "CI upper", "Unit", "Target",
    "Target type", "Status", "Direction", "England", "Region", "Neighbours", "Band", "Rank", "Of",
)  # fmt: skip


def _summary_row(s: IndicatorSection) -> tuple[list[object], list[str | None]]:
    a = s.assessment
    f = number_format(s.unit)
    formats: list[str | None] = [None, None, None, f, f, f, None, f, None, None, None, f, f, f]
    if a is None:
        return [s.label, s.title, None, None, None, None, s.unit, None, None, s.status], formats
    target_type = None if a.target is None else "trajectory" if a.target_is_trajectory else "target"
    return [
        s.label, s.title, a.period, SUPPRESSED if a.suppressed else a.value,
        a.ci_low, a.ci_high, s.unit, a.target, target_type, s.status, a.direction, a.england,
        a.region, a.neighbours_mean, a.quartile_band, a.rank, a.rank_of,
    ], formats  # fmt: skip


def _summary(w: SheetWriter, report: BoardReport) -> None:
    _headline(w, report)
    if report.plan.plan.vision:
        w.cells(["Vision", report.plan.plan.vision.statement])
        w.gap()
    _scorecards(w, "Scorecard by Every Child Matters outcome", "Outcome", report.outcome_cards)
    _scorecards(w, "Scorecard by key priority", "Priority", report.priority_cards)
    for heading, sections in (("Indicators", report.indicators), ("Equity gaps", report.equity)):
        if not sections:
            continue
        w.title(heading, HEADING)
        made = [_summary_row(s) for s in sections]
        w.table(INDICATOR_HEADER, [r for r, _ in made], [f for _, f in made])


def _priority(w: SheetWriter, section: PrioritySection, report: BoardReport) -> None:
    w.title(section.priority.title)
    if report.illustrative:
        w.para(ILLUSTRATIVE, font=WARNING, fill=WARNING_FILL)
    card = section.scorecard
    w.cells(["Scorecard", *(f"{p}: {card.counts.get(p, 0)}" for p in PILES)])
    w.gap()
    for part in section.narrative:
        if isinstance(part, Bullets):
            lines = ([part.intro] if part.intro else []) + [f"• {b}" for b in part.bullets]
            w.para("\n".join(lines))
        else:
            w.para(part)
    w.gap()
    if section.measures:
        w.title("How we will know we are improving", HEADING)
        w.table(
            ["Measure", "Group", "Indicators"],
            [[m.text, (m.group or "").upper(), ", ".join(m.keys)] for m in section.measures],
        )
    for s in section.indicators:
        _indicator(w, s)
    w.title("Actions", HEADING)
    if not section.actions:
        w.cells(["The plan lists no actions for this priority."])
    rows = [
        [
            a.text,
            a.owner,
            a.status,
            a.note,
            "\n".join(f"{day(due)}: {text}{' (done)' if done else ''}"
                      for due, text, done in a.milestones),
        ]
        for a in section.actions
    ]  # fmt: skip
    if rows:
        w.table(["Action", "Owner", "Status", "Update", "Milestones"], rows)


SERIES_HEADER: Final = (
    "Period", "Value", "CI lower", "CI upper", "Target", "Target type", "England", "Region",
    "Neighbours",
)  # fmt: skip


def _indicator(w: SheetWriter, s: IndicatorSection) -> None:
    """One indicator's block: judgement, series table and commentary."""
    w.title(f"{s.label}: {s.title}", HEADING)
    f = number_format(s.unit)
    if not s.established:
        w.cells(["Status", s.status])
        w.para(f"The plan says: {s.indicator.plan_says or 'no more than that it is to be set.'}")
        w.gap()
        return
    a = s.assessment
    w.cells(["Status", s.status])
    if a is not None:
        if a.status_reason:
            w.cells(["Why", a.status_reason])
        w.cells(["Direction", a.direction, "since the first period", a.direction_since_first])
        w.cells(["Benchmark band", a.quartile_band or "none (too few councils with a figure)"])
        if a.rank is not None:
            w.cells(["Rank", a.rank, "of", a.rank_of])
        if a.forecast is not None:
            w.cells(["Forecast", a.forecast, "likely to meet target", a.likely_to_meet_target],
                    [None, f])  # fmt: skip
    if s.baseline:
        w.cells(["Baseline", s.baseline[1], s.baseline[0]], [None, f])
    if s.final_target:
        w.cells(["Final target", s.final_target[1], s.final_target[0]], [None, f])
    w.cells(
        ["Unit", s.unit, "better when", {"high": "higher", "low": "lower"}.get(s.polarity, "n/a")]
    )
    rows = [
        [
            p.period, SUPPRESSED if p.suppressed else p.value, p.ci_low, p.ci_high, p.target,
            None if p.target is None else "trajectory" if p.target_is_trajectory else "target",
            p.england, p.region, p.neighbours,
        ]
        for p in s.series
    ]  # fmt: skip
    if rows:
        w.gap()
        w.table(SERIES_HEADER, rows, [[None, f, f, f, f, None, f, f, f]] * len(rows))
    else:
        w.cells(["No figures yet."])
        w.gap()
    w.cells(["Commentary"], font=BOLD)
    c = s.commentary
    if c is None:
        w.para(NO_COMMENTARY)
    else:
        for label, text in (
            ("Story behind the curve", c.story),
            ("Partners with a role to play", c.partners),
            ("What works", c.what_works),
            ("Action plan", c.action_plan),
        ):
            if text:
                w.cells([label], font=BOLD)
                w.para(text)
        by = " ".join(
            part
            for part in (
                f"by {c.author}" if c.author else "",
                f"approved {day(c.approved_on)}" if c.approved_on else "",
            )
            if part
        )
        if by:
            w.cells([f"Commentary {by}."])
    w.gap()


def _data(ws: Worksheet, report: BoardReport) -> None:
    """The tidy rows as an Excel table with a frozen header."""
    rows = tidy_rows(report)
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = BOLD
    widths = [len(c) + 2 for c in COLUMNS]
    for r, row in enumerate(rows, start=2):
        unit_format = number_format(str(row["unit"]))
        for i, column in enumerate(COLUMNS):
            value = cell_value(row[column])
            cell = ws.cell(row=r, column=i + 1, value=value)
            if isinstance(value, int | float) and column in NUMBER_COLUMNS:
                whole = column in ("numerator", "denominator") and float(value).is_integer()
                cell.number_format = "#,##0" if whole else unit_format
            widths[i] = max(widths[i], min(60, len(str(value)) + 2))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if rows:
        ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
        table = Table(displayName="OpenData", ref=ref)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
        ws.add_table(table)


def _notes(w: SheetWriter, report: BoardReport) -> None:
    w.title("Notes")
    if report.illustrative:
        w.para(ILLUSTRATIVE, font=WARNING, fill=WARNING_FILL)
    w.title("Symbols", HEADING)
    w.table(["Symbol", "Meaning"], [[k, v] for k, v in SYMBOLS.items()])
    w.title("Disclosure control", HEADING)
    w.para(
        "A figure whose numerator or denominator is a count from 1 to "
        f"{report.suppression_threshold} is withheld and shown as c (0 stays 0). Within a "
        "breakdown, a group withheld alone takes its smallest sibling with it, so that no "
        "withheld group can be worked out from the total, and a gap computed from a withheld "
        "group is withheld too. Nothing about an individual child is in this workbook."
    )
    w.title("Judgements", HEADING)
    w.para(
        "Status compares the latest value with the plan's target for its period, or with the "
        "trajectory between the baseline and the targets: met (a target) or on track (a "
        "trajectory point) when as good or better; not significantly different from target "
        "when the 95% interval contains the aim; on track when worse by no more than "
        f"{report.tolerance_percent:g}% of the aim; off track otherwise. Direction of "
        "travel counts a change only when it exceeds 1.96 standard errors of the difference. "
        "Band A is the best quarter of councils with a figure, D the worst."
    )
    w.title("Periods in the Data sheet", HEADING)
    w.table(
        ["Kind of period", "time_identifier", "Example"],
        [
            [kind.value, ident, {"academic year": "2010/11 → 201011",
                                 "financial year": "2010-11 → 201011",
                                 "calendar year": "2010 → 2010",
                                 "snapshot date": "2011-03-31 → 2011"}[kind.value]]
            for kind, ident in TIME_IDENTIFIERS.items()
        ],
    )  # fmt: skip
    w.title("Sources", HEADING)
    for source in report.sources or ("No sources recorded.",):
        w.cells([source])
    w.cells([f"Published statistics are used under the {LICENCE}."])
    w.gap()
    w.title("Indicator definitions", HEADING)
    rows = []
    for s in report.indicators:
        ind = s.indicator
        lineage = ""
        if s.lineage is not None:
            ran = (
                f", run {day(s.lineage.run_started)} {s.lineage.run_started:%H:%M}"
                if s.lineage.run_started
                else ""
            )
            batches = "; ".join(f"{r} {p} ({h})" for r, p, h in s.lineage.batches)
            lineage = f"{s.lineage.definition} version {s.lineage.definition_version}{ran}"
            lineage += f". Batches: {batches}" if batches else ""
        definition = ind.definition_text or ""
        if not s.established:
            definition = f"Not yet established. The plan says: {ind.plan_says or ''}".strip()
        rows.append(
            [ind.display, ind.title, ind.unit.value, ind.polarity.value, ind.period_type.value,
             ind.source.value, ind.method.value.replace("_", " "), definition,
             ind.source_measure, lineage]
        )  # fmt: skip
    w.table(
        ["Indicator", "Title", "Unit", "Polarity", "Period type", "Source", "Method",
         "Definition", "Published measure", "Lineage"],
        rows,
    )  # fmt: skip
