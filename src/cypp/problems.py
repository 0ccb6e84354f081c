"""A single validation problem: where it is, what was found, the rule, and how to fix it.

Plan validation and return validation share this record so that the CLI prints, and
exports as CSV, every problem the same way: ``file:line: found; expected; fix``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Level(StrEnum):
    """How serious a problem is."""

    BLOCKING = "blocking"  # nothing is stored
    FINDING = "finding"  # stored with the batch as a data-quality finding


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, located precisely enough to be fixed without guessing."""

    file: str
    line: int | None
    rule: str
    found: str
    expected: str
    fix: str
    column: str | None = None
    value: str | None = None
    level: Level = Level.BLOCKING

    @property
    def location(self) -> str:
        """``file:line`` (or just ``file`` when the problem is not on one line)."""
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def __str__(self) -> str:
        column = f" [{self.column}]" if self.column else ""
        return (
            f"{self.location}:{column} {self.found}; expected {self.expected}; "
            f"fix: {self.fix} ({self.rule})"
        )

    def as_row(self) -> dict[str, Any]:
        """A flat mapping for tables and CSV export."""
        row = asdict(self)
        row["level"] = str(self.level)
        return row
