"""Published statistics as a return: ``cypp load published FILES`` stores them as a batch.

Each file is recognised by its header (and, for DfE's children's social care files, its name):
LAIT's long format (parquet or CSV), the NCCIS NEET scorecards, the CSC outcomes files, the ONS
population file, and ONS under-18 conception tables in DfE's tidy layout. Everything becomes
the one canonical long table (``cypp.published.schema``), with DfE symbols kept as states.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from cypp.errors import ReturnError
from cypp.problems import Problem
from cypp.published.csc import CSC_SPECS, read_csc
from cypp.published.csvfile import read_csv
from cypp.published.lait import read_lait
from cypp.published.nccis import read_nccis
from cypp.published.ons import read_ons_population
from cypp.published.schema import concat
from cypp.published.tidy import Indicator, TidySpec, read_dfe_tidy
from cypp.returns.result import ReturnRead, SourceFile

#: ONS under-18 conceptions by council of residence, in DfE's tidy layout.
CONCEPTIONS = TidySpec(
    dataset="ons_under18_conceptions",
    source="ons",
    indicators=(
        Indicator("conceptions", "Conceptions to women aged under 18", "count"),
        Indicator("population_females_15_17", "Women aged 15 to 17 (mid-year estimate)", "count"),
        Indicator(
            "rate_per_1000",
            "Under-18 conception rate per 1,000 women aged 15 to 17",
            "per 1,000",
            "Low",
        ),
    ),
    reporting_year="calendar_year",
)

Reader = Callable[[Path], pa.Table]


def _header(path: Path) -> list[str]:
    header, _ = read_csv(path)
    return [h.strip().lower() for h in header]


def reader_for(path: Path) -> Reader | None:
    """The importer that reads ``path``, or None when no published layout matches."""
    if path.suffix.lower() == ".parquet":
        return read_lait
    if path.suffix.lower() != ".csv":
        return None
    header = _header(path)
    if {"short_desc", "years"} <= set(header) or {"short desc", "years"} <= set(header):
        return read_lait
    if path.name in CSC_SPECS:
        return read_csc
    if "population_females_15_17" in header and "conceptions" in header:
        return lambda p: read_dfe_tidy(p, CONCEPTIONS)
    if path.name.startswith("ons_mid-year_population"):
        return read_ons_population
    if any("neet" in h for h in header):
        return read_nccis
    return None


def _files(paths: Sequence[Path | str]) -> list[Path]:
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found += sorted(x for x in p.iterdir() if x.suffix.lower() in (".csv", ".parquet"))
        else:
            found.append(p)
    return found


def read_published(paths: Sequence[Path | str]) -> ReturnRead:
    """Read published-statistics files into one canonical table ``Values``."""
    tables: list[pa.Table] = []
    files: list[SourceFile] = []
    problems: list[Problem] = []
    for path in _files(paths):
        if not path.is_file():
            problems.append(
                Problem(
                    str(path),
                    None,
                    "no-file",
                    "no such file",
                    "a published statistics file",
                    "check the path",
                )
            )
            continue
        try:
            read = reader_for(path) if _readable(path) else None
        except ReturnError as exc:  # not text, or a header the CSV parser cannot split
            problems.extend(exc.problems)
            continue
        if read is None:
            problems.append(
                Problem(
                    path.name,
                    1,
                    "not-published",
                    "not a published-statistics layout cypp knows",
                    "LAIT long format, a DfE tidy file (CSC outcomes, ONS population, under-18 "
                    "conceptions with conceptions and population_females_15_17 columns) or an "
                    "NCCIS NEET scorecard",
                    "check the file, or load a record-level return with its own RETURN name",
                )
            )
            continue
        try:
            table = read(path)
        except ReturnError as exc:
            problems.extend(exc.problems)
            continue
        tables.append(table)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        files.append(SourceFile(path.name, path, digest, "utf-8", ("Values",)))
    if problems:
        raise ReturnError(
            f"published statistics: {len(problems)} problem(s); nothing was read", problems
        )
    return ReturnRead("published", {"Values": concat(tables)}, (), tuple(files))


def _readable(path: Path) -> bool:
    if path.suffix.lower() == ".parquet":
        try:
            pq.read_schema(path)
        except Exception:  # any parquet failure means "not this layout"
            return False
        return True
    try:
        _header(path)
    except (UnicodeDecodeError, ValueError):
        return False
    return True
