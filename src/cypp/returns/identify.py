"""Working out which table a CSV holds from its header, not its file name.

Councils rename files freely ("903 header 2024 FINAL.csv"), so the header decides. Header
names are matched ignoring case and surrounding spaces; extra columns are ignored. A header
that nearly matches one table is reported as that table with its missing columns; one that
matches nothing is "not a <return> table", with the tables it could have been and, if it
belongs to another return, which one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cypp.problems import Problem
from cypp.returns.spec import TableSpec


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """A table identified from a header: which spec, and the header position of each column."""

    spec: TableSpec
    positions: dict[str, int]


#: Header names shown in a message; a file can have a million columns.
SHOWN_COLUMNS = 50


def _index(header: Sequence[str]) -> dict[str, int]:
    """Each casefolded header name's first position (built once per header, not per spec)."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name.casefold(), i)
    return index


def _positions(index: Mapping[str, int], spec: TableSpec) -> dict[str, int]:
    return {c.name: index[c.name.casefold()] for c in spec.columns if c.name.casefold() in index}


def _shown(header: Sequence[str]) -> str:
    if not header:
        return "(none)"
    more = len(header) - SHOWN_COLUMNS
    return ", ".join(header[:SHOWN_COLUMNS]) + (f" … and {more} more" if more > 0 else "")


def identify(
    header: Sequence[str],
    specs: Sequence[TableSpec],
    *,
    file: str,
    line: int,
    title: str,
    other_returns: Mapping[str, Sequence[TableSpec]] | None = None,
) -> HeaderMatch | Problem:
    """The table ``header`` belongs to, or a blocking problem saying why none fits."""
    found = _shown(header)
    index = _index(header)
    scored = [(spec, _positions(index, spec)) for spec in specs]
    complete = [(s, p) for s, p in scored if all(n in p for n in s.required)]
    if complete:
        best = max(len(p) for _, p in complete)
        top = [(s, p) for s, p in complete if len(p) == best]
        if len(top) == 1:
            return HeaderMatch(*top[0])
        names = " and ".join(s.name for s, _ in top)
        return Problem(
            file=file,
            line=line,
            rule="ambiguous-table",
            found=f"the header fits more than one {title} table ({names}); columns found: {found}",
            expected=f"the columns of exactly one {title} table",
            fix="a file holds one table: split it into one file per table",
        )
    near = _nearest(header, scored, specs)
    if near is not None:
        spec, positions = near
        missing = [n for n in spec.required if n not in positions]
        return Problem(
            file=file,
            line=line,
            rule="missing-column",
            found=f"this {title} {spec.name} file has no {', '.join(missing)} column"
            f"{'s' if len(missing) > 1 else ''}; columns found: {found}",
            expected=f"the {spec.name} columns {', '.join(spec.required)}",
            fix=f"add the missing column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} to the header (export the table again with all its columns)",
            column=", ".join(missing),
        )
    hint = _other_return(index, other_returns or {})
    return Problem(
        file=file,
        line=line,
        rule="not-a-table",
        found=f"not {a_or_an(title)} {title} table: columns found: {found}"
        + (f"; it looks like {a_or_an(hint)} {hint}" if hint else ""),
        expected=f"the header of one of the {title} tables: "
        + "; ".join(f"{s.name} ({', '.join(s.required)})" for s in specs),
        fix=(f"read it as {hint} instead, or " if hint else "")
        + "check this is the right file; if its first line is data, add the header row",
    )


def a_or_an(phrase: str) -> str:
    """The article for ``phrase``: acronyms go by their spoken letter ("an SSDA903")."""
    word = phrase.split()[0] if phrase.split() else phrase
    if word.isupper():
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in ("a", "e", "i", "o", "u") else "a"


def _nearest(
    header: Sequence[str],
    scored: list[tuple[TableSpec, dict[str, int]]],
    specs: Sequence[TableSpec],
) -> tuple[TableSpec, dict[str, int]] | None:
    """The one table a header is clearly meant to be, though it lacks required columns.

    It must share at least half of that table's columns, at least two, and at least one
    column that few tables have (CHILD and DOB alone say nothing about which table it is).
    """
    usage = Counter(name for spec in specs for name in spec.names)
    shared = {name for name, count in usage.items() if count > 2}
    candidates = [
        (spec, pos)
        for spec, pos in scored
        if len(pos) >= 2 and 2 * len(pos) >= len(spec.columns) and set(pos) - shared
    ]
    if not candidates:
        return None

    def score(item: tuple[TableSpec, dict[str, int]]) -> tuple[int, float]:
        spec, pos = item
        return len(pos), len(pos) / len(spec.columns)

    best = max(score(c) for c in candidates)
    top = [c for c in candidates if score(c) == best]
    return top[0] if len(top) == 1 else None


def _other_return(index: Mapping[str, int], others: Mapping[str, Sequence[TableSpec]]) -> str:
    for title, specs in others.items():
        for spec in specs:
            positions = _positions(index, spec)
            if all(name in positions for name in spec.required):
                return f"{title} {spec.name} table"
    return ""
