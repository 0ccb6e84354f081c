"""The board report workbook, read back with openpyxl (the small report of test_open_data)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cypp.report.open_data import COLUMNS, tidy_rows
from cypp.report.xlsx import write_xlsx
from cypp.report.xlsx_cells import cell_value, sheet_title
from tests.report.test_open_data import INJECTION, hand_report

SHEETS = [
    "Summary",
    "1 Emotional health",
    "2 Raising attainment",
    "3 Children in care",
    "4 Attendance and engagement",
    "5 Active involvement",
    "6 Supporting parents",
    "Equity",
    "Data",
    "Notes",
]


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_xlsx(hand_report(), path)
    return openpyxl.load_workbook(path)


def cells(ws: Worksheet) -> Iterator[Cell]:
    for row in ws.iter_rows():
        yield from (c for c in row if isinstance(c, Cell))


def row_of(ws: Worksheet, first: str) -> list[Cell]:
    """The cells of the first row whose column A holds ``first``."""
    for row in ws.iter_rows():
        if row[0].value == first:
            return [c for c in row if isinstance(c, Cell)]
    raise AssertionError(f"no row starting {first!r} in {ws.title}")


def texts(ws: Worksheet) -> list[str]:
    return [c.value for c in cells(ws) if isinstance(c.value, str)]


def test_sheets_are_named_within_excel_rules(book: Workbook) -> None:
    assert book.sheetnames == SHEETS
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_sheet_title_cuts_cleans_and_deduplicates() -> None:
    taken = {"summary"}
    long = "Raising attainment for all children and young people"
    assert sheet_title(long, taken) == "Raising attainment for all"  # cut at a word, ≤ 31
    assert sheet_title(long, taken) == "Raising attainment for all (2)"
    assert sheet_title("'Summary'", taken) == "Summary (2)"  # apostrophes off, then unique
    assert sheet_title("KS3/KS4: [maths]?*", taken) == "KS3 KS4 maths"
    assert sheet_title("x" * 40, taken) == "x" * 31  # one long word is cut where it must be


def test_summary_numbers_are_numbers_and_suppressed_is_c(book: Workbook) -> None:
    ws = book["Summary"]
    assert ws["A1"].value.startswith("Leicestershire Children and Young People's Plan")
    assert any(t.startswith("ILLUSTRATIVE TARGETS") for t in texts(ws))
    header = [c.value for c in row_of(ws, "Indicator")]
    assert header[:11] == ["Indicator", "Title", "Period", "Value", "CI lower", "CI upper",
                           "Unit", "Target", "Target type", "Status", "Direction"]  # fmt: skip
    ni75 = {h: c for h, c in zip(header, row_of(ws, "NI 75"), strict=False)}
    assert (ni75["Value"].value, ni75["Value"].data_type, ni75["Value"].number_format) == (
        57.5, "n", "0.0"
    )  # fmt: skip
    assert (ni75["CI lower"].value, ni75["Target"].value, ni75["Status"].value) == (55, 56, "met")
    assert (ni75["England"].value, ni75["Neighbours"].value, ni75["Band"].value) == (55, 60, "B")
    assert (ni75["Rank"].value, ni75["Of"].value) == (2, 4)
    ni101 = {h: c for h, c in zip(header, row_of(ws, "NI 101"), strict=False)}
    assert (ni101["Value"].value, ni101["Value"].data_type) == ("c", "s")
    fss = {h: c for h, c in zip(header, row_of(ws, "Family Support"), strict=False)}
    assert fss["Status"].value == "not yet established" and fss["Value"].value is None
    # the outcome scorecard: NI 75 met, NI 101 suppressed (not assessed) in Enjoy and achieve
    card = [c.value for c in row_of(ws, "enjoy-and-achieve")]
    assert card[1:4] == ["Enjoy and achieve", 1, 0]


def test_priority_sheet_has_series_commentary_and_actions(book: Workbook) -> None:
    ws = book["2 Raising attainment"]
    assert ws["A1"].value == (
        "Raising attainment for all children and young people particularly progress rates "
        "between Key Stage 3 and Key Stage 4"
    )
    series = [[c.value for c in row[:6]] for row in ws.iter_rows() if row[0].value == "2010/11"]
    assert series[0] == ["2010/11", 57.5, 55, 60, 56, "target"]  # NI 75, the first measure
    assert [c.value for c in row_of(ws, "2009/10")[:4]] == ["2009/10", 52, 50, 54]
    # the commentary written as a formula lands as text, never as a formula
    assert "'" + INJECTION in texts(ws)
    assert "No commentary yet." in texts(ws)  # NI 97 has none
    actions = [c.value for c in row_of(ws, "Action")[:5]]
    assert actions == ["Action", "Owner", "Status", "Update", "Milestones"]
    assert "'+ see the board minutes" in texts(ws) and "at risk" in texts(ws)


def test_not_yet_established_says_what_the_plan_says(book: Workbook) -> None:
    found = texts(book["6 Supporting parents"])
    assert "not yet established" in found
    assert any(
        t.startswith("The plan says: Implementing the Family Support Strategy") for t in found
    )


def test_data_sheet_is_the_tidy_rows_as_a_table(book: Workbook) -> None:
    ws = book["Data"]
    rows = tidy_rows(hand_report())
    assert [c.value for c in ws[1]] == list(COLUMNS)
    assert ws.max_row == len(rows) + 1
    assert ws.freeze_panes == "A2"
    table = ws.tables["OpenData"]
    assert table.ref == f"A1:AC{len(rows) + 1}"
    for r, row in enumerate(rows, start=2):
        assert [c.value for c in ws[r]] == [cell_value(row[c]) for c in COLUMNS]
    value_at = COLUMNS.index("value") + 1
    first = ws.cell(row=2, column=value_at)  # NI 50 has no figure: x
    assert first.value == "x"
    ni75 = next(i for i, row in enumerate(rows, start=2)
                if row["indicator"] == "NI075" and row["period"] == "2010/11")  # fmt: skip
    cell = ws.cell(row=ni75, column=value_at)
    assert (cell.value, cell.data_type, cell.number_format) == (57.5, "n", "0.0")
    period = ws.cell(row=ni75, column=1)
    assert (period.value, period.data_type) == (201011, "n")
    assert "'=1+1" in texts(ws)


def test_no_formula_and_no_nan_anywhere(book: Workbook) -> None:
    for ws in book.worksheets:
        for cell in cells(ws):
            assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
            if isinstance(cell.value, str):
                assert not re.search(r"\b(nan|NaN|None)\b", cell.value), (ws.title, cell.value)


def test_notes_give_symbols_suppression_and_definitions(book: Workbook) -> None:
    found = texts(book["Notes"])
    assert {"c", "x", "z"} <= set(found)
    assert any("count from 1 to 5 is withheld and shown as c" in t for t in found)
    assert any("worse by no more than 5% of the aim" in t for t in found)
    assert "Attainment (Key Stage results): 2009/10 to 2010/11" in found
    assert [c.value for c in row_of(book["Notes"], "NI 75")][:3] == [
        "NI 75", "Achievement of 5 or more A*-C grades at GCSE or equivalent including English and Maths", "%"
    ]  # fmt: skip


def test_no_warning_when_the_targets_are_the_councils(tmp_path: Path) -> None:
    path = tmp_path / "real.xlsx"
    write_xlsx(hand_report(illustrative=False), path)
    book = openpyxl.load_workbook(path)
    assert not any("ILLUSTRATIVE TARGETS" in t for ws in book.worksheets for t in texts(ws))


def test_cell_values() -> None:
    assert cell_value(None) is None and cell_value("") is None
    assert cell_value(float("nan")) is None
    assert cell_value("-5 pupils") == "'-5 pupils" and cell_value(-5) == -5
    assert cell_value("bell\x07") == "bell"  # a control character Excel refuses
