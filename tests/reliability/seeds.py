"""The real files hostile cases are made from, one ``Target`` per reader and file form.

Seeds are the repository's own small fixtures (and the first lines of the vendored published
files), so every mutation starts from a file a council or the DfE really writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PUBLISHED_FIXTURES = ROOT / "tests" / "published" / "fixtures"
PUBLISHED_DATA = ROOT / "src" / "cypp" / "data" / "published"

Form = Literal["csv", "xml", "parquet"]


@dataclass(frozen=True)
class Seed:
    """A real file: the name it is given (published files are recognised by it) and bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class Target:
    """One reader fed one form of file."""

    name: str  # e.g. "ssda903-xml"
    reader: str  # a key of cypp.returns.registry.readers()
    form: Form
    seeds: tuple[Seed, ...]


def _files(folder: Path, pattern: str) -> tuple[Seed, ...]:
    return tuple(Seed(p.name, p.read_bytes()) for p in sorted(folder.glob(pattern)))


def _head(path: Path, lines: int, name: str | None = None) -> Seed:
    """The header and the first ``lines`` records of a large published file."""
    with path.open("rb") as handle:
        data = b"".join(handle.readline() for _ in range(lines + 1))
    return Seed(name or path.name, data)


@cache
def targets() -> dict[str, Target]:
    """Every reader of ``cypp.returns.registry.readers()`` with the forms it accepts."""
    returns = FIXTURES / "returns"
    found = [
        Target("ssda903-csv", "ssda903", "csv", _files(returns / "ssda903" / "pair", "*.csv")),
        Target(
            "ssda903-xml",
            "ssda903",
            "xml",
            _files(returns / "ssda903" / "pair" / "xml", "*.xml")
            + _files(returns / "ssda903" / "xml", "pretty.xml"),
        ),
    ]
    for name in ("census", "attainment", "nccis", "survey"):
        found.append(Target(name, name, "csv", _files(returns / name / "valid", "*.csv")))
    published = (
        _files(PUBLISHED_FIXTURES, "*.csv")
        + _files(FIXTURES / "published", "*.csv")
        + (
            _head(PUBLISHED_DATA / "dfe-lait" / "lait_bds_extract_long.csv", 30, "lait.csv"),
            _head(PUBLISHED_DATA / "dfe-csc-outcomes" / "la_cla_placement_stability.csv", 30),
            _head(
                PUBLISHED_DATA
                / "dfe-csc-outcomes"
                / "ons_mid-year_population_estimates_2012_to_2024.csv",
                30,
            ),
            _head(
                PUBLISHED_DATA / "dfe-nccis" / "UD_NEETNK_LA_dashboard_2023_final.csv",
                20,
                "nccis_2023.csv",
            ),
        )
    )
    found.append(Target("published-csv", "published", "csv", published))
    found.append(
        Target(
            "published-parquet",
            "published",
            "parquet",
            _files(PUBLISHED_FIXTURES, "*.parquet"),
        )
    )
    return {t.name: t for t in found}
