"""What a computed definition is, and the registry the plan's ``definition:`` names refer to.

A definition is a function from named parameters to a unit-level frame (see the package
docstring). Its docstring states cohort, numerator, denominator, reference date and
exclusions; ``docs/indicators.md`` is generated from these docstrings. Rules the public
record leaves open are ``Parameter``s with documented defaults, never hidden constants.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from cypp.errors import EngineError

BREAKDOWNS = ("gender", "ethnicity", "fsm", "sen", "cla", "school", "district")


class Kind(StrEnum):
    PROPORTION = "proportion"  # num 0/1 over den 1: a percentage
    MEAN = "mean"  # num a score over den 1: a mean score
    RATE = "rate"  # num a count over den a population: per 1,000


@dataclass(frozen=True)
class Parameter:
    """A rule the public record leaves open, with the value used unless the plan says otherwise."""

    name: str
    default: Any
    help: str


@dataclass(frozen=True)
class Gap:
    """An equity gap of a definition: the value of one group minus another's."""

    breakdown: str
    minuend: str  # e.g. "non-FSM"
    subtrahend: str  # e.g. "FSM"


@dataclass(frozen=True)
class Definition:
    name: str
    kind: Kind
    build: Callable[..., Any]  # (**parameters) -> Ibis table (the unit-level frame)
    parameters: tuple[Parameter, ...] = ()
    breakdowns: tuple[str, ...] = ()
    gap: Gap | None = None  # set for definitions that ARE a gap (NI 102, NI 105)
    version: int = 1  # bump when the meaning changes without the SQL changing

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.build.__doc__ or "")

    def resolve(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Parameter values: defaults, with overrides checked by name."""
        values = {p.name: p.default for p in self.parameters}
        for key, value in (overrides or {}).items():
            if key not in values:
                raise EngineError(
                    f"definition {self.name!r} has no parameter {key!r}; its parameters are "
                    f"{', '.join(values) or 'none'}"
                )
            values[key] = value
        return values

    def frame(self, overrides: Mapping[str, Any] | None = None) -> Any:
        return self.build(**self.resolve(overrides))


@dataclass
class Registry:
    definitions: dict[str, Definition] = field(default_factory=dict)

    def add(self, definition: Definition) -> Definition:
        if definition.name in self.definitions:
            raise EngineError(f"definition {definition.name!r} is registered twice")
        self.definitions[definition.name] = definition
        return definition

    def get(self, name: str) -> Definition:
        try:
            return self.definitions[name]
        except KeyError:
            raise EngineError(
                f"no computed definition {name!r}; known: {', '.join(sorted(self.definitions))}"
            ) from None


REGISTRY = Registry()


def definition(
    name: str,
    kind: Kind,
    *,
    parameters: tuple[Parameter, ...] = (),
    breakdowns: tuple[str, ...] = (),
    gap: Gap | None = None,
    version: int = 1,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a unit-level frame builder under ``name`` (the plan's ``definition:``)."""

    def register(build: Callable[..., Any]) -> Callable[..., Any]:
        if not (build.__doc__ or "").strip():
            raise EngineError(f"definition {name!r} needs a docstring stating its cohort and rules")
        unknown = set(breakdowns) - set(BREAKDOWNS)
        if unknown:
            raise EngineError(f"definition {name!r}: unknown breakdowns {sorted(unknown)}")
        REGISTRY.add(Definition(name, kind, build, parameters, breakdowns, gap, version))
        return build

    return register


def all_definitions() -> dict[str, Definition]:
    """Every registered definition (importing the modules that register them)."""
    from cypp.indicators import catalogue  # noqa: F401  (registers on import)

    return dict(REGISTRY.definitions)
