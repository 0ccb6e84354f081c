"""The DfE's own rule list: message, affected fields and tables for each SSDA903 rule code.

Read at run time from the vendored ``cypp/data/ssda903_rules/903_<year>_rule_info.csv`` so the
wording shown to analysts is the DfE's, not a retyped copy.
"""

from __future__ import annotations

import ast
import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

COLLECTIONS = ("2024_25", "2023_24")  # newest first: a code takes its newest wording


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One row of the DfE rule list."""

    code: str
    message: str
    affected_fields: tuple[str, ...]
    tables: tuple[str, ...]
    collection: str


@cache
def rule_list(collection: str = "2024_25") -> dict[str, RuleInfo]:
    """Every rule of one collection year (``"2024_25"`` or ``"2023_24"``), keyed by code."""
    if collection not in COLLECTIONS:
        raise ValueError(f"no SSDA903 rule list for {collection!r}; known: {COLLECTIONS}")
    name = f"903_{collection}_rule_info.csv"
    source = resources.files("cypp").joinpath("data", "ssda903_rules", name)
    rules: dict[str, RuleInfo] = {}
    with io.StringIO(source.read_text(encoding="utf-8")) as handle:
        for row in csv.DictReader(handle):
            code = row["Rule code"].strip()
            rules[code] = RuleInfo(
                code=code,
                message=" ".join(row["Rule message"].split()),
                affected_fields=_names(row["Affected fields"]),
                tables=_names(row["Tables"]),
                collection=collection,
            )
    return rules


def rule_info(code: str) -> RuleInfo:
    """The DfE entry for ``code``, from the newest collection year that lists it."""
    for collection in COLLECTIONS:
        found = rule_list(collection).get(code)
        if found is not None:
            return found
    raise KeyError(f"SSDA903 rule {code!r} is not in the DfE rule lists {COLLECTIONS}")


def _names(cell: str) -> tuple[str, ...]:
    """A cell such as ``"['DEC', 'REC']"`` as a tuple of names."""
    cell = cell.strip()
    if not cell:
        return ()
    value = ast.literal_eval(cell)
    return tuple(str(name) for name in value)
