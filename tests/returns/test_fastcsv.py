"""The Arrow fast path reads every file exactly as the row-by-row path does, or declines.

``read_clean_csv`` (pyarrow) and ``read_csv_rows`` (the ``csv`` module, value by value) must
give the same table — values, nulls, ``_file`` and ``_line`` — and the same problems, in the
same order, for any file the fast path accepts; and it must accept clean files, including
ones with bad values (those are found column at a time, then placed one by one).
"""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cypp.returns.attainment import ATTAINMENT
from cypp.returns.census import SCHOOL_CENSUS
from cypp.returns.nccis import NCCIS
from cypp.returns.reader import FileResult, ReturnKind, read_clean_csv, read_csv_rows
from cypp.returns.spec import TableSpec
from cypp.returns.ssda903 import SSDA903
from cypp.returns.survey import PUPIL_SURVEY

#: Values that parse differently in different hands: signs, widths, impossible dates,
#: non-ASCII digits and spaces, case, quotes, commas.
ODD = (
    "", " ", "  \t", "0", "-0", "+1", "007", "2147483647", "2147483648", "-2147483649",
    "9" * 40, "1.5", ".5", "5.", "+.5", "1,5", "1e5", "NaN", "٣", "３", "true", "TRUE", " yes ",
    "Y", "maybe", "yeſ", "31/02/2016", "29/02/2016", "29/02/2015", "1/2/2010", "01/01/0000",
    "00/00/0000", "31/12/9999", "2016-02-30", "2010-01-21", " 2010-01-21 ", "0000-01-01",
    "21/01/2010", "x", '"', 'a"b', "a,b", "Ω≈ç√", "\u00a0", "\u00a01\u00a0", "\x0c", "\t7",
    "A123456789012", "K855215296002", "K85521529600", "LE18 8TA", "LE18 8T", "855", "85",
    "2009/10", "2009-10", "298329", "WBRI", "wbri", "F", "f", "5HT", "SPR", "240", "999",
)  # fmt: skip

KINDS: tuple[tuple[ReturnKind, TableSpec], ...] = tuple(
    (kind, spec)
    for kind in (SCHOOL_CENSUS, ATTAINMENT, NCCIS, PUPIL_SURVEY, SSDA903)
    for spec in kind.specs
    if kind is not SSDA903 or spec.name in ("Header", "Episodes", "OC2")
)


def _write(header: list[str], rows: list[list[str]], style: str) -> str:
    out = io.StringIO()
    terminator = "\r\n" if style == "crlf" else "\n"
    if style == "quote-all":
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator=terminator)
    else:
        writer = csv.writer(out, lineterminator=terminator)
    if style == "leading-blank":
        out.write("\n,,\n")
    writer.writerow(header)
    for i, row in enumerate(rows):
        writer.writerow(row)
        if style == "blank-lines" and i % 2 == 0:
            out.write("\n")
        if style == "blank-cells" and i % 3 == 1:
            out.write("," * (len(header) - 1) + "\n")
    return out.getvalue()


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[ReturnKind, str]:
    kind, spec = draw(st.sampled_from(KINDS))
    columns = [c.name for c in spec.columns if c.required or draw(st.booleans())]
    if draw(st.booleans()):
        columns = [*columns, "LocalExtra"]
    valid = {c.name: sorted(c.codes) if c.codes else [] for c in spec.columns}
    pool = st.one_of(st.sampled_from(ODD), st.text(max_size=6))
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = []
        for name in columns:
            choices = valid.get(name) or []
            value = draw(st.sampled_from(choices) | pool) if choices else draw(pool)
            row.append(value)
        rows.append(row)
    header = [name.lower() if draw(st.booleans()) else name for name in columns]
    style = draw(
        st.sampled_from(
            ("minimal", "quote-all", "crlf", "blank-lines", "blank-cells", "leading-blank")
        )
    )
    return kind, _write(header, rows, style)


def _same(fast: FileResult, rows: FileResult) -> None:
    assert [name for name, _ in fast.parts] == [name for name, _ in rows.parts]
    for (_, a), (_, b) in zip(fast.parts, rows.parts, strict=True):
        assert a.schema == b.schema
        assert a.to_pylist() == b.to_pylist()
    assert fast.problems == rows.problems


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_files())
def test_the_fast_path_reads_any_file_it_accepts_as_the_row_by_row_path_does(
    case: tuple[ReturnKind, str],
) -> None:
    kind, text = case
    fast = read_clean_csv(text, "t.csv", kind)
    if fast is not None:
        _same(fast, read_csv_rows(text, "t.csv", kind))


ATTENDANCE = (
    "UPN,URN,AcademicYear,Term,SessionsPossible,SessionsAuthorised,SessionsUnauthorised\n"
    "K855215296002,298329,2009/10,5HT,320,8,1\n"
    "\n"
    "K855215296003,298329,2009/10,5HT,+320,x,-1\n"
    ",,,,,,\n"
    '"K855215296004","298329","2009/10","5HT","3000000000","1","1"\n'
)


def test_a_clean_file_with_bad_values_takes_the_fast_path_with_the_same_problems() -> None:
    fast = read_clean_csv(ATTENDANCE, "att.csv", SCHOOL_CENSUS)
    assert fast is not None
    _same(fast, read_csv_rows(ATTENDANCE, "att.csv", SCHOOL_CENSUS))
    [(name, table)] = fast.parts
    assert name == "Attendance"
    # lines 1 (header), 3 (blank) and 5 (blank cells) are not records
    assert table.column("_line").to_pylist() == [2, 4, 6]
    assert table.column("SessionsPossible").to_pylist() == [320, 320, None]
    assert table.column("SessionsUnauthorised").to_pylist() == [1, -1, 1]
    assert [(p.line, p.rule, p.column) for p in fast.problems] == [
        (4, "integer-format", "SessionsAuthorised"),
        (6, "integer-format", "SessionsPossible"),
    ]


def test_files_the_two_parsers_could_read_differently_are_declined() -> None:
    header = "UPN,URN,AcademicYear,Term,SessionsPossible,SessionsAuthorised,SessionsUnauthorised\n"
    row = "K855215296002,298329,2009/10,5HT,320,8,1"
    for body in (
        row + ",\n",  # a trailing empty cell: the csv module allows it, Arrow does not
        row.replace("5HT", '"5H"T') + "\n",  # a quote closed mid-value
        row.replace("5HT", '"5H\nT"') + "\n",  # a value across two lines
        row + "\r" + row + "\n",  # a lone carriage return ends a line
        row.replace("5HT", "5HT\u00a0") + "\n",  # a space str.strip sees and Arrow does not
        row.replace("5HT", "5HT,extra") + "\n",  # a row wider than the header
    ):
        assert read_clean_csv(header + body, "att.csv", SCHOOL_CENSUS) is None
