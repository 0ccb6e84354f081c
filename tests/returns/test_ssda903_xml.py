"""SSDA903 from the DfE XML, and how its tables compare with the CSV form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pyarrow.compute as pc
import pytest

from cypp.returns.build import canonical
from cypp.returns.result import ReturnRead
from cypp.returns.ssda903 import read_ssda903
from cypp.returns.ssda903.tables import XML_TABLES

from .helpers import FAKE_903, RETURNS, blocking, where

XML = RETURNS / "ssda903" / "xml"
PAIR = RETURNS / "ssda903" / "pair"


def test_an_indented_xml_file_gives_element_lines() -> None:
    read = read_ssda903([XML / "pretty.xml"])
    assert tuple(read.tables) == XML_TABLES
    assert {n: t.num_rows for n, t in read.tables.items()} == {
        "Header": 1,
        "Episodes": 1,
        "UASC": 0,  # <UASC>0</UASC> and no DUC
        "OC2": 1,
        "OC3": 0,
        "AD1": 0,
        "Reviews": 1,  # the empty <AREVIEW /> is no row
        "Missing": 0,
        "PlacedAdoption": 0,
        "PrevPerm": 0,
    }
    assert read.tables["Header"].to_pylist() == [
        {
            "CHILD": "101",  # CHILDID
            "SEX": "1",
            "DOB": date(2010, 2, 1),  # written 2010-02-01: ISO dates are accepted in XML
            "ETHNIC": "WBRI",
            "UPN": "A123456789012",
            "MOTHER": None,
            "MC_DOB": None,
            "_file": "pretty.xml",
            "_line": 4,  # <HEADER>
        }
    ]
    episode = read.tables["Episodes"].to_pylist()[0]
    assert (episode["PLACE"], episode["DEC"], episode["_line"]) == ("U1", date(2017, 9, 30), 24)
    oc2 = read.tables["OC2"].to_pylist()[0]
    assert (oc2["DOB"], oc2["SDQ_SCORE"], oc2["CONVICTED"], oc2["_line"]) == (
        date(2010, 2, 1),
        7,
        "0",
        18,
    )
    assert read.tables["Reviews"].column("_line").to_pylist() == [13]
    assert read.files[0].encoding == "xml"
    assert read.files[0].tables == XML_TABLES


def test_bad_values_point_at_their_element_and_child() -> None:
    problems = blocking(read_ssda903, XML / "bad_values.xml")
    assert where(problems) == [
        ("bad_values.xml", 19, "SDQ_SCORE", "x7", "integer-format"),
        ("bad_values.xml", 30, "DEC", "31/09/2017", "date-format"),
    ]
    assert problems[0].found == "CHILD 101, OC2 1: SDQ_SCORE 'x7' is not a whole number"
    assert problems[1].found == (
        "CHILD 101, EPISODE 1: DEC '31/09/2017' is not a real date (no such day in the calendar)"
    )
    assert problems[1].expected == (
        "a date as dd/mm/yyyy, e.g. 27/03/2008 (or yyyy-mm-dd, e.g. 2008-03-27)"
    )


def test_a_bad_child_level_value_is_reported_once(tmp_path: Path) -> None:
    xml = tmp_path / "dob.xml"
    xml.write_text(
        "<EXPSSDA903>\n<CHILD><HEADER>\n<CHILDID>7</CHILDID>\n<DOB>32/01/2010</DOB>\n"
        "<AREVIEW><REVIEW>01/02/2017</REVIEW></AREVIEW>\n<OC2><SDQ_SCORE>3</SDQ_SCORE></OC2>\n"
        "</HEADER></CHILD>\n</EXPSSDA903>\n"
    )
    problems = blocking(read_ssda903, xml)
    assert where(problems) == [("dob.xml", 4, "DOB", "32/01/2010", "date-format")]
    assert problems[0].found == (
        "CHILD 7, HEADER: DOB '32/01/2010' is not a real date (no such day in the calendar)"
    )


def test_equal_bad_values_on_one_line_are_each_reported(tmp_path: Path) -> None:
    episode = "<EPISODE><DECOM>01/02/2017</DECOM><DEC>31/09/2017</DEC></EPISODE>"
    xml = tmp_path / "one_line.xml"
    xml.write_text(
        f"<EXPSSDA903><CHILD><HEADER><CHILDID>7</CHILDID></HEADER>{episode}{episode}</CHILD>"
        f"<CHILD><HEADER><CHILDID>8</CHILDID></HEADER>{episode}</CHILD></EXPSSDA903>"
    )
    problems = blocking(read_ssda903, xml)
    assert [p.found.split(":")[0] for p in problems] == [
        "CHILD 7, EPISODE 1",
        "CHILD 7, EPISODE 2",
        "CHILD 8, EPISODE 1",
    ]
    assert {(p.line, p.column, p.value) for p in problems} == {(1, "DEC", "31/09/2017")}


@pytest.mark.parametrize(
    ("name", "line", "rule"),
    [
        ("entities.xml", None, "xml-unsafe"),  # a billion-laughs style entity expansion
        ("external.xml", None, "xml-unsafe"),  # an external entity pointing at a local file
        ("other_root.xml", 2, "not-ssda903-xml"),
        ("truncated.xml", 7, "xml-syntax"),
    ],
)
def test_unsafe_or_wrong_xml_blocks(name: str, line: int | None, rule: str) -> None:
    assert where(blocking(read_ssda903, XML / name)) == [(name, line, None, None, rule)]


def test_unsafe_xml_says_why() -> None:
    [problem] = blocking(read_ssda903, XML / "external.xml")
    assert problem.found.startswith("the XML declares entities or external references")


def test_csv_and_xml_forms_of_the_same_children_give_identical_tables() -> None:
    # pair/ holds five children copied verbatim from fake_903.xml, and the same children
    # written out as the DfE CSV tables (uasc.csv with a BOM and CRLF line ends).
    from_xml = read_ssda903([PAIR / "xml" / "fake_903_subset.xml"])
    from_csv = read_ssda903([PAIR])
    assert tuple(from_csv.tables) == XML_TABLES
    assert {n: t.num_rows for n, t in from_xml.tables.items()} == {
        "Header": 5,
        "Episodes": 12,
        "UASC": 1,
        "OC2": 5,
        "OC3": 1,
        "AD1": 1,
        "Reviews": 15,
        "Missing": 1,
        "PlacedAdoption": 1,
        "PrevPerm": 5,
    }
    for name in XML_TABLES:
        assert canonical(from_xml.tables[name]).equals(canonical(from_csv.tables[name])), name
    # One CHILD element per line in the subset file, children in file order.
    assert from_xml.tables["Header"].column("_line").to_pylist() == [3, 4, 5, 6, 7]
    assert from_xml.tables["Header"].column("CHILD").to_pylist() == [
        "907440",
        "608176",
        "996322",
        "381315",
        "187856",
    ]


@pytest.fixture(scope="module")
def both_forms() -> tuple[ReturnRead, ReturnRead]:
    return read_ssda903([FAKE_903]), read_ssda903([FAKE_903 / "xml" / "fake_903.xml"])


def test_the_vendored_xml_and_csvs_share_layout_not_children(
    both_forms: tuple[ReturnRead, ReturnRead],
) -> None:
    """The fake CSVs and fake_903.xml are two different synthetic returns.

    What both hold is the layout: every XML table has exactly the CSV table's schema. They
    share no child (the CSVs hold 2,675, the XML 253), and the XML has no social worker
    or DoLo tables.
    """
    csv, xml = both_forms
    assert set(csv.tables) - set(xml.tables) == {"SWEpisodes", "DoLo"}
    for name in XML_TABLES:
        assert xml.tables[name].schema == csv.tables[name].schema, name
    assert {n: t.num_rows for n, t in xml.tables.items()} == {
        "Header": 253,
        "Episodes": 459,
        "UASC": 12,
        "OC2": 253,
        "OC3": 6,
        "AD1": 3,
        "Reviews": 1206,
        "Missing": 6,
        "PlacedAdoption": 3,
        "PrevPerm": 253,
    }
    xml_children = set(xml.tables["Header"].column("CHILD").to_pylist())
    csv_children = set(csv.tables["Header"].column("CHILD").to_pylist())
    assert (len(xml_children), len(csv_children), xml_children & csv_children) == (
        253,
        2675,
        set(),
    )
    upns = set(xml.tables["Header"].column("UPN").to_pylist())
    assert upns & set(csv.tables["Header"].column("UPN").to_pylist()) == set()
    # In the XML an OC2 without a score has no SDQ_SCORE element at all: it reads as null.
    assert pc.count(xml.tables["OC2"].column("SDQ_SCORE")).as_py() == 122
    assert xml.findings == ()


def test_csv_and_xml_of_one_return_cannot_be_read_together() -> None:
    problems = blocking(read_ssda903, PAIR, PAIR / "xml" / "fake_903_subset.xml")
    assert where(problems) == [("fake_903_subset.xml", None, None, None, "duplicate-table")] * len(
        XML_TABLES
    )
    assert problems[0].found == (
        "this file holds a second SSDA903 Header table (the first is in header.csv)"
    )
