"""A TellUs-style pupil perception survey, in long format: one row per answer.

Each respondent answers many questions; their year group, weight and school repeat on every
row, so a respondent whose repeated fields disagree is a finding (the weighting would be
ambiguous).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.problems import Level, Problem
from cypp.returns.census import LA_PATTERN, URN_PATTERN
from cypp.returns.reader import ReturnKind, read_return
from cypp.returns.result import ReturnRead
from cypp.returns.spec import TableSpec, number, text

YEAR_GROUPS = frozenset(str(y) for y in range(1, 14))

RESPONSES = TableSpec(
    "Responses",
    "One row per respondent per question: the answer, with the respondent's weight.",
    (
        text("RespondentID", "the survey's respondent identifier"),
        text("YearGroup", "national curriculum year, e.g. 6, 8, 10", codes=YEAR_GROUPS),
        number("Weight", "survey weight of the respondent (positive)"),
        text("Question", "question identifier"),
        text("Answer", "the answer as recorded; empty if not answered", required=False),
        text("SurveyYear", "e.g. 2009 or 2009/10", pattern=r"\d{4}(/\d{2})?"),
        text("LA", "three-digit LA number", pattern=LA_PATTERN),
        text("URN", "the school's unique reference number", required=False, pattern=URN_PATTERN),
    ),
    key=("RespondentID", "SurveyYear", "Question"),
)

_RESPONDENT_FIELDS = ("YearGroup", "Weight", "URN")


def respondent_findings(tables: Mapping[str, pa.Table]) -> list[Problem]:
    """Weights that are not positive, and respondents whose year group, weight or school
    differ between their rows."""
    table = tables.get("Responses")
    if table is None:
        return []
    findings: list[Problem] = []
    first: dict[tuple[str, str], dict[str, object]] = {}
    # Only rows with a weight of 0 or less, or of a respondent whose rows disagree, can yield
    # a finding: pick them out in Arrow, and look at those rows one by one as before.
    for row in table.take(_rows_to_check(table)).to_pylist():
        weight = row["Weight"]
        if weight is not None and weight <= 0:
            findings.append(
                _finding(
                    row,
                    "weight-positive",
                    "Weight",
                    f"Weight {weight:g} is not positive",
                    "a weight greater than 0",
                )
            )
        who = (row["RespondentID"], row["SurveyYear"])
        if None in who:
            continue
        seen = first.setdefault(who, row)
        for name in _RESPONDENT_FIELDS:
            if row[name] != seen[name]:
                findings.append(
                    _finding(
                        row,
                        "respondent-consistency",
                        name,
                        f"respondent {who[0]} has {name} {row[name]!r} here but "
                        f"{seen[name]!r} at {seen['_file']}:{seen['_line']}",
                        f"the same {name} on every row of a respondent",
                    )
                )
    return findings


def _rows_to_check(table: pa.Table) -> pa.Array:
    """Indices, in row order, of rows with a weight of 0 or less and of every row of a
    respondent (ID and survey year) whose year group, weight or school is not the same on
    all their rows. (Within a respondent whose rows agree, no row differs from the first.)"""
    who = ["RespondentID", "SurveyYear"]
    weight = pc.fill_null(pc.less_equal(table.column("Weight"), 0), False)
    complete = pc.and_(pc.is_valid(table.column(who[0])), pc.is_valid(table.column(who[1])))
    indexed = (
        table.select([*who, *_RESPONDENT_FIELDS])
        .append_column("_row", pa.array(np.arange(table.num_rows, dtype=np.int64)))
        .filter(complete)
    )
    every = pc.CountOptions(mode="all")  # a null is a value of its own, as != sees it
    kinds = indexed.group_by(who).aggregate(
        [(name, "count_distinct", every) for name in _RESPONDENT_FIELDS]
    )
    differ = pc.greater(kinds.column(f"{_RESPONDENT_FIELDS[0]}_count_distinct"), 1)
    for name in _RESPONDENT_FIELDS[1:]:
        differ = pc.or_(differ, pc.greater(kinds.column(f"{name}_count_distinct"), 1))
    rows = np.flatnonzero(np.asarray(weight.to_numpy(zero_copy_only=False)))
    mixed = kinds.filter(differ).select(who)
    if mixed.num_rows:
        inconsistent = indexed.join(mixed, keys=who, join_type="left semi").column("_row")
        rows = np.union1d(rows, inconsistent.to_numpy())
    return pa.array(rows, pa.int64())


def _finding(row: dict[str, object], rule: str, column: str, found: str, expected: str) -> Problem:
    value = row[column]
    return Problem(
        file=str(row["_file"]),
        line=int(str(row["_line"])),
        rule=rule,
        found=found,
        expected=expected,
        fix="check the survey export for this respondent",
        column=column,
        value=None if value is None else (f"{value:g}" if isinstance(value, float) else str(value)),
        level=Level.FINDING,
    )


PUPIL_SURVEY = ReturnKind(
    name="survey", title="pupil survey", specs=(RESPONSES,), checks=respondent_findings
)


def read_survey(paths: Sequence[Path | str]) -> ReturnRead:
    """Read pupil survey CSVs in long format (files or folders of them).

    Raises ``ReturnError`` with every blocking problem in every file.
    """
    return read_return(paths, PUPIL_SURVEY)
