"""Rules that a coded column holds a code from its DfE list (2024/25 specification).

Most lists accept a blank (the item is optional, or another rule asks for it); a few are
required, as the DfE validator has them: SEX, ETHNIC and the three care-leaver items.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cypp.returns.ssda903.rules import codes
from cypp.returns.ssda903.rules.arrays import both, filled, negate, one_of, positions, text
from cypp.returns.ssda903.rules.model import CollectionYear, Finder, Hits, Tables, rule


@dataclass(frozen=True, slots=True)
class CodeList:
    """A coded column and its DfE list."""

    code: str
    table: str
    column: str
    valid: frozenset[str]
    required: bool = False  # a blank is a finding too
    until: tuple[dt.date, frozenset[str]] | None = None  # (last year-end, codes valid until then)

    def valid_in(self, year: CollectionYear) -> frozenset[str]:
        """The codes valid in a collection year: older returns keep their older lists."""
        if self.until is not None and year.end <= self.until[0]:
            return self.until[1]
        return self.valid


CODE_LISTS = (
    CodeList(
        "101",
        "Header",
        "SEX",
        codes.SEX,
        required=True,
        until=(codes.SEX_CODES_CHANGED, codes.SEX_UNTIL_2023),
    ),
    CodeList("103", "Header", "ETHNIC", codes.ETHNIC, required=True),
    CodeList("143", "Episodes", "RNE", codes.RNE),
    CodeList("144", "Episodes", "LS", codes.LS),
    CodeList("145", "Episodes", "CIN", codes.CIN),
    CodeList("146", "Episodes", "PLACE", codes.PLACE),
    CodeList("149", "Episodes", "REC", codes.REC),
    CodeList("1009", "Episodes", "REASON_PLACE_CHANGE", codes.REASON_PLACE_CHANGE),
    CodeList("131", "OC3", "IN_TOUCH", codes.IN_TOUCH, required=True),
    CodeList("132", "OC3", "ACTIV", codes.ACTIV, required=True),
    CodeList("133", "OC3", "ACCOM", codes.ACCOM, required=True),
    CodeList("196", "OC2", "SDQ_REASON", codes.SDQ_REASON),
    CodeList("114", "AD1", "FOSTER_CARE", codes.FOSTER_CARE),
    CodeList("175", "AD1", "NB_ADOPTR", codes.NB_ADOPTR),
    CodeList("176", "AD1", "SEX_ADOPTR", codes.SEX_ADOPTR),
    CodeList("177", "AD1", "LS_ADOPTR", codes.LS_ADOPTR),
    CodeList("120", "PlacedAdoption", "REASON_PLACED_CEASED", codes.REASON_PLACED_CEASED),
    CodeList("1006", "Missing", "MISSING", codes.MISSING),
    CodeList("631", "PrevPerm", "PREV_PERM", codes.PREV_PERM),
)


def _finder(spec: CodeList) -> Finder:
    def find(tables: Tables, year: CollectionYear) -> Hits:
        values = text(tables[spec.table], spec.column)
        valid = one_of(values, spec.valid_in(year))
        if not spec.required:
            return Hits(positions(both(filled(values), negate(valid))))
        return Hits(positions(negate(valid)))

    return find


for _spec in CODE_LISTS:
    rule(
        _spec.code,
        table=_spec.table,
        column=_spec.column,
        expected=(
            f"one of the 2024/25 {_spec.column} codes: {codes.listed(_spec.valid)}"
            + (
                f" ({codes.listed(_spec.until[1])} for years to {_spec.until[0]:%d/%m/%Y})"
                if _spec.until
                else ""
            )
            + ("" if _spec.required else " (or blank)")
        ),
        fix=f"correct {_spec.column} in the child's record to a code from the DfE list",
    )(_finder(_spec))
