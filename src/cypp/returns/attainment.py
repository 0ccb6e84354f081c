"""Pupil-level attainment at key stages 2, 3 and 4, with the National Pupil Database's names.

One CSV per key stage (KS2 tests, KS3 teacher assessment, KS4 GCSE), each keyed by UPN and
AcademicYear with the school's URN and LA. Levels and grades are text as published
(``"4"``, ``"N"``, ``"A*"``), because the non-numeric outcomes carry meaning.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cypp.returns.census import ACADEMIC_YEAR_PATTERN, LA_PATTERN, UPN_PATTERN, URN_PATTERN
from cypp.returns.reader import ReturnKind, read_return
from cypp.returns.result import ReturnRead
from cypp.returns.spec import Column, TableSpec, flag, text

#: KS2 test outcomes: levels 2-6; B below the level of the test, N no level awarded,
#: A absent, D disapplied, M missing, T unable to access the test, X not applicable.
KS2_LEVELS = frozenset({"2", "3", "4", "5", "6", "B", "N", "A", "D", "M", "T", "X"})
#: KS3 teacher assessment: W working towards level 1, levels 1-8, EP exceptional
#: performance, A absent (insufficient information), D disapplied, X not applicable.
KS3_LEVELS = frozenset({"W", "EP", "A", "D", "X"} | {str(n) for n in range(1, 9)})
#: GCSE grades A*-G, U unclassified, X absent or no result.
GCSE_GRADES = frozenset({"A*", "A", "B", "C", "D", "E", "F", "G", "U", "X"})


def _keyed(*columns: Column) -> tuple[Column, ...]:
    return (
        text("UPN", "unique pupil number", pattern=UPN_PATTERN),
        text("AcademicYear", "year of the assessment, e.g. 2009/10", pattern=ACADEMIC_YEAR_PATTERN),
        text("URN", "the school's unique reference number", pattern=URN_PATTERN),
        text("LA", "the school's three-digit LA number", pattern=LA_PATTERN),
        *columns,
    )


KS2 = TableSpec(
    "KS2",
    "Key stage 2 test levels in English and maths, one row per pupil.",
    _keyed(
        text("KS2_ENGLEV", "English level", codes=KS2_LEVELS),
        text("KS2_MATLEV", "maths level", codes=KS2_LEVELS),
    ),
    key=("UPN", "AcademicYear"),
)

KS3 = TableSpec(
    "KS3",
    "Key stage 3 teacher-assessed levels in English and maths, one row per pupil.",
    _keyed(
        text("KS3_ENGTALEV", "English teacher-assessed level", codes=KS3_LEVELS),
        text("KS3_MATTALEV", "maths teacher-assessed level", codes=KS3_LEVELS),
    ),
    key=("UPN", "AcademicYear"),
)

KS4 = TableSpec(
    "KS4",
    "Key stage 4 results: the 5+ A*-C including English and maths flag and GCSE grades.",
    _keyed(
        flag("KS4_LEVEL2_EM", "5 or more A*-C GCSEs (or equivalents) including English and maths"),
        text("KS4_HGENG", "highest GCSE grade in English", required=False, codes=GCSE_GRADES),
        text("KS4_HGMATH", "highest GCSE grade in maths", required=False, codes=GCSE_GRADES),
        text("KS4_TOE_CODE", "type of establishment (school type) code", required=False),
    ),
    key=("UPN", "AcademicYear"),
)

ATTAINMENT = ReturnKind(name="attainment", title="attainment", specs=(KS2, KS3, KS4))


def read_attainment(paths: Sequence[Path | str]) -> ReturnRead:
    """Read KS2, KS3 and KS4 pupil-level CSVs (files or folders of them).

    Raises ``ReturnError`` with every blocking problem in every file.
    """
    return read_return(paths, ATTAINMENT)
