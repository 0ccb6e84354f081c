"""The area of every row: the batch's area, or the council a return row carries itself.

Pupil-level returns name their council in ``LA`` (a three-digit DfE number); those rows get
that council's ONS code in ``_area``. Returns without it (SSDA903) take the batch's area.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from cypp.errors import ReturnError
from cypp.problems import Problem
from cypp.published.areas import default_areas


def with_row_areas(table: pa.Table, area: str, file: str) -> pa.Table:
    """``table`` with an ``_area`` column of ONS codes."""
    if "area_code" in table.column_names:  # published statistics name their own areas
        return table.append_column("_area", table.column("area_code"))
    if "LA" not in table.column_names:
        return table.append_column("_area", pa.array([area] * table.num_rows, pa.string()))
    registry = default_areas()
    numbers = [v for v in pc.unique(table.column("LA")).to_pylist() if v is not None]
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    for number in numbers:
        found = registry.by_number.get(number)
        if found:
            mapping[number] = found[0].ons_code
        else:
            unknown.append(number)
    if unknown:
        raise ReturnError(
            f"{file}: unknown LA number(s) {', '.join(map(repr, sorted(unknown)))}",
            [
                Problem(
                    file,
                    None,
                    "la-number",
                    f"LA {u!r} is not a DfE LA number",
                    "a three-digit DfE LA number such as '855'",
                    "correct the LA column",
                    column="LA",
                    value=u,
                )
                for u in sorted(unknown)
            ],
        )
    keys = pa.array(list(mapping), pa.string())
    values = pa.array(list(mapping.values()), pa.string())
    index = pc.index_in(table.column("LA"), value_set=keys)
    return table.append_column("_area", pc.take(values, index))


def batch_area(tables: dict[str, pa.Table], default: str) -> str:
    """The batch's area: the one council its rows carry, England for many, else ``default``."""
    areas: set[str] = set()
    for t in tables.values():
        if "_area" in t.column_names:
            areas |= {a for a in pc.unique(t.column("_area")).to_pylist() if a}
    if len(areas) == 1:
        return areas.pop()
    return "E92000001" if len(areas) > 1 else default
