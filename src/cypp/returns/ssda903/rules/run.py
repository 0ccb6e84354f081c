"""The registry of SSDA903 rules and the function that runs them all."""

from __future__ import annotations

import datetime as dt

from cypp.problems import Problem

# Importing the rule modules is what registers their rules.
from cypp.returns.ssda903.rules import (  # noqa: F401
    adoption,
    code_lists,
    episode_sequence,
    episodes,
    header,
    integrity,
    other_tables,
)
from cypp.returns.ssda903.rules.model import REGISTERED, Rule, Tables


def _code_order(rule: Rule) -> tuple[bool, int, str]:
    """Numeric codes in numeric order (197a after 196), then the lettered ones (INT, SW)."""
    digits = len(rule.code) - len(rule.code.lstrip("0123456789"))
    return (digits == 0, int(rule.code[:digits] or 0), rule.code)


RULES: tuple[Rule, ...] = tuple(sorted(REGISTERED, key=_code_order))
RULES_BY_CODE: dict[str, Rule] = {r.code: r for r in RULES}


def check_ssda903(tables: Tables, *, collection_year_end: dt.date) -> tuple[Problem, ...]:
    """Every rule's findings on the canonical tables, sorted by file, line and rule.

    ``collection_year_end`` is the last day of the collection year (31 March). Rules whose
    tables are absent are skipped. Findings never block a load on their own.
    """
    if not isinstance(collection_year_end, dt.date) or isinstance(collection_year_end, dt.datetime):
        raise TypeError(f"collection_year_end must be a date, not {collection_year_end!r}")
    found: list[Problem] = []
    for rule in RULES:
        found.extend(rule.check(tables, collection_year_end=collection_year_end))
    return tuple(sorted(found, key=_order))


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, -1 if problem.line is None else problem.line, problem.rule)
