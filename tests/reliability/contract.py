"""The contract every reader keeps on any file: read it, or refuse it plainly, and soon.

- **Never a crash**: the only exception a reader may raise is a ``cypp.errors.CyppError``
  carrying problems, and every problem names one of the files (or folders) it was given.
- **Never a hang**: a read that takes longer than ``HARD_LIMIT`` seconds is stopped and
  fails the test (hypothesis's ``deadline`` catches slow reads well before that).
"""

from __future__ import annotations

import signal
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import FrameType

import pyarrow as pa

from cypp.errors import CyppError
from cypp.returns.registry import readers
from cypp.returns.result import ReturnRead
from tests.reliability.seeds import Seed, Target
from tests.reliability.strategies import Case

#: Seconds after which an in-process read counts as a hang.
HARD_LIMIT = 30.0


class Hang(BaseException):
    """A read ran past ``HARD_LIMIT`` (a BaseException, which a reader's ``except
    Exception`` cannot swallow)."""


@dataclass(frozen=True)
class Outcome:
    """What a reader did with a case: the tables it read, or the error it refused it with."""

    read: ReturnRead | None
    error: CyppError | None


@cache
def reader(name: str) -> Callable[[Sequence[Path | str]], ReturnRead]:
    """A reader of ``cypp.returns.registry.readers()`` by name."""
    return readers()[name]


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``Hang`` in this (main) thread after ``seconds``."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"the read took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check_contract(reader_name: str, paths: Sequence[Path]) -> Outcome:
    """Run the reader on ``paths`` and assert the contract; return what it did."""
    read_fn = reader(reader_name)
    try:
        with time_limit(HARD_LIMIT):
            read = read_fn(list(paths))
    except CyppError as err:
        assert_names_files(err, paths)
        return Outcome(None, err)
    assert isinstance(read, ReturnRead)
    return Outcome(read, None)


def assert_names_files(err: CyppError, paths: Sequence[Path]) -> None:
    """``err`` carries problems, and each names one of ``paths`` (by name or full path)."""
    problems = getattr(err, "problems", ())
    assert problems, f"{type(err).__name__} without problems: {err}"
    names = {p.name for p in paths}
    for problem in problems:
        assert any(name in problem.file for name in names), (
            f"problem names no given file: {problem} (given {sorted(names)})"
        )
    assert str(err).strip()


def write_files(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write ``(name, bytes)`` files into ``folder`` (names made unique) and return paths."""
    paths: list[Path] = []
    for i, (name, data) in enumerate(files):
        path = folder / (name if not any(p.name == name for p in paths) else f"{i}_{name}")
        path.write_bytes(data)
        paths.append(path)
    return paths


def run_case(reader_name: str, files: Sequence[tuple[str, bytes]]) -> Outcome:
    """Write the files to a fresh folder, read them, check the contract."""
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        return check_contract(reader_name, write_files(Path(tmp), files))


def _data(read: ReturnRead) -> dict[str, pa.Table]:
    """The tables without ``_line`` (which moves when line breaks change)."""
    return {
        name: table.drop_columns(["_line"]) if "_line" in table.column_names else table
        for name, table in read.tables.items()
    }


@cache
def _seed_data(reader_name: str, seed: Seed) -> dict[str, pa.Table]:
    outcome = run_case(reader_name, [(seed.name, seed.data)])
    assert outcome.read is not None, f"seed {seed.name} does not read: {outcome.error}"
    return _data(outcome.read)


def check_case(target: Target, case: Case) -> Outcome:
    """Run ``case`` through the target's reader and check the contract and its expectations."""
    outcome = run_case(target.reader, case.files)
    if case.same_as is not None:
        assert outcome.read is not None, f"mixed line endings refused: {outcome.error}"
        expected = _seed_data(target.reader, case.same_as)
        assert _data(outcome.read).keys() == expected.keys()
        for name, table in _data(outcome.read).items():
            assert table.equals(expected[name]), f"{name} differs after mixing line endings"
    if case.formula is not None:
        _check_formula(outcome, *case.formula)
    if case.refused_with is not None:
        assert outcome.error is not None, f"not refused: {case.files[0][0]}"
        rules = {p.rule for p in getattr(outcome.error, "problems", ())}
        assert rules == {case.refused_with}, rules
    if outcome.read is not None:  # no external file's content may have been read in
        for table in outcome.read.tables.values():
            assert "root:" not in str(table.to_pylist())
    return outcome


def _check_formula(outcome: Outcome, column: str, values: tuple[str, ...]) -> None:
    """Formula strings are data: a text column holds them exactly; only a typed column
    (a date, a number) may refuse them, and then only as that column's format problem."""
    if outcome.error is not None:
        problems = getattr(outcome.error, "problems", ())
        assert all(
            (p.column or "").casefold() == column.casefold() and p.rule.endswith("-format")
            for p in problems
        ), f"a formula string in {column} was refused: {outcome.error}"
        return
    assert outcome.read is not None
    held = [
        table.column(name)
        for table in outcome.read.tables.values()
        for name in table.column_names
        if name.casefold() == column.casefold()
    ]
    text = [c for c in held if pa.types.is_string(c.type) and len(c) > 0]
    for values_read in (c.to_pylist() for c in text):
        present = [v for v in values_read if v is not None]
        assert present, f"{column} is empty after loading formula strings"
        if len(values) > 1 and column != "area_name":
            # one string per CSV row: each row kept its own
            assert present == list(values), f"{column}: {present[:3]} != {list(values[:3])}"
        else:  # XML: one string in every element; published: one per row and indicator
            assert set(present) == set(values), f"{column}: {present[:3]} != {values[:3]}"
    if column == "area_name":  # published: the names must have arrived as text
        assert text, "no area_name column"
