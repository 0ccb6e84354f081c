"""What every reader returns: canonical tables, findings, and the files they came from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from cypp.problems import Problem


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file that was read: its name, path, content hash and what it held."""

    name: str
    path: Path
    sha256: str
    encoding: str
    tables: tuple[str, ...]


@dataclass(frozen=True)
class ReturnRead:
    """A return read without blocking problems.

    ``tables`` maps canonical table names to Arrow tables (only the tables the files held;
    each ends with ``_file`` and ``_line``). ``findings`` are data-quality problems to keep
    with the batch. ``files`` lists every file read, with its sha256 content hash.
    """

    return_name: str
    tables: dict[str, pa.Table]
    findings: tuple[Problem, ...]
    files: tuple[SourceFile, ...]
