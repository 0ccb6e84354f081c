"""Build tiny canonical SSDA903 tables for rule tests, and read findings back compactly.

Columns and types are the fixed canonical contract: dates ``date32``, SDQ_SCORE ``int32``,
everything else text, then ``_file`` and ``_line``. Rows give only the columns a test needs;
the rest are null. Dates are written as in the DfE CSVs, dd/mm/yyyy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

import pyarrow as pa

from cypp.problems import Problem
from cypp.returns.ssda903.rules import RULES_BY_CODE

COLUMNS: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": (
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "PlacedAdoption": (
        "CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED",
    ),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}  # fmt: skip
DATES = frozenset(
    {
        "DOB", "MC_DOB", "DECOM", "DEC", "DUC", "DATE_INT", "DATE_MATCH", "REVIEW", "MIS_START",
        "MIS_END", "DATE_PLACED", "DATE_PLACED_CEASED", "DATE_PERM", "SW_DECOM", "SW_DEC",
    }
)  # fmt: skip

END_2025 = dt.date(2025, 3, 31)  # the 2024/25 collection year ends 31 March 2025

Finding = tuple[str, int | None, str | None, str | None]


def day(text: str | None) -> dt.date | None:
    """A dd/mm/yyyy date (None stays None)."""
    return None if text is None else dt.datetime.strptime(text, "%d/%m/%Y").date()


def table(name: str, *rows: Mapping[str, object], file: str | None = None) -> pa.Table:
    """A canonical table from rows; row i sits on physical line i + 2 (line 1 is the header)."""
    unknown = {c for row in rows for c in row} - set(COLUMNS[name])
    assert not unknown, f"not {name} columns: {unknown}"
    arrays = {}
    for column in COLUMNS[name]:
        values = [row.get(column) for row in rows]
        if column in DATES:
            arrays[column] = pa.array([day(v) for v in values], pa.date32())  # type: ignore[arg-type]
        elif column == "SDQ_SCORE":
            arrays[column] = pa.array(values, pa.int32())
        else:
            arrays[column] = pa.array(values, pa.string())
    arrays["_file"] = pa.array([file or f"{name}.csv"] * len(rows), pa.string())
    arrays["_line"] = pa.array(range(2, len(rows) + 2), pa.int32())
    return pa.table(arrays)


def findings(problems: Iterable[Problem]) -> list[Finding]:
    """(rule, line, column, value) of each finding, in the order given."""
    return [(p.rule, p.line, p.column, p.value) for p in problems]


def run(code: str, tables: Mapping[str, pa.Table], end: dt.date = END_2025) -> list[Finding]:
    """One rule's findings on ``tables``."""
    return findings(RULES_BY_CODE[code].check(tables, collection_year_end=end))
