"""A plan read from its folder but not yet validated: every item with where it came from.

Items are validated one by one so that a bad indicator does not hide the problems of the
others; the rules in ``cypp.plan.rules`` then run over whatever parsed and report with lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from cypp.plan.model import (
    Header,
    Indicator,
    IndicatorTargets,
    Outcome,
    Partner,
    Priority,
    Programme,
)
from cypp.plan.yaml_source import SourceMap
from cypp.problems import Problem

T = TypeVar("T")


@dataclass(frozen=True)
class Placed(Generic[T]):
    """A parsed item together with its file and its path inside that file."""

    item: T
    source: SourceMap
    path: tuple[str | int, ...]

    def problem(
        self,
        sub: Sequence[str | int],
        rule: str,
        found: str,
        expected: str,
        fix: str,
    ) -> Problem:
        """A problem located at ``sub`` (a path below this item)."""
        return Problem(
            file=self.source.file,
            line=self.source.line_of((*self.path, *sub)),
            rule=rule,
            found=found,
            expected=expected,
            fix=fix,
        )


@dataclass
class Draft:
    """Every section item that parsed, plus the raw ids of those that did not."""

    header: Placed[Header] | None = None
    outcomes: list[Placed[Outcome]] = field(default_factory=list)
    priorities: list[Placed[Priority]] = field(default_factory=list)
    programmes: list[Placed[Programme]] = field(default_factory=list)
    partners: list[Placed[Partner]] = field(default_factory=list)
    indicators: list[Placed[Indicator]] = field(default_factory=list)
    targets: list[Placed[IndicatorTargets]] = field(default_factory=list)
    # ids and codes seen in the raw files, including items that failed to parse, so that a
    # reference to a malformed item is not also reported as dangling
    raw_ids: dict[str, set[str]] = field(default_factory=dict)

    def section(self, name: str) -> list[Placed[Any]]:
        if name == "plan":
            return [self.header] if self.header else []
        value: list[Placed[Any]] = getattr(self, name)
        return value
