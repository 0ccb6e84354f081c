"""What the rules may know beyond the plan files themselves."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass


@dataclass(frozen=True)
class RuleContext:
    """``known_definitions``: names of computed definitions the engine provides (None: unchecked)."""

    known_definitions: Collection[str] | None = None
