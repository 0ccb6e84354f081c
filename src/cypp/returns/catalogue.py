"""Every return cypp reads, so a file given to the wrong reader can be named for what it is."""

from __future__ import annotations

from collections.abc import Sequence

from cypp.returns.reader import ReturnKind
from cypp.returns.spec import TableSpec


def returns() -> tuple[ReturnKind, ...]:
    """All return kinds, in the order they are documented."""
    from cypp.returns.attainment import ATTAINMENT
    from cypp.returns.census import SCHOOL_CENSUS
    from cypp.returns.nccis import NCCIS
    from cypp.returns.ssda903 import SSDA903
    from cypp.returns.survey import PUPIL_SURVEY

    return (SSDA903, SCHOOL_CENSUS, ATTAINMENT, NCCIS, PUPIL_SURVEY)


def other_returns(name: str) -> dict[str, Sequence[TableSpec]]:
    """Table specs of every return except ``name``, by return title."""
    return {kind.title: kind.specs for kind in returns() if kind.name != name}
