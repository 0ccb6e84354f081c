"""A tiny warehouse built from hand-written rows, and a runner that returns aggregates.

Fixture files (``tests/fixtures/indicators/*.yaml``) hold the rows of each canonical table a
definition reads and the numerator and denominator worked out by hand:

    definition: ks4_5ac_em
    about: what the fixture covers
    parameters: {}            # optional overrides
    tables:
      attainment/KS4:
        - {UPN: P1, AcademicYear: 2009/10, URN: "100001", LA: "855", KS4_LEVEL2_EM: true}
    expected:
      - {period: 2009/10, breakdown: all, group: all, numerator: 1, denominator: 1}

Columns a row leaves out are null; ``_area`` defaults to E10000018. Dates are written
``YYYY-MM-DD``. Identifiers are used as given (no pseudonymisation is needed in a fixture).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from cypp.engine.aggregates import Aggregate
from cypp.engine.compute import compute
from cypp.engine.store import Store
from cypp.indicators.definition import all_definitions
from cypp.indicators.sources import _specs, view_name

AREA = "E10000018"


def arrow_table(return_name: str, table: str, rows: list[dict[str, Any]]) -> pa.Table:
    spec = _specs()[(return_name, table)]
    unknown = {k for r in rows for k in r} - {c.name for c in spec.columns} - {"_area"}
    if unknown:
        raise ValueError(f"{return_name}/{table}: unknown columns {sorted(unknown)}")
    data: dict[str, pa.Array] = {}
    for column in spec.columns:
        values = [_value(r.get(column.name), column.type) for r in rows]
        data[column.name] = pa.array(values, column.type)
    n = len(rows)
    data["_file"] = pa.array(["fixture"] * n, pa.string())
    data["_line"] = pa.array(list(range(2, n + 2)), pa.int32())
    data["_area"] = pa.array([r.get("_area", AREA) for r in rows], pa.string())
    data["_batch"] = pa.array(["bfixture"] * n, pa.string())
    return pa.table(data)


def _value(raw: Any, kind: pa.DataType) -> Any:
    if raw is None:
        return None
    if pa.types.is_date32(kind):
        return raw if isinstance(raw, date) else date.fromisoformat(str(raw))
    if pa.types.is_string(kind):
        return str(raw)
    return raw


def empty_views(store: Store) -> None:
    """Every canonical view, empty, so definitions joining optional tables still run."""
    for return_name, table in _specs():
        name = view_name(return_name, table)
        if name not in store.tables():
            store.append(name, arrow_table(return_name, table, []))


def warehouse(path: Path, tables: dict[str, list[dict[str, Any]]]) -> Store:
    store = Store(path)
    for key, rows in tables.items():
        return_name, table = key.split("/")
        store.append(view_name(return_name, table), arrow_table(return_name, table, rows))
    empty_views(store)
    return store


def run(
    store: Store,
    definition: str,
    parameters: dict[str, Any] | None = None,
    period: str | None = None,
) -> list[Aggregate]:
    d = all_definitions()[definition]
    return list(compute(store.ibis(), definition, d, parameters, period).aggregates)


def load_fixture(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def as_rows(
    aggregates: list[Aggregate], breakdowns: set[str] | None = None
) -> list[dict[str, Any]]:
    rows = [
        {
            "period": a.period,
            "breakdown": a.breakdown,
            "group": a.group,
            "numerator": a.numerator,
            "denominator": a.denominator,
            **({"area": a.area} if a.area != AREA else {}),
        }
        for a in aggregates
        if breakdowns is None or a.breakdown in breakdowns
    ]
    return sorted(rows, key=lambda r: (r.get("area", ""), r["period"], r["breakdown"], r["group"]))
