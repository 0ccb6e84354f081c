"""Building a canonical Arrow table from raw records, collecting every problem on the way.

Readers (CSV or XML) reduce a file to ``RawRecord``s keyed by canonical column name; this
module parses each value by its column's type, checks code lists and patterns, and adds the
lineage columns. Unparseable values are blocking; values outside a code list or pattern are
findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.problems import Level, Problem
from cypp.returns.fields import BadValue, Parser, Value, is_empty, parser_for
from cypp.returns.spec import Column, TableSpec


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as submitted: where it is, and its raw values by canonical column name.

    XML records also say where each value came from, since the line alone may not: a whole
    file can be one line, and a child's DOB is repeated into several tables. ``origins``
    names each value's element (``"CHILD 907440, EPISODE 2"``) and ``value_lines`` its line.
    """

    line: int
    values: Mapping[str, str | None]
    origins: Mapping[str, str] | None = None
    value_lines: Mapping[str, int] | None = None

    def line_of(self, column: str) -> int:
        """The line of one value (an XML element may sit below its row's start)."""
        if self.value_lines is not None:
            return self.value_lines.get(column, self.line)
        return self.line

    def subject(self, spec: TableSpec, column: str) -> str:
        """How messages name a value: its element in XML, else its table and column."""
        origin = self.origins.get(column) if self.origins is not None else None
        return f"{origin}: {column}" if origin else f"{spec.name} {column}"


def build_table(
    spec: TableSpec, records: Sequence[RawRecord], file: str, *, iso_dates: bool
) -> tuple[pa.Table, list[Problem]]:
    """The canonical table for ``records`` of ``file``, and its blocking problems and findings."""
    problems: list[Problem] = []
    columns: dict[str, list[Value]] = {c.name: [] for c in spec.columns}
    for column in spec.columns:
        parse = parser_for(column.type, iso_dates=iso_dates)
        out = columns[column.name]
        for record in records:
            raw = record.values.get(column.name)
            if is_empty(raw):
                out.append(None)
                continue
            assert raw is not None
            value, problem = check_value(spec, column, parse, record, raw, file)
            out.append(value)
            if problem is not None:
                problems.append(problem)
    arrays = [pa.array(columns[c.name], type=c.type) for c in spec.columns]
    arrays.append(pa.array([file] * len(records), type=pa.string()))
    arrays.append(pa.array([r.line for r in records], type=pa.int32()))
    table = pa.Table.from_arrays(arrays, schema=spec.schema)
    problems.sort(key=lambda p: (p.line or 0, p.level != Level.BLOCKING))
    return table, problems


def check_value(
    spec: TableSpec, column: Column, parse: Parser, record: RawRecord, raw: str, file: str
) -> tuple[Value, Problem | None]:
    """One non-empty value parsed and checked: its value, and its blocking problem (the value
    is then None) or finding. Shared by the row-by-row builder and the Arrow fast path."""
    try:
        value = parse(raw)
    except BadValue as bad:
        return None, _bad_value(spec, column, record, raw, bad, file)
    return value, _check_code(spec, column, record, raw, file)


def _bad_value(
    spec: TableSpec, column: Column, record: RawRecord, raw: str, bad: BadValue, file: str
) -> Problem:
    line = record.line_of(column.name)
    return Problem(
        file=file,
        line=line,
        rule=bad.rule,
        found=f"{record.subject(spec, column.name)} {bad.found}",
        expected=bad.expected,
        fix=f"correct the {column.name} value on line {line} of {file}, or leave it "
        "empty if it is not known",
        column=column.name,
        value=raw,
    )


