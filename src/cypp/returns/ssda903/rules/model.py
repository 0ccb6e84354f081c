"""What an SSDA903 rule is, and how a rule's failing rows become findings.

A rule module writes a *finder*: given the canonical tables and the collection year, it returns
the positions of the failing rows in one table (:class:`Hits`). The :func:`rule` decorator wraps
it into a :class:`Rule` whose ``check`` has the public signature
``(tables, *, collection_year_end) -> list[Problem]`` and registers it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from cypp.problems import Level, Problem
from cypp.returns.ssda903.rules.info import RuleInfo, rule_info

Tables = Mapping[str, pa.Table]


class Check(Protocol):
    """The public signature of every rule's check."""

    def __call__(self, tables: Tables, *, collection_year_end: dt.date) -> list[Problem]: ...


@dataclass(frozen=True, slots=True)
class CollectionYear:
    """The collection year: 1 April to 31 March, given by its last day."""

    end: dt.date

    @property
    def start(self) -> dt.date:
        """The first day: the day after the same date one year before the end."""
        try:
            year_before = self.end.replace(year=self.end.year - 1)
        except ValueError:  # 29 February
            year_before = self.end.replace(year=self.end.year - 1, day=28)
        return year_before + dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Hits:
    """Failing rows of one table: positions, and optionally a note per row (context)."""

    rows: Sequence[int]
    notes: Sequence[str] | None = None


Finder = Callable[[Tables, CollectionYear], Hits]


@dataclass(frozen=True, slots=True)
class Rule:
    """One DfE SSDA903 rule: code, where its findings point, and its check."""

    code: str
    table: str  # the table whose rows the findings point at
    column: str  # the main affected column, whose value each finding quotes
    needs: tuple[str, ...]  # tables the rule reads; absent ones mean the rule is skipped
    expected: str
    fix: str
    show: tuple[str, ...]  # further columns of ``table`` quoted in each finding
    finder: Finder = field(repr=False)

    @property
    def info(self) -> RuleInfo:
        """The DfE's entry for this rule (message, affected fields and tables)."""
        return rule_info(self.code)

    @property
    def message(self) -> str:
        """The DfE's message for this rule."""
        return self.info.message

    @property
    def affected_fields(self) -> tuple[str, ...]:
        """The columns the DfE lists for this rule."""
        return self.info.affected_fields

    @property
    def affected_tables(self) -> tuple[str, ...]:
        """The tables the DfE lists for this rule."""
        return self.info.tables

    @property
    def rule_id(self) -> str:
        """The code as written in findings: ``903-<code>``."""
        return f"903-{self.code}"

    def check(self, tables: Tables, *, collection_year_end: dt.date) -> list[Problem]:
        """Findings for this rule; none when a table it reads is absent."""
        if any(name not in tables for name in self.needs):
            return []
        hits = self.finder(tables, CollectionYear(collection_year_end))
        return _findings(self, tables[self.table], hits)


def ordered_hits(ordered: pa.Table, mask: Any, label: str = "", values: Any = None) -> Hits:
    """Hits from a table sorted by ``arrays.in_order``: the rows' original positions (in file
    order) where ``mask`` holds, each noted ``"<label> <value>"`` when ``values`` are given."""
    keep = pc.cast(pc.fill_null(mask, False), pa.bool_())
    rows = [int(i) for i in ordered["_row"].filter(keep).to_pylist()]
    if values is None:
        return Hits(sorted(rows))
    notes = [f"{label} {quote(v)}" for v in pc.filter(values, keep).to_pylist()]
    paired = sorted(zip(rows, notes, strict=True))
    return Hits([row for row, _ in paired], [note for _, note in paired])


REGISTERED: list[Rule] = []


def rule(
    code: str,
    *,
    table: str,
    column: str,
    expected: str,
    fix: str,
    needs: Sequence[str] = (),
    show: Sequence[str] = (),
) -> Callable[[Finder], Finder]:
    """Register ``finder`` as DfE rule ``code`` (its message comes from the DfE list)."""
    rule_info(code)  # fail at import if the code is not a DfE rule

    def register(finder: Finder) -> Finder:
        REGISTERED.append(
            Rule(
                code=code,
                table=table,
                column=column,
                needs=tuple(dict.fromkeys((table, *needs))),
                expected=expected,
                fix=fix,
                show=tuple(show),
                finder=finder,
            )
        )
        return finder

    return register


def _findings(rule: Rule, table: pa.Table, hits: Hits) -> list[Problem]:
    """One FINDING per failing row, quoting the row's values."""
    if not hits.rows:
        return []
    rows = table.take(pa.array(hits.rows, pa.int64()))
    files = rows["_file"].to_pylist()
    lines = rows["_line"].to_pylist()
    values = rows[rule.column].to_pylist()
    shown = [(name, rows[name].to_pylist()) for name in rule.show if name != rule.column]
    message = rule.message.rstrip(". ")
    problems = []
    for i, value in enumerate(values):
        quoted = [f"{rule.column} {quote(value)}"]
        quoted += [f"{name} {quote(column[i])}" for name, column in shown]
        if hits.notes is not None and hits.notes[i]:
            quoted.append(hits.notes[i])
        problems.append(
            Problem(
                file=str(files[i]),
                line=None if lines[i] is None else int(lines[i]),
                rule=rule.rule_id,
                found=f"{message} ({'; '.join(quoted)})",
                expected=rule.expected,
                fix=rule.fix,
                column=rule.column,
                value=_text(value),
                level=Level.FINDING,
            )
        )
    return problems


def _text(value: Any) -> str | None:
    """A cell as text: dates ISO, missing as None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def quote(value: Any) -> str:
    """A cell as it reads in a sentence: ``blank``, a date, or a quoted code."""
    if value is None:
        return "blank"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value)
    return str(value)
