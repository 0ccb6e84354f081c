"""Errors of the published-statistics importers, and the problems they carry."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cypp.errors import CyppError, ReturnError
from cypp.problems import Problem

MAX_PROBLEMS = 50  # a wholly wrong file would otherwise list every cell


class PublishedFileError(ReturnError):
    """A published statistics file cannot be imported as it is: nothing was imported."""


class UnknownAreaError(CyppError):
    """An area code, LA number or name that cypp does not know."""


class NeighbourError(CyppError):
    """A statistical neighbour model, or an area's row in it, is missing or malformed."""


class ProblemList:
    """Problems found while reading one file; raised together at the end."""

    def __init__(self, file: Path | str) -> None:
        self.file = str(file)
        self.problems: list[Problem] = []
        self.dropped = 0

    def wrong_width(self, line: int, fields: list[str], header: list[str]) -> bool:
        """Record a row whose number of fields differs from the header's; True if it did."""
        if len(fields) == len(header):
            return False
        self.add(
            line=line,
            rule="published.row.width",
            found=f"{len(fields)} fields",
            expected=f"{len(header)} fields, as in the header",
            fix="check the quoting of this row",
        )
        return True

    def add(
        self,
        *,
        line: int | None,
        rule: str,
        found: str,
        expected: str,
        fix: str,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.problems.append(
            Problem(
                file=self.file,
                line=line,
                rule=rule,
                found=found,
                expected=expected,
                fix=fix,
                column=column,
                value=value,
            )
        )

    def missing_columns(self, header: Iterable[str], required: Iterable[str]) -> bool:
        """Add a problem per required column absent from ``header``; True if any was."""
        present = set(header)
        missing = [c for c in required if c not in present]
        for column in missing:
            self.add(
                line=1,
                rule="published.column.missing",
                found=f"no column {column!r} in the header",
                expected=f"a column named {column!r}",
                fix="check that this is the file the importer was given, as published",
                column=column,
            )
        return bool(missing)

    def bad_cell(self, line: int | None, column: str, value: str, rule: str) -> None:
        self.add(
            line=line,
            rule=rule,
            found=f"{value!r} is neither a number nor a known symbol",
            expected="a number, or one of the published symbols (c, x, z, k, low, -, ...)",
            fix="correct the cell, or add the symbol to cypp.published.symbols.SYMBOLS",
            column=column,
            value=value,
        )

    def raise_if_any(self, what: str) -> None:
        if not self.problems:
            return
        problems = list(self.problems)
        if self.dropped:
            problems.append(
                Problem(
                    file=self.file,
                    line=None,
                    rule="published.problems.more",
                    found=f"{self.dropped} further problems not listed",
                    expected="no problems",
                    fix="fix the problems above and import again",
                )
            )
        total = len(self.problems) + self.dropped
        raise PublishedFileError(
            f"{self.file}: cannot import {what}: {total} problem(s); nothing was imported",
            problems,
        )
