"""Splitting CSV text into a header and records, keeping each record's physical line.

The stdlib ``csv`` module does the quoting; we add what error messages need: the line a
record starts on (a quoted value may span lines), header names cleaned of the spaces and
byte-order marks that exports leave, and blocking problems for a file whose rows do not fit
its header.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from cypp.problems import Problem


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One data row: the physical line it starts on and its values, in header order."""

    line: int
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CsvFile:
    """A parsed CSV: cleaned header names, the header's line, and the non-blank records."""

    name: str
    header: tuple[str, ...]
    header_line: int
    records: tuple[CsvRecord, ...]


def clean_header_name(name: str) -> str:
    """A header cell without surrounding spaces or a stray byte-order mark."""
    return name.strip().strip("\ufeff").strip()


def parse_csv(text: str, name: str) -> CsvFile | list[Problem]:
    """Parse ``text`` (the contents of file ``name``) or return its blocking problems."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: tuple[str, ...] | None = None
    header_line = 0
    records: list[CsvRecord] = []
    problems: list[Problem] = []
    previous = 0
    try:
        for row in reader:
            line = previous + 1
            previous = reader.line_num
            if not any(cell.strip() for cell in row):
                continue  # blank lines and rows of empty cells carry nothing
            if header is None:
                header = tuple(clean_header_name(cell) for cell in row)
                header_line = line
                continue
            problem = _width_problem(name, line, len(row), header, row)
            if problem is not None:
                problems.append(problem)
                continue
            records.append(CsvRecord(line, tuple(row[: len(header)])))
    except csv.Error as err:
        problems.append(
            Problem(
                file=name,
                line=previous + 1,
                rule="csv-syntax",
                found=f"the CSV cannot be split into values here ({err})",
                expected="comma-separated values, with any value containing a comma, quote "
                "or line break enclosed in double quotes",
                fix="check the quotes on this line (an opening quote needs a closing one, and "
                "a quote inside a quoted value is written twice)",
            )
        )
    if header is None:
        return [
            Problem(
                file=name,
                line=None,
                rule="empty-file",
                found="the file is empty: it has no header row",
                expected="a header row naming the columns, then one row per record",
                fix="export the table again, including the header row",
            )
        ]
    duplicate = _duplicate_columns(header)
    if duplicate:
        problems.insert(
            0,
            Problem(
                file=name,
                line=header_line,
                rule="duplicate-column",
                found=f"the header names {', '.join(duplicate)} more than once",
                expected="each column named once",
                fix="remove or rename the repeated column(s)",
                column=", ".join(duplicate),
            ),
        )
    if problems:
        return problems
    return CsvFile(name, header, header_line, tuple(records))


def _width_problem(
    name: str, line: int, width: int, header: tuple[str, ...], row: list[str]
) -> Problem | None:
    if width == len(header):
        return None
    if width > len(header) and not any(cell.strip() for cell in row[len(header) :]):
        return None  # trailing empty cells: spreadsheets add them
    return Problem(
        file=name,
        line=line,
        rule="row-width",
        found=f"this row has {width} values but the header has {len(header)} columns",
        expected=f"{len(header)} values on every row",
        fix="check for a missing or extra comma, or a value with a comma that is not in "
        "double quotes",
    )


def _duplicate_columns(header: tuple[str, ...]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for name in header:
        key = name.casefold()
        if key and key in seen and name not in repeated:
            repeated.append(name)
        seen.add(key)
    return repeated
