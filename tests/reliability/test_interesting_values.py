"""Grids walked whole on every run, where hypothesis only samples: every value that has
tripped a parser in every column of every seed (read or refused), and every formula string
in every column (a text column keeps it exactly).

A value such as 5,000 digits in a whole-number column (``int()`` refuses more than 4,300) is
so met in every column of every reader.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest

from tests.reliability.contract import _check_formula, run_case
from tests.reliability.seeds import targets
from tests.reliability.strategies import (
    AREA_NAME_COLUMNS,
    FORMULAS,
    INTERESTING,
    XML_TEXT_FIELDS,
    seed_text,
)

CSV_TARGETS = ("ssda903-csv", "census", "attainment", "nccis", "survey", "published-csv")


@pytest.mark.parametrize("target", CSV_TARGETS)
def test_every_value_in_every_column(target: str) -> None:
    chosen = targets()[target]
    failures: list[str] = []
    for seed in chosen.seeds:
        rows = list(csv.reader(io.StringIO(seed_text(seed), newline="")))
        for value in INTERESTING:
            rows_now = [rows[0], [value] * len(rows[0]), *rows[2:]]
            out = io.StringIO(newline="")
            csv.writer(out).writerows(rows_now)
            try:
                run_case(chosen.reader, [(seed.name, out.getvalue().encode("utf-8"))])
            except AssertionError as err:
                failures.append(f"{seed.name} {value[:20]!r}: {err}")
            except Exception as err:  # the contract is broken: collect, then report all
                failures.append(f"{seed.name} {value[:20]!r}: {type(err).__name__}: {err}")
    assert not failures, "\n".join(failures[:10])


def test_every_value_in_every_xml_field() -> None:
    chosen = targets()["ssda903-xml"]
    failures: list[str] = []
    for seed in chosen.seeds:
        text = seed_text(seed)
        for value in INTERESTING:
            body = (
                value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .encode("ascii", "xmlcharrefreplace").decode("ascii")
            )  # fmt: skip
            # every leaf element's text becomes the value
            hostile = re.sub(r"<(\w+)>[^<]*</\1>", _leaf_holding(body), text)
            try:
                run_case(chosen.reader, [(seed.name, hostile.encode("utf-8"))])
            except Exception as err:
                failures.append(f"{seed.name} {value[:20]!r}: {type(err).__name__}: {err}")
    assert not failures, "\n".join(failures[:10])


def _leaf_holding(body: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return f"<{match[1]}>{body}</{match[1]}>"

    return replace


@pytest.mark.parametrize("target", CSV_TARGETS)
def test_formula_strings_in_every_column_load_as_text(target: str) -> None:
    """Each column of each seed holds formula strings (a different one per row, every one
    somewhere); published files hold them in their area names."""
    chosen = targets()[target]
    failures: list[str] = []
    for seed in chosen.seeds:
        rows = list(csv.reader(io.StringIO(seed_text(seed), newline="")))
        header = [h.strip() for h in rows[0]]
        if target == "published-csv":
            groups = [[i for i, h in enumerate(header) if h in AREA_NAME_COLUMNS]]
        else:
            groups = [[i] for i in range(len(header))]
        for shift, columns in enumerate(groups):
            # every formula somewhere, repeating rows if need be (published files refuse
            # repeated rows, and their nine seeds have rows enough)
            spread = target != "published-csv"
            count = max(len(rows) - 1, len(FORMULAS) if spread else 0)
            values = [FORMULAS[(shift + r) % len(FORMULAS)] for r in range(count)]
            body = [list(rows[1 + r % (len(rows) - 1)]) for r in range(count)]
            for row, value in zip(body, values, strict=True):
                for i in columns:
                    row[i] = value
            out = io.StringIO(newline="")
            csv.writer(out).writerows([rows[0], *body])
            name = "area_name" if target == "published-csv" else header[columns[0]]
            outcome = run_case(chosen.reader, [(seed.name, out.getvalue().encode("utf-8"))])
            try:
                _check_formula(outcome, name, tuple(values))
            except AssertionError as err:
                failures.append(f"{seed.name} {name}: {err}")
    assert not failures, "\n".join(failures[:10])


def test_formula_strings_in_every_xml_text_field_load_as_text() -> None:
    chosen = targets()["ssda903-xml"]
    failures: list[str] = []
    for seed in chosen.seeds:
        text = seed_text(seed)
        for tag, column in XML_TEXT_FIELDS.items():
            if f"<{tag}>" not in text:
                continue
            for value in FORMULAS:
                body = (
                    value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .encode("ascii", "xmlcharrefreplace").decode("ascii")
                )  # fmt: skip
                hostile = re.sub(f"<{tag}>[^<]*</{tag}>", _always(f"<{tag}>{body}</{tag}>"), text)
                outcome = run_case(chosen.reader, [(seed.name, hostile.encode("utf-8"))])
                expected = value.replace("\r\n", "\n").replace("\r", "\n").strip()
                try:
                    _check_formula(outcome, column, (expected,))
                except AssertionError as err:
                    failures.append(f"{seed.name} {tag} {value!r}: {err}")
    assert not failures, "\n".join(failures[:10])


def _always(text: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return text

    return replace
