"""Problems as a table on the terminal, and as CSV for the analyst's spreadsheet."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from cypp.cli.console import console
from cypp.exports import formula_safe
from cypp.problems import Problem

CSV_COLUMNS = ("level", "file", "line", "column", "value", "rule", "found", "expected", "fix")


def write_problems_csv(problems: Sequence[Problem], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for p in problems:
            row = p.as_row()
            # Values come from the user's files: a formula must stay text in a spreadsheet.
            writer.writerow({k: formula_safe(v) for k, v in row.items()})


def show_problems(problems: Sequence[Problem], *, title: str, limit: int = 30) -> None:
    """A table of the first ``limit`` problems and a count of all of them by rule."""
    table = Table(title=title, show_lines=False, expand=False)
    for name in ("where", "column", "value", "rule", "problem", "fix"):
        table.add_column(name, overflow="fold")
    for p in problems[:limit]:
        # cells hold text from the user's files: never let it be read as rich markup
        cells = (
            p.location,
            p.column or "",
            p.value or "",
            p.rule,
            f"{p.found}; expected {p.expected}",
            p.fix,
        )
        table.add_row(*(escape(c) for c in cells))
    console.print(table)
    if len(problems) > limit:
        counts = Counter(p.rule for p in problems)
        summary = ", ".join(f"{rule} ×{n}" for rule, n in counts.most_common())
        console.print(
            f"… and {len(problems) - limit} more ({summary}); write them all with --problems-csv FILE"
        )
