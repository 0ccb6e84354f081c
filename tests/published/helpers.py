"""Small readers of the canonical table used by several tests."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

FIXTURES = Path(__file__).parent / "fixtures"


def rows(table: pa.Table, **where: object) -> list[dict[str, object]]:
    """The rows whose columns equal the given values."""
    mask = None
    for column, value in where.items():
        test = pc.equal(table[column], pa.scalar(value, table.schema.field(column).type))
        mask = test if mask is None else pc.and_(mask, test)
    return (table.filter(mask) if mask is not None else table).to_pylist()


def series(table: pa.Table, **where: object) -> dict[int, float | None]:
    """end_year → value of the matching rows (each end year once)."""
    out: dict[int, float | None] = {}
    for row in rows(table, **where):
        year = row["end_year"]
        assert isinstance(year, int)
        assert year not in out, f"two rows for {year}"
        value = row["value"]
        out[year] = value if isinstance(value, float) else None
    return out
