"""Helpers for the return reader tests: fixture paths and compact views of problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pytest

from cypp.errors import ReturnError
from cypp.problems import Problem
from cypp.returns.result import ReturnRead
from cypp.returns.ssda903 import fake_data_dir

RETURNS = Path(__file__).resolve().parent.parent / "fixtures" / "returns"
FAKE_903 = fake_data_dir()

Where = tuple[str, int | None, str | None, str | None, str]


def where(problems: Iterable[Problem]) -> list[Where]:
    """(file, line, column, value, rule) of each problem, in order."""
    return [(p.file, p.line, p.column, p.value, p.rule) for p in problems]


def blocking(read: Callable[[Sequence[Path | str]], ReturnRead], *paths: Path) -> list[Problem]:
    """The blocking problems reading ``paths`` raises (failing if it reads cleanly)."""
    with pytest.raises(ReturnError) as caught:
        read(list(paths))
    return list(caught.value.problems)
