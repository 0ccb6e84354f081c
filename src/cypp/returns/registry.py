"""Every return ``cypp load`` accepts, by the name the command uses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from cypp.returns.result import ReturnRead

Reader = Callable[[Sequence[Path | str]], ReturnRead]


def readers() -> dict[str, Reader]:
    """Return name → reader; imported lazily so the CLI starts fast."""
    from cypp.published.reader import read_published
    from cypp.returns.attainment import read_attainment
    from cypp.returns.census import read_census
    from cypp.returns.nccis import read_nccis
    from cypp.returns.ssda903 import read_ssda903
    from cypp.returns.survey import read_survey

    return {
        "ssda903": read_ssda903,
        "census": read_census,
        "attainment": read_attainment,
        "nccis": read_nccis,
        "survey": read_survey,
        "published": read_published,
    }


def with_period_checks(read: ReturnRead, period: str) -> ReturnRead:
    """Add the findings that depend on the collection period (the DfE SSDA903 rules)."""
    if read.return_name != "ssda903":
        return read
    from dataclasses import replace

    from cypp.periods import parse_period
    from cypp.returns.ssda903.rules import check_ssda903

    year_end = parse_period(period).end
    return replace(
        read, findings=(*read.findings, *check_ssda903(read.tables, collection_year_end=year_end))
    )
