"""Writing tables as the returns' CSV files, and keeping a list of what was written.

CSVs are written with ``pyarrow.csv`` (no quotes: no synthetic value holds a comma or a
quote), the header line first as the DfE's files have it. SSDA903 dates are dd/mm/yyyy; the
other returns' dates are ISO (yyyy-mm-dd), which their readers also accept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pcsv

from cypp.synth.days import dmy_text


@dataclass
class Written:
    """Files written so far: paths relative to the output folder, with their sizes."""

    root: Path
    files: list[tuple[str, int]] = field(default_factory=list)

    def add(self, path: Path) -> None:
        self.files.append((path.relative_to(self.root).as_posix(), path.stat().st_size))

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.files)


def write_csv(table: Any, path: Path, written: Written, *, dmy_dates: bool = False) -> Path:
    """Write ``table`` to ``path`` (folders made as needed)."""
    if dmy_dates:
        table = pa.table(
            {
                name: dmy_text(column) if pa.types.is_date32(column.type) else column
                for name, column in zip(table.column_names, table.columns, strict=True)
            }
        )
    # One chunk: pyarrow's CSVWriter writes raw buffer bytes for a table whose first chunk is
    # empty (seen with pyarrow 26), and concatenated per-year tables can have one.
    table = table.combine_chunks()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write((",".join(table.column_names) + "\n").encode("utf-8"))
        if table.num_rows:
            options = pcsv.WriteOptions(include_header=False, quoting_style="none")
            with pcsv.CSVWriter(handle, table.schema, write_options=options) as writer:
                writer.write_table(table)
    written.add(path)
    return path


def write_rows(rows: Sequence[Mapping[str, object]], path: Path, written: Written) -> Path:
    """Write a small table of text cells (quoted only where a value needs it)."""
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    written.add(path)
    return path