def _check_code(
    spec: TableSpec, column: Column, record: RawRecord, raw: str, file: str
) -> Problem | None:
    if column.codes is not None and raw not in column.codes:
        return Problem(
            file=file,
            line=record.line_of(column.name),
            rule=f"codelist-{column.name}",
            found=f"{record.subject(spec, column.name)} {raw!r} is not in the code list",
            expected="one of " + ", ".join(sorted(column.codes, key=_code_order)),
            fix=f"check the {column.name} code; the row is kept with the value as submitted",
            column=column.name,
            value=raw,
            level=Level.FINDING,
        )
    if column.pattern is not None and not column.fits_pattern(raw):
        return Problem(
            file=file,
            line=record.line_of(column.name),
            rule=f"format-{column.name}",
            found=f"{record.subject(spec, column.name)} {raw!r} is not in the usual form",
            expected=f"a value matching {column.pattern}"
            + (f" ({column.description})" if column.description else ""),
            fix=f"check the {column.name} value; the row is kept with the value as submitted",
            column=column.name,
            value=raw,
            level=Level.FINDING,
        )
    return None


def _code_order(code: str) -> tuple[int, str]:
    # Numeric codes in numeric order (1, 2, ..., 10), then the rest alphabetically.
    return (0, f"{int(code):09d}") if code.isdigit() else (1, code)


def duplicate_keys(spec: TableSpec, table: pa.Table) -> list[Problem]:
    """Findings for rows whose key repeats an earlier row's (across all files of a table)."""
    if not spec.key or table.num_rows == 0:
        return []
    # Only the rows of keys that repeat can yield a finding: find them in Arrow, so a
    # nation's millions of distinct keys never become Python objects.
    table = table.take(_rows_of_repeated_keys(table, spec.key))
    keys = zip(*(table.column(name).to_pylist() for name in spec.key), strict=True)
    files = table.column("_file").to_pylist()
    lines = table.column("_line").to_pylist()
    first: dict[tuple[object, ...], tuple[str, int]] = {}
    findings: list[Problem] = []
    for key, file, line in zip(keys, files, lines, strict=True):
        if any(part is None for part in key):
            continue
        if key in first:
            where = first[key]
            shown = ", ".join(f"{n}={_show(v)}" for n, v in zip(spec.key, key, strict=True))
            findings.append(
                Problem(
                    file=file,
                    line=line,
                    rule="duplicate-key",
                    found=f"{spec.name} row {shown} repeats the row at {where[0]}:{where[1]}",
                    expected=f"one {spec.name} row per {', '.join(spec.key)}",
                    fix="remove the repeated row, or correct the key of one of them",
                    column=", ".join(spec.key),
                    level=Level.FINDING,
                )
            )
        else:
            first[key] = (file, line)
    return findings


def _rows_of_repeated_keys(table: pa.Table, key: Sequence[str]) -> pa.Array:
    """Indices, in row order, of the rows whose key (no part null) occurs more than once."""
    names = list(key)
    complete = pc.is_valid(table.column(names[0]))
    for name in names[1:]:
        complete = pc.and_(complete, pc.is_valid(table.column(name)))
    indexed = table.select(names).append_column(
        "_row", pa.array(np.arange(table.num_rows, dtype=np.int64))
    )
    indexed = indexed.filter(complete)
    counts = indexed.group_by(names).aggregate([("_row", "count")])
    repeated = counts.filter(pc.greater(counts.column("_row_count"), 1)).select(names)
    if repeated.num_rows == 0:
        return pa.array([], pa.int64())
    rows = indexed.join(repeated, keys=names, join_type="left semi").column("_row")
    return pa.array(np.sort(rows.to_numpy()))


def _show(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else str(value)


def concat(spec: TableSpec, tables: Iterable[pa.Table]) -> pa.Table:
    """All parts of one table, in the order given, with the canonical schema."""
    parts = list(tables)
    return pa.concat_tables(parts) if parts else spec.empty()


def canonical(table: pa.Table) -> pa.Table:
    """The data columns without lineage, rows sorted by every column: for comparing tables
    read from different forms of the same return (CSV and XML)."""
    data = table.drop_columns([n for n in ("_file", "_line") if n in table.column_names])
    return data.sort_by([(name, "ascending") for name in data.column_names])
