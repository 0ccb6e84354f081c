"""DfE statistical neighbours: each council's ten most similar councils, in order.

Two models: April 2021 and May 2025 (which takes in the 2023 reorganisations). Both come as
a CSV (CSC_outcomes_and_enablers) and as LAIT's workbook; all four layouts are read here.
The workbooks and the 2021 CSV list predecessor councils under "Old SNs:" after the current
ones; those rows are kept (a current council's row wins if a number appears twice). A council
whose row holds only ``-`` (not yet modelled, e.g. Westmorland and Furness in 2021) has no
neighbours in that model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from cypp.published import paths
from cypp.published.areas import AreaRegistry, default_areas
from cypp.published.csvfile import read_csv
from cypp.published.errors import NeighbourError, ProblemList

Model = Literal["2021", "2025"]
MODELS: dict[str, Path] = {"2021": paths.SN_2021, "2025": paths.SN_2025}
RANKS = 10
_NUMBER = re.compile(r"(\d{3})(?:\.0+)?")


class Neighbour(NamedTuple):
    """One statistical neighbour: rank 1 is the closest."""

    rank: int
    la_number: str
    ons_code: str | None
    name: str


@dataclass(frozen=True, slots=True)
class SnRow:
    """One council's row of a model: its neighbours' numbers and closeness labels."""

    la_number: str
    name: str
    neighbours: tuple[tuple[int, str, str], ...]  # (rank, la_number, closeness)
    predecessor: bool


def _cells_of(path: Path) -> list[tuple[int, list[str]]]:
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        rows = [
            (i, ["" if c is None else str(c).strip() for c in row])
            for i, row in enumerate(book.worksheets[0].iter_rows(values_only=True), start=1)
        ]
        book.close()
        return rows
    header, records = read_csv(path)
    return [(1, header), *((line, [f.strip() for f in fields]) for line, fields in records)]


def _columns(header: list[str]) -> tuple[int, int, list[int]] | None:
    """Index of the LA number, the LA name and SN1..SN10 in a header row, or None."""
    number = next((i for i, h in enumerate(header) if h in ("LA num", "old_la_code")), None)
    name = next((i for i, h in enumerate(header) if h in ("LA Name", "la_name")), None)
    ranks = []
    for rank in range(1, RANKS + 1):
        at = next((i for i, h in enumerate(header) if h in (f"SN{rank}", f"SN_{rank}")), None)
        if at is None:
            return None
        ranks.append(at)
    if number is None or name is None:
        return None
    return number, name, ranks


def read_neighbour_model(path: Path) -> dict[str, SnRow]:
    """Read a statistical neighbour file (either model, CSV or ``.xlsx``): LA number →
    row. Raises ``PublishedFileError`` for a missing header or a malformed neighbour cell."""
    path = Path(path)
    problems = ProblemList(path)
    cells = _cells_of(path)
    found = None
    body: list[tuple[int, list[str]]] = []
    for index, (_, row) in enumerate(cells):
        found = _columns(row)
        if found is not None:
            body = cells[index + 1 :]
            break
    if found is None:
        problems.missing_columns([], ("LA num", "LA Name", *(f"SN{r}" for r in range(1, 11))))
        problems.raise_if_any("statistical neighbours")
        raise AssertionError("unreachable")
    number_at, name_at, rank_at = found
    model: dict[str, SnRow] = {}
    predecessor = False
    for line, row in body:
        row = row + [""] * (max(rank_at) + 2 - len(row))
        if any(c.startswith("Old SNs") for c in row):
            predecessor = True
            continue
        number = _NUMBER.fullmatch(row[number_at])
        if number is None:
            continue  # blank separator rows
        cells_of_row = [row[i] for i in rank_at]
        if all(c in ("", "-") for c in cells_of_row):
            continue  # council not modelled
        neighbours = []
        for rank, (at, cell) in enumerate(zip(rank_at, cells_of_row, strict=True), start=1):
            match = _NUMBER.fullmatch(cell)
            if match is None:
                problems.add(
                    line=line,
                    rule="published.neighbours.cell",
                    found=f"neighbour {rank} is {cell!r}",
                    expected="a three-digit LA number",
                    fix="correct the cell, or blank the whole row with '-'",
                    column=f"SN{rank}",
                    value=cell,
                )
                continue
            neighbours.append((rank, match.group(1), row[at + 1].strip()))
        la = number.group(1)
        if la not in model:
            model[la] = SnRow(la, row[name_at], tuple(neighbours), predecessor)
    problems.raise_if_any("statistical neighbours")
    return model


@lru_cache(maxsize=2)
def default_model(model: str) -> dict[str, SnRow]:
    """A vendored model by name ("2021" or "2025")."""
    if model not in MODELS:
        raise NeighbourError(
            f"Unknown statistical neighbour model {model!r}; expected one of {', '.join(MODELS)}"
        )
    return read_neighbour_model(MODELS[model])


def neighbours(
    area: str | int,
    model: Model | str = "2025",
    *,
    registry: AreaRegistry | None = None,
    rows: dict[str, SnRow] | None = None,
) -> list[Neighbour]:
    """The ten statistical neighbours of a council, closest first.

    ``area`` is an ONS code, an LA number or a council's name; ``model`` picks the DfE
    model (``rows`` overrides it with a model read by ``read_neighbour_model``).
    """
    registry = registry if registry is not None else default_areas()
    found = registry.resolve(area)
    if found.la_number is None:
        raise NeighbourError(
            f"{found.name} ({found.ons_code}) is not a council: statistical neighbours are "
            "defined for councils only"
        )
    table = rows if rows is not None else default_model(str(model))
    row = table.get(found.la_number)
    if row is None:
        raise NeighbourError(
            f"{found.name} ({found.la_number}, {found.ons_code}) has no row in the {model} "
            "statistical neighbour model"
        )
    result = []
    for rank, number, _ in row.neighbours:
        neighbour = registry.find(number)
        sn_name = table[number].name if number in table else number
        result.append(
            Neighbour(
                rank,
                number,
                neighbour.ons_code if neighbour else None,
                neighbour.name if neighbour else sn_name,
            )
        )
    return result
