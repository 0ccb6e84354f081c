"""School Census, pupil level: one row per pupil per census, and termly attendance.

Field names are the DfE's (COLLECT / Common Basic Data Set). The pupil file and the
attendance file are separate CSVs; several censuses (autumn, spring, summer, several years)
may be read together and are stacked. Attendance rows are either per term or the annual
"five half-terms" (or six) sums the DfE's absence statistics use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.problems import Level, Problem
from cypp.returns.reader import ReturnKind, read_return
from cypp.returns.result import ReturnRead
from cypp.returns.spec import TableSpec, date, flag, integer, text

#: DfE main ethnicity codes (School Census / CBDS), used across pupil-level returns.
ETHNICITY_CODES = frozenset(
    {
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM",
        "MWBC", "MWBA", "MWAS", "MOTH",
        "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH",
        "CHNE", "OOTH", "REFU", "NOBT",
    }
)  # fmt: skip
#: National curriculum year groups: early years, nursery, reception, 1-14, X (no NC year).
NC_YEARS = frozenset({"E1", "E2", "N1", "N2", "R", "X"} | {str(y) for y in range(1, 15)})
#: SEN provision: N none, A School Action, P School Action Plus, S statement (to 2014/15);
#: K SEN support and E EHC plan (from 2014/15).
SEN_PROVISION = frozenset({"N", "A", "P", "S", "K", "E"})
#: Enrolment status: C single registration, M main dual, S subsidiary dual, G guest,
#: F FE college (dual registration).
ENROL_STATUS = frozenset({"C", "M", "S", "G", "F"})
#: School phase: nursery, primary, middle (deemed primary / secondary), secondary,
#: all-through, alternative provision, special.
PHASES = frozenset({"NS", "PS", "MP", "MS", "SS", "AT", "AP", "SP"})
#: Attendance periods: termly (AUT, SPR, SUM, or summer halves SU1, SU2) or annual sums of
#: five half-terms (autumn, spring, first summer half-term: 5HT) or six (6HT).
TERMS = frozenset({"AUT", "SPR", "SUM", "SU1", "SU2", "5HT", "6HT"})
SUMMED_TERMS = frozenset({"5HT", "6HT"})

UPN_PATTERN = r"[A-Z]\d{11}[0-9A-Z]"
URN_PATTERN = r"\d{6}"
LA_PATTERN = r"\d{3}"
ACADEMIC_YEAR_PATTERN = r"\d{4}/\d{2}"
POSTCODE_PATTERN = r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}"


SCHOOL_CENSUS_PUPILS = TableSpec(
    "SchoolCensus",
    "One row per pupil on roll at a school on census day.",
    (
        text("UPN", "unique pupil number: a check letter and 12 digits", pattern=UPN_PATTERN),
        date("DOB", "date of birth"),
        text("Gender", "M or F", codes=("M", "F")),
        text("Ethnicity", "DfE main ethnicity code", codes=ETHNICITY_CODES),
        text("NCyearActual", "national curriculum year group", codes=NC_YEARS),
        text("SENprovision", "special educational needs provision", codes=SEN_PROVISION),
        flag("FSMeligible", "eligible for and claiming free school meals on census day"),
        text("Boarder", "boarder indicator, as submitted", required=False),
        text("URN", "the school's unique reference number", pattern=URN_PATTERN),
        text("Phase", "phase of the school", required=False, codes=PHASES),
        text("EnrolStatus", "enrolment status", codes=ENROL_STATUS),
        text("LA", "the school's three-digit LA number", pattern=LA_PATTERN),
        text(
            "Postcode",
            "the pupil's home postcode (cut to district at load)",
            required=False,
            pattern=POSTCODE_PATTERN,
        ),
        text("AcademicYear", "e.g. 2009/10", pattern=ACADEMIC_YEAR_PATTERN),
        date("CensusDate", "census day"),
    ),
    key=("UPN", "URN", "CensusDate"),
)

ATTENDANCE = TableSpec(
    "Attendance",
    "Sessions possible and missed per pupil per school, per term or summed over the year.",
    (
        text("UPN", "unique pupil number", pattern=UPN_PATTERN),
        text("URN", "the school's unique reference number", pattern=URN_PATTERN),
        text("AcademicYear", "e.g. 2009/10", pattern=ACADEMIC_YEAR_PATTERN),
        text("Term", "AUT, SPR, SUM, SU1, SU2, or 5HT/6HT for annual sums", codes=TERMS),
        integer("SessionsPossible", "half-day sessions the pupil could attend"),
        integer("SessionsAuthorised", "sessions missed through authorised absence"),
        integer("SessionsUnauthorised", "sessions missed through unauthorised absence"),
    ),
    key=("UPN", "URN", "AcademicYear", "Term"),
)


def attendance_findings(tables: Mapping[str, pa.Table]) -> list[Problem]:
    """Absence that exceeds the sessions possible, negative counts, and pupils with both
    termly rows and an annual sum for the same school and year (which would double-count)."""
    table = tables.get("Attendance")
    if table is None:
        return []
    findings: list[Problem] = []
    periods: dict[tuple[str, str, str], set[str]] = {}
    first_line: dict[tuple[str, str, str], tuple[str, int]] = {}
    # Only rows with a bad count or in an enrolment with both termly rows and annual sums can
    # yield a finding: pick them out in Arrow, and look at those rows one by one as before.
    for row in table.take(_rows_to_check(table)).to_pylist():
        where = (row["_file"], row["_line"])
        possible, authorised, unauthorised = (
            row["SessionsPossible"],
            row["SessionsAuthorised"],
            row["SessionsUnauthorised"],
        )
        counts = {
            "SessionsPossible": possible,
            "SessionsAuthorised": authorised,
            "SessionsUnauthorised": unauthorised,
        }
        for name, value in counts.items():
            if value is not None and value < 0:
                findings.append(
                    _finding(
                        where,
                        "attendance-negative",
                        name,
                        value,
                        f"{name} is negative ({value})",
                        "a count of sessions, 0 or more",
                    )
                )
        if (
            None not in (possible, authorised, unauthorised)
            and authorised + unauthorised > possible
        ):
            findings.append(
                _finding(
                    where,
                    "attendance-sessions",
                    "SessionsAuthorised, SessionsUnauthorised",
                    None,
                    f"authorised ({authorised}) + unauthorised ({unauthorised}) absence is "
                    f"more than the {possible} sessions possible",
                    "SessionsAuthorised + SessionsUnauthorised <= SessionsPossible",
                )
            )
        key = (row["UPN"], row["URN"], row["AcademicYear"])
        if None not in key and row["Term"] is not None:
            periods.setdefault(key, set()).add(row["Term"])
            first_line.setdefault(key, where)
    for key, terms in periods.items():
        if terms & SUMMED_TERMS and terms - SUMMED_TERMS:
            findings.append(
                _finding(
                    first_line[key],
                    "attendance-overlap",
                    "Term",
                    None,
                    f"UPN {key[0]} at URN {key[1]} in {key[2]} has both annual sums "
                    f"({', '.join(sorted(terms & SUMMED_TERMS))}) and termly rows "
                    f"({', '.join(sorted(terms - SUMMED_TERMS))})",
                    "either termly rows or annual sums for a pupil, school and year",
                )
            )
    return findings


def _rows_to_check(table: pa.Table) -> pa.Array:
    """Indices, in row order, of the rows a finding may come from: a negative count, more
    absence than sessions possible, or an enrolment (UPN, URN, year) whose rows have both an
    annual sum and a termly row."""
    counts = [
        pc.cast(table.column(n), pa.int64())
        for n in ("SessionsPossible", "SessionsAuthorised", "SessionsUnauthorised")
    ]
    negative = pc.or_kleene(
        pc.or_kleene(pc.less(counts[0], 0), pc.less(counts[1], 0)), pc.less(counts[2], 0)
    )
    over = pc.greater(pc.add(counts[1], counts[2]), counts[0])
    bad = pc.fill_null(pc.or_kleene(negative, over), False)
    key = ["UPN", "URN", "AcademicYear"]
    complete = pc.is_valid(table.column("Term"))
    for name in key:
        complete = pc.and_(complete, pc.is_valid(table.column(name)))
    indexed = (
        table.select(key)
        .append_column(
            "_summed", pc.is_in(table.column("Term"), value_set=pa.array(sorted(SUMMED_TERMS)))
        )
        .append_column("_row", pa.array(np.arange(table.num_rows, dtype=np.int64)))
        .filter(complete)
    )
    kinds = indexed.group_by(key).aggregate([("_summed", "max"), ("_summed", "min")])
    mixed = kinds.filter(
        pc.and_(kinds.column("_summed_max"), pc.invert(kinds.column("_summed_min")))
    ).select(key)
    rows = np.flatnonzero(np.asarray(bad.to_numpy(zero_copy_only=False)))
    if mixed.num_rows:
        overlap = indexed.join(mixed, keys=key, join_type="left semi").column("_row")
        rows = np.union1d(rows, overlap.to_numpy())
    return pa.array(rows, pa.int64())


def _finding(
    where: tuple[str, int], rule: str, column: str, value: int | None, found: str, expected: str
) -> Problem:
    return Problem(
        file=where[0],
        line=where[1],
        rule=rule,
        found=found,
        expected=expected,
        fix="check the attendance figures in the school's census return",
        column=column,
        value=None if value is None else str(value),
        level=Level.FINDING,
    )


SCHOOL_CENSUS = ReturnKind(
    name="census",
    title="School Census",
    specs=(SCHOOL_CENSUS_PUPILS, ATTENDANCE),
    checks=attendance_findings,
)


def read_census(paths: Sequence[Path | str]) -> ReturnRead:
    """Read School Census pupil and attendance CSVs (files or folders of them).

    Raises ``ReturnError`` with every blocking problem in every file.
    """
    return read_return(paths, SCHOOL_CENSUS)
