"""Local authority codes: one ``Area`` whichever way a source names it.

Sources name a council by its ONS code (``E10000018``), by its old three-digit DfE number
(``855``) or by its name, and LAIT names England and the regions by the pseudo-numbers 970
and 980–990. ``AreaRegistry`` resolves all of these. It is built from dfeR's
``old_la_codes.csv`` (numbers ↔ ONS codes, including predecessor councils), the ONS
LTLA→UTLA lookup (which councils exist today, and which district lies in which council), the
regions DfE publishes each council under, and LAIT's ``la_code_list``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from cypp.published import paths
from cypp.published.csvfile import read_csv
from cypp.published.errors import ProblemList, UnknownAreaError
from cypp.published.schema import LOCAL_AUTHORITY, NATIONAL, REGIONAL

ENGLAND = "E92000001"
LONDON = "E12000007"
_ONS_CODE = re.compile(r"[A-Za-z]\d{8}")
_LA_NUMBER = re.compile(r"\d{3}")

# LAIT's pseudo-numbers for England and the regions, with the ONS codes of those areas.
LAIT_AREA_CODES: dict[str, tuple[str, str]] = {
    "970": (ENGLAND, "England"),
    "980": ("E12000001", "North East"),
    "981": ("E12000002", "North West"),
    "982": ("E12000003", "Yorkshire and The Humber"),
    "983": ("E12000004", "East Midlands"),
    "984": ("E12000005", "West Midlands"),
    "985": ("E12000006", "East of England"),
    "986": (LONDON, "London"),
    "987": ("E13000001", "Inner London"),
    "988": ("E13000002", "Outer London"),
    "989": ("E12000008", "South East"),
    "990": ("E12000009", "South West"),
}
_ALIASES = {"E13000001": ("London (Inner)",), "E13000002": ("London (Outer)",)}


@dataclass(frozen=True, slots=True)
class Area:
    """A council, region or England. ``region_*`` is the English region (London for the
    inner and outer London sub-regions); ``current`` is False for a predecessor council."""

    ons_code: str
    la_number: str | None
    name: str
    region_code: str | None
    region_name: str | None
    geographic_level: str
    current: bool = True
    lait_code: str | None = None


def _key(name: str) -> str:
    return " ".join(name.replace("&", "and").casefold().split())


class AreaRegistry:
    """Every known area, indexed by ONS code, LA number, LAIT code and name."""

    def __init__(self, areas: Iterable[Area], ltla_to_utla: dict[str, str]) -> None:
        self.by_code: dict[str, Area] = {}
        self.by_number: dict[str, list[Area]] = {}
        self.by_lait_code: dict[str, Area] = {}
        self._by_name: dict[str, list[Area]] = {}
        self._names: dict[str, str] = {}  # key -> name as spelt, for suggestions
        self.ltla_to_utla = dict(ltla_to_utla)
        for area in areas:
            self.by_code[area.ons_code] = area
            if area.la_number:
                self.by_number.setdefault(area.la_number, []).append(area)
            if area.lait_code:
                self.by_lait_code[area.lait_code] = area
            self.add_name(area.name, area)
            for alias in _ALIASES.get(area.ons_code, ()):
                self.add_name(alias, area)
        for areas_of in self.by_number.values():
            areas_of.sort(key=lambda a: not a.current)  # current council first

    def add_name(self, name: str, area: Area) -> None:
        """Let ``name`` (e.g. LAIT's or DfE's spelling) resolve to ``area``."""
        key = _key(name)
        listed = self._by_name.setdefault(key, [])
        if area not in listed:
            listed.append(area)
            listed.sort(key=lambda a: not a.current)
        self._names.setdefault(key, name)

    def areas(self) -> list[Area]:
        return list(self.by_code.values())

    def find(self, value: str | int) -> Area | None:
        """The area ``value`` names, or None. A number or name shared by a predecessor and
        a current council resolves to the current one."""
        text = str(value).strip()
        if _ONS_CODE.fullmatch(text):
            return self.by_code.get(text.upper())
        if _LA_NUMBER.fullmatch(text):
            if text in self.by_lait_code:
                return self.by_lait_code[text]
            numbered = self.by_number.get(text)
            return numbered[0] if numbered else None
        named = self._by_name.get(_key(text))
        return named[0] if named else None

    def resolve(self, value: str | int) -> Area:
        """The area ``value`` names; ``UnknownAreaError`` with close matches otherwise."""
        area = self.find(value)
        if area is None:
            raise UnknownAreaError(self._unknown_message(str(value).strip()))
        return area

    def upper_tier(self, value: str | int) -> Area:
        """The council (upper-tier authority) responsible for a district's children.

        ``value`` is a lower-tier (district) ONS code or any name ``resolve`` accepts.
        """
        text = str(value).strip().upper()
        if text in self.ltla_to_utla:
            return self.resolve(self.ltla_to_utla[text])
        return self.resolve(value)

    def _unknown_message(self, text: str) -> str:
        if _ONS_CODE.fullmatch(text):
            kind, probe = "ONS code", text.upper()
            matches = _nearest_codes(probe, [*self.by_code, *self.ltla_to_utla])
        elif text.isdigit():
            kind, probe = "LA number", text
            matches = _nearest_codes(probe, [*self.by_number, *self.by_lait_code])
        else:
            kind = "area name"
            found = difflib.get_close_matches(_key(text), list(self._names), n=4, cutoff=0.6)
            matches = [self._names[m] for m in found]
        hints = list(dict.fromkeys(self._describe(m) for m in matches))
        hint = f" Did you mean: {'; '.join(hints)}?" if hints else ""
        return (
            f"Unknown area {text!r}: no {kind} that cypp knows matches it.{hint} "
            "Give an ONS code (E10000018), a three-digit LA number (855) or a council's "
            "exact name (Leicestershire)."
        )

    def _describe(self, token: str) -> str:
        area = self.find(token) or self.find(self.ltla_to_utla.get(token, token))
        if area is None:
            return token
        number = area.lait_code or area.la_number
        return f"{number + ' ' if number else ''}{area.name} ({area.ons_code})"


def _edits(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring characters as one edit: the
    usual slip when typing a code (E10000081 for E10000018)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i]
        for j, cb in enumerate(b, start=1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def _nearest_codes(probe: str, codes: list[str]) -> list[str]:
    """Up to four codes within two edits of ``probe``, nearest first (difflib's ratio
    breaks ties)."""
    scored = []
    for code in set(codes):
        distance = _edits(probe, code)
        if distance <= 2:
            ratio = difflib.SequenceMatcher(None, probe, code).ratio()
            scored.append((distance, -ratio, code))
    return [code for _, _, code in sorted(scored)[:4]]


def _read_regions(path: Path) -> dict[str, tuple[str, str]]:
    """ONS code and LA number → (region code, region name) from a DfE tidy file that lists
    every council under its region (the ONS population file, 2012–2024, does)."""
    problems = ProblemList(path)
    header, records = read_csv(path)
    needed = ("geographic_level", "region_code", "region_name", "old_la_code", "new_la_code")
    if problems.missing_columns(header, needed):
        problems.raise_if_any("council regions")
    at = {c: header.index(c) for c in needed}
    regions: dict[str, tuple[str, str]] = {}
    for _, fields in records:
        if fields[at["geographic_level"]] != LOCAL_AUTHORITY:
            continue
        code, name = fields[at["region_code"]], fields[at["region_name"]]
        if code.startswith("E13"):  # inner/outer London are sub-regions of London
            code, name = LONDON, "London"
        regions[fields[at["new_la_code"]]] = (code, name)
        regions.setdefault(fields[at["old_la_code"]], (code, name))
    return regions


def read_la_code_list(path: Path) -> list[tuple[str, str, str, str]]:
    """LAIT's ``la_code_list`` (``.xlsx`` as published, or the vendored ``.csv``):
    ``(LA Number, LA Name, Region, Type)`` rows."""
    columns = ("LA Number", "LA Name", "Region", "Type")
    problems = ProblemList(path)
    rows: list[list[str]] = []
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        cells = [
            ["" if c is None else str(c).strip() for c in row]
            for row in book.worksheets[0].iter_rows(values_only=True)
        ]
        book.close()
        header, body = (cells[0], list(enumerate(cells[1:], start=2))) if cells else ([], [])
    else:
        header, records = read_csv(path)
        body = list(records)
    if problems.missing_columns(header, columns):
        problems.raise_if_any("LAIT's LA code list")
    at = [header.index(c) for c in columns]
    for _, fields in body:
        if fields and fields[at[0]]:
            rows.append([fields[i] for i in at])
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def load_areas(
    old_la_codes: Path,
    ltla_utla: Path,
    regions_from: Path,
    la_code_list: Path | None = None,
) -> AreaRegistry:
    """Build the registry from dfeR's ``old_la_codes.csv``, the ONS LTLA→UTLA lookup, a
    DfE tidy file giving each council's region, and optionally LAIT's ``la_code_list``."""
    problems = ProblemList(old_la_codes)
    header, records = read_csv(old_la_codes)
    if problems.missing_columns(header, ("la_name", "old_la_code", "new_la_code")):
        problems.raise_if_any("LA codes")
    name_at, old_at, new_at = (header.index(c) for c in ("la_name", "old_la_code", "new_la_code"))
    coded = [(f[name_at], f[old_at], f[new_at]) for _, f in records]

    lookup = ProblemList(ltla_utla)
    lheader, lrecords = read_csv(ltla_utla)
    lcols = ("LTLA23CD", "LTLA23NM", "UTLA23CD", "UTLA23NM")
    if lookup.missing_columns(lheader, lcols):
        lookup.raise_if_any("the LTLA→UTLA lookup")
    li = [lheader.index(c) for c in lcols]
    ltla = [tuple(f[i] for i in li) for _, f in lrecords]
    utla_names = {row[2]: row[3] for row in ltla}
    regions = _read_regions(regions_from)

    areas: list[Area] = [Area(ENGLAND, None, "England", None, None, NATIONAL, True, "970")]
    for lait_code, (code, name) in LAIT_AREA_CODES.items():
        if code == ENGLAND:
            continue
        parent = (LONDON, "London") if code.startswith("E13") else (code, name)
        areas.append(Area(code, None, name, parent[0], parent[1], REGIONAL, True, lait_code))
    seen = {a.ons_code for a in areas}
    for name, number, code in coded:
        if not _ONS_CODE.fullmatch(code) or code in seen:
            continue
        la_number = number if _LA_NUMBER.fullmatch(number) else None
        region = regions.get(code) or regions.get(la_number or "")
        areas.append(
            Area(
                code,
                la_number,
                name,
                region[0] if region else None,
                region[1] if region else None,
                LOCAL_AUTHORITY,
                current=code in utla_names,
            )
        )
        seen.add(code)
    for code, name in utla_names.items():  # a council dfeR does not list yet
        if code not in seen:
            found = regions.get(code)
            region_code, region_name = found if found else (None, None)
            areas.append(Area(code, None, name, region_code, region_name, LOCAL_AUTHORITY))
            seen.add(code)
    registry = AreaRegistry(areas, {row[0]: row[2] for row in ltla})
    for code, name in utla_names.items():
        registry.add_name(name, registry.by_code[code])
    if la_code_list is not None:
        for number, name, _, _ in read_la_code_list(la_code_list):
            area = registry.find(number)
            if area is not None:
                registry.add_name(name, area)
    return registry


@lru_cache(maxsize=1)
def default_areas() -> AreaRegistry:
    """The registry built from the vendored reference files."""
    return load_areas(paths.OLD_LA_CODES, paths.LTLA_UTLA, paths.ONS_POPULATION, paths.LA_CODE_LIST)


def resolve_area(value: str | int) -> Area:
    """Resolve an ONS code, a three-digit LA number (or LAIT's 970/980–990) or an exact
    council name to an ``Area``; raises ``UnknownAreaError`` naming close matches."""
    return default_areas().resolve(value)
