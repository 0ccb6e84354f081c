"""A TellUs-style pupil perception survey, in long format: one row per answer.

Each respondent answers many questions; their year group, weight and school repeat on every
row, so a respondent whose repeated fields disagree is a finding (the weighting would be
ambiguous).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa

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
    for row in table.to_pylist():
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
