"""One hierarchy of errors, each carrying a message a user can act on.

Every error cypp raises on purpose is a ``CyppError``; the CLI prints its message (never a
traceback) and exits with status 1. Errors that stand for many problems found at once
(a plan or a return that fails validation) carry them as ``Problem`` records so that every
problem is reported together.
"""

from __future__ import annotations

from collections.abc import Sequence

from cypp.problems import Problem


class CyppError(Exception):
    """Base of every error cypp raises deliberately; ``str()`` is the user-facing message."""


class SettingsError(CyppError):
    """A setting has a value of the wrong type or shape, or cypp.toml is malformed."""


class ProblemsError(CyppError):
    """Validation found problems; all of them travel together."""

    def __init__(self, summary: str, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = [summary, *(f"  {p}" for p in self.problems)]
        super().__init__("\n".join(lines))


class PlanError(ProblemsError):
    """A plan folder is unreadable or invalid."""


class ReturnError(ProblemsError):
    """A return (a record-level submission) has blocking problems: nothing was stored."""


class WarehouseError(CyppError):
    """The warehouse cannot be opened, or a load cannot be carried out."""


class EngineError(CyppError):
    """An indicator could not be computed (missing table, unknown definition, bad parameter)."""
