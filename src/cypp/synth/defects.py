"""Realistic defects planted with ``--with-errors``: each one a finding, never blocking.

Every defect is a value a real export could hold (a placeholder code, a mistyped date that is
still a date, a repeated row, a dropped Header row), so the files still load and the readers
and the DfE rules report each as a data-quality finding. Defects go into the last year's
files (and the last year's SSDA903 return) at rows chosen from the seed; each is listed with
the file and line it is on and the rule id of the finding it should raise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.frame import Frame

FIRST_ROW_LINE = 2  # line 1 is the header


@dataclass(frozen=True)
class PlantedDefect:
    """A planted defect: where it is and the finding it should raise."""

    file: str  # relative to the output folder
    line: int | None
    rule: str
    description: str


@dataclass
class Planter:
    """Plants one council's defects, remembering each."""

    frame: Frame
    root: Path
    planted: list[PlantedDefect] = field(default_factory=list)

    def _rng(self, what: str) -> np.random.Generator:
        return self.frame.rng(f"defect {what}")

    def _note(self, path: Path, row: int | None, rule: str, description: str) -> None:
        line = None if row is None else row + FIRST_ROW_LINE
        self.planted.append(PlantedDefect(path.relative_to(self.root).as_posix(), line, rule,
                                          description))  # fmt: skip

    def _row(self, table: Any, what: str, where: Any = None) -> int | None:
        """A row to spoil (one where ``where`` holds, if given)."""
        rows = np.arange(table.num_rows) if where is None else np.flatnonzero(where)
        if rows.size == 0:
            return None
        return int(self._rng(what).choice(rows))

    def _set(self, table: Any, path: Path, column: str, value: Any, rule: str, text: str,
             where: Any = None) -> Any:  # fmt: skip
        row = self._row(table, f"{path.name} {column}", where)
        if row is None:
            return table
        self._note(path, row, rule, text)
        return set_cell(table, column, row, value)

    def plant(self, kind: str, stem: str, table: Any, path: Path) -> Any:
        """The defects of one file of the School Census, attainment, NCCIS or survey."""
        if stem == "school_census":
            table = self._set(
                table,
                path,
                "Ethnicity",
                "WBRT",
                "codelist-Ethnicity",
                "unknown ethnicity code WBRT (a typo for WBRI)",
            )
            table = self._set(
                table,
                path,
                "Postcode",
                "LE11 3A",
                "format-Postcode",
                "postcode with its last letter cut off",
            )
            row = self._row(table, f"{path.name} repeat")
            if row is not None:
                table = pa.concat_tables([table, table.slice(row, 1)])
                self._note(
                    path,
                    table.num_rows - 1,
                    "duplicate-key",
                    "a pupil's row repeated at the end of the file",
                )
        elif stem == "attendance":
            row = self._row(table, f"{path.name} sessions")
            if row is not None:
                possible = table["SessionsPossible"][row].as_py()
                unauthorised = table["SessionsUnauthorised"][row].as_py()
                table = set_cell(table, "SessionsAuthorised", row, possible - unauthorised + 7)
                self._note(
                    path,
                    row,
                    "attendance-sessions",
                    "authorised + unauthorised absence 7 more than the sessions possible",
                )
        elif stem == "ks2":
            table = self._set(
                table,
                path,
                "KS2_ENGLEV",
                "L4",
                "codelist-KS2_ENGLEV",
                "level written L4 instead of 4",
            )
        elif kind == "nccis":
            table = self._set(
                table,
                path,
                "ActivityCode",
                "999",
                "codelist-ActivityCode",
                "activity code 999, not an NCCIS code",
            )
            end = table["SnapshotDate"][0].as_py() if table.num_rows else None
            if end is not None:
                table = self._set(
                    table,
                    path,
                    "SnapshotDate",
                    end.replace(day=end.day - 1),
                    "snapshot-month-end",
                    "snapshot dated a day before the month end",
                )
        elif stem == "tellus":
            table = self._set(table, path, "Weight", 0.0, "weight-positive", "a weight of 0")
            first = pc.equal(table["Question"], "NI110_GROUP_ACTIVITY").to_numpy(
                zero_copy_only=False
            )
            table = self._set(
                table,
                path,
                "YearGroup",
                "7",
                "respondent-consistency",
                "one answer of a respondent given year group 7",
                where=first,
            )
        return table

    def plant_ssda903(self, tables: dict[str, Any], folder: Path) -> dict[str, Any]:
        """The SSDA903 return's defects (CSV line numbers; the XML holds the same data)."""
        t = dict(tables)
        episodes_path = folder / "episodes.csv"
        e = t["Episodes"]
        t["Episodes"] = e = self._set(
            e, episodes_path, "PLACE", "XXX", "903-146", "placement type XXX (a placeholder)"
        )
        t["Episodes"] = e = self._set(
            e, episodes_path, "LS", "XXX", "903-144", "legal status XXX (a placeholder)"
        )
        ended = pc.fill_null(
            pc.and_kleene(pc.is_valid(e["REC"]), pc.not_equal(e["REC"], "X1")), False
        ).to_numpy(zero_copy_only=False)
        row = self._row(e, "dec before decom", ended)
        if row is not None:
            decom = e["DECOM"][row].as_py()
            t["Episodes"] = e = set_cell(e, "DEC", row, decom - dt.timedelta(days=365))
            self._note(episodes_path, row, "903-356", "an episode ceasing a year before it began")
        same_child = pc.equal(e["CHILD"].slice(1), e["CHILD"].slice(0, e.num_rows - 1))
        moves = pc.and_(same_child, pc.equal(e["RNE"].slice(1), "P"))
        long_before = pc.greater(
            pc.days_between(e["DECOM"].slice(0, e.num_rows - 1), e["DECOM"].slice(1)), 30
        )
        candidates = pc.fill_null(pc.and_kleene(moves, long_before), False)
        row = self._row(
            e, "overlap", np.concatenate([[False], candidates.to_numpy(zero_copy_only=False)])
        )
        if row is not None:
            before, now = e["DECOM"][row - 1].as_py(), e["DECOM"][row].as_py()
            earlier = before + dt.timedelta(days=(now - before).days // 2)
            t["Episodes"] = e = set_cell(e, "DECOM", row, earlier)
            self._note(
                episodes_path,
                row,
                "903-501",
                "an episode starting before the previous one ended (overlap)",
            )
        header_path = folder / "header.csv"
        h = t["Header"]
        # First, so later Header lines stay right; a child with episodes (not a care leaver
        # in OC3 only), so the finding is 903-INT03 on the child's first episode.
        with_episodes = pc.is_in(h["CHILD"], value_set=e["CHILD"].combine_chunks())
        row = self._row(h, "header dropped", with_episodes.to_numpy(zero_copy_only=False))
        if row is not None:
            child = h["CHILD"][row].as_py()
            t["Header"] = h = h.filter(pc.not_equal(h["CHILD"], child))
            first = np.flatnonzero(pc.equal(e["CHILD"], child).to_numpy(zero_copy_only=False))
            self._note(
                episodes_path,
                int(first[0]) if first.size else None,
                "903-INT03",
                f"child {child}'s Header row left out (their episodes remain)",
            )
        t["Header"] = self._set(
            h, header_path, "ETHNIC", "WBRT", "903-103", "unknown ethnicity code WBRT"
        )
        t["Reviews"] = self._set(
            t["Reviews"],
            folder / "reviews.csv",
            "REVIEW_CODE",
            "XXX",
            "903-167",
            "review participation code XXX",
        )
        oc2 = t["OC2"]
        t["OC2"] = self._set(
            oc2,
            folder / "oc2.csv",
            "SDQ_SCORE",
            45,
            "903-180",
            "SDQ score 45, above the maximum of 40",
            where=pc.is_valid(oc2["SDQ_SCORE"]).to_numpy(zero_copy_only=False),
        )
        placed = t["PlacedAdoption"]
        t["PlacedAdoption"] = self._set(
            placed,
            folder / "placed_for_adoption.csv",
            "REASON_PLACED_CEASED",
            "XXX",
            "903-120",
            "reason the decision ceased XXX",
            where=pc.is_valid(placed["REASON_PLACED_CEASED"]).to_numpy(zero_copy_only=False),
        )
        return t


def set_cell(table: Any, column: str, row: int, value: Any) -> Any:
    """``table`` with one cell replaced."""
    index = table.column_names.index(column)
    values = table[column].combine_chunks()
    mask = np.zeros(table.num_rows, dtype=bool)
    mask[row] = True
    replaced = pc.if_else(pa.array(mask), pa.scalar(value, values.type), values)
    return table.set_column(index, column, replaced)
