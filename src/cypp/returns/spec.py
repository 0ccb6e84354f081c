"""Declarative specs of canonical tables: what a reader must produce, column by column.

A spec states each column's name (as the real return spells it), its Arrow type, whether
the column must be present in a file, and optionally a code list or a pattern that values
should follow. Values outside a code list or pattern are findings, not blocking: returns
carry local and historical codes that are still worth loading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyarrow as pa

#: Lineage columns ending every canonical table: the file name and the physical line the
#: row came from (for XML, the line of the element), so later findings can point at a row.
LINEAGE = (
    pa.field("_file", pa.string(), nullable=False),
    pa.field("_line", pa.int32(), nullable=False),
)
LINEAGE_NAMES = tuple(f.name for f in LINEAGE)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a canonical table."""

    name: str
    type: pa.DataType
    required: bool = True
    codes: frozenset[str] | None = None
    pattern: str | None = None
    description: str = ""
    _regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if self.pattern is not None:
            object.__setattr__(self, "_regex", re.compile(self.pattern))

    def fits_pattern(self, value: str) -> bool:
        """Whether ``value`` fully matches the column's pattern (true when there is none)."""
        return self._regex is None or self._regex.fullmatch(value) is not None


def text(
    name: str,
    description: str = "",
    *,
    required: bool = True,
    codes: Iterable[str] | None = None,
    pattern: str | None = None,
) -> Column:
    """A text column (codes and identifiers kept exactly as submitted)."""
    return Column(
        name,
        pa.string(),
        required,
        frozenset(codes) if codes is not None else None,
        pattern,
        description,
    )


def date(name: str, description: str = "", *, required: bool = True) -> Column:
    """A date column (``date32``)."""
    return Column(name, pa.date32(), required, description=description)


def integer(name: str, description: str = "", *, required: bool = True) -> Column:
    """A whole-number column (``int32``)."""
    return Column(name, pa.int32(), required, description=description)


def number(name: str, description: str = "", *, required: bool = True) -> Column:
    """A decimal column (``float64``)."""
    return Column(name, pa.float64(), required, description=description)


def flag(name: str, description: str = "", *, required: bool = True) -> Column:
    """A true/false column (``bool``)."""
    return Column(name, pa.bool_(), required, description=description)


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A canonical table: its name, a short description, its columns and its row key.

    ``key`` names the columns that should identify a row; a repeated key is a finding.
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The data column names, in canonical order (without lineage)."""
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a file must have."""
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        """The column called ``name``."""
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def schema(self) -> pa.Schema:
        """The canonical Arrow schema: data columns, then ``_file`` and ``_line``."""
        return pa.schema([pa.field(c.name, c.type) for c in self.columns] + list(LINEAGE))

    def empty(self) -> pa.Table:
        """A table with this spec's schema and no rows."""
        return self.schema.empty_table()
