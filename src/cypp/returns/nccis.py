"""NCCIS: young people's monthly activity (education, employment, NEET, not known).

One row per young person per month-end snapshot, from the local CCIS extract councils send
to the DfE's National Client Caseload Information System. Activity codes are the NCCIS
management information requirement's; ``ACTIVITY_GROUPS`` maps each to its group, which is
what NEET and not-known indicators count.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.problems import Level, Problem
from cypp.returns.census import LA_PATTERN, POSTCODE_PATTERN
from cypp.returns.reader import ReturnKind, read_return
from cypp.returns.result import ReturnRead
from cypp.returns.spec import TableSpec, date, flag, text


def _group(group: str, *codes: int) -> dict[str, str]:
    return {str(code): group for code in codes}


#: NCCIS current activity codes by group (NCCIS management information requirement).
ACTIVITY_GROUPS: dict[str, str] = {
    # Below compulsory school leaving age: at school, home educated, custody, not registered,
    # not known.
    **_group("pre-16", 110, 120, 130, 140, 150),
    # Full-time education: school sixth form, sixth-form college, FE, HE, part-time, gap
    # year, other, special post-16 institution, custodial institution (juvenile offender).
    **_group("education", 210, 220, 230, 240, 250, 260, 270, 280, 290),
    # Apprenticeship, employment with/without training, temporary, part-time, self-employed.
    **_group("employment", 310, 320, 330, 340, 350, 360, 380, 381),
    # Funded work-based learning, other training, DWP programme, traineeship, internship.
    **_group("training", 410, 430, 440, 450, 460),
    **_group("re-engagement", 530),
    # Working not for reward, not yet ready, start date agreed, seeking EET.
    **_group("NEET", 540, 550, 610, 615, 616, 619),
    # Not available to the labour market: carer, teenage parent, illness, pregnancy,
    # religious grounds, unlikely to be economically active, other.
    **_group("NEET inactive", 620, 630, 640, 650, 660, 670, 680),
    # Custody (young adult offender), refugee or asylum seeker.
    **_group("other", 710, 720),
    # Current situation not known, cannot be contacted, refused to disclose.
    **_group("not known", 810, 820, 830),
}

ACTIVITY = TableSpec(
    "Activity",
    "One row per young person per monthly snapshot: current activity and circumstances.",
    (
        text("CCISID", "the young person's identifier in the local CCIS"),
        date("DOB", "date of birth"),
        date("SnapshotDate", "the month-end date of the snapshot"),
        text("ActivityCode", "NCCIS current activity code", codes=ACTIVITY_GROUPS),
        date("ActivityStartDate", "date the current activity started", required=False),
        flag("Custody", "in custody on the snapshot date", required=False),
        flag("AsylumNoStatus", "asylum seeker without leave to remain", required=False),
        text("LA", "three-digit LA number of the LA responsible", pattern=LA_PATTERN),
        text(
            "Postcode",
            "home postcode (cut to district at load)",
            required=False,
            pattern=POSTCODE_PATTERN,
        ),
    ),
    key=("CCISID", "SnapshotDate"),
)


def activity_group(code: str | None) -> str | None:
    """The group (education, employment, NEET, not known, ...) of an activity code."""
    return ACTIVITY_GROUPS.get(code) if code is not None else None


def snapshot_findings(tables: Mapping[str, pa.Table]) -> list[Problem]:
    """Snapshot dates that are not the last day of their month."""
    table = tables.get("Activity")
    if table is None:
        return []
    findings: list[Problem] = []
    rows = table.select(["SnapshotDate", "_file", "_line"])
    # Only dates that are not a month end need looking at one by one.
    for row in rows.filter(_not_month_end(rows.column("SnapshotDate"))).to_pylist():
        day = row["SnapshotDate"]
        if day is None or day.day == calendar.monthrange(day.year, day.month)[1]:
            continue
        findings.append(
            Problem(
                file=row["_file"],
                line=row["_line"],
                rule="snapshot-month-end",
                found=f"SnapshotDate {day:%d/%m/%Y} is not the last day of its month",
                expected="the month-end date of the snapshot",
                fix="check which month this snapshot is for",
                column="SnapshotDate",
                value=f"{day:%d/%m/%Y}",
                level=Level.FINDING,
            )
        )
    return findings


def _not_month_end(days: pa.ChunkedArray) -> pa.Array:
    """Whether each date is not the last day of its month (false for null)."""
    day = np.asarray(
        pc.fill_null(pc.cast(days, pa.int32()), 0).to_numpy(zero_copy_only=False),
        dtype="datetime64[D]",
    )
    valid = np.asarray(pc.is_valid(days).to_numpy(zero_copy_only=False))
    last = (day + 1).astype("datetime64[M]") != day.astype("datetime64[M]")
    return pa.array(valid & ~last)


NCCIS = ReturnKind(name="nccis", title="NCCIS", specs=(ACTIVITY,), checks=snapshot_findings)


def read_nccis(paths: Sequence[Path | str]) -> ReturnRead:
    """Read NCCIS monthly activity CSVs (files or folders of them), stacking the months.

    Raises ``ReturnError`` with every blocking problem in every file.
    """
    return read_return(paths, NCCIS)
