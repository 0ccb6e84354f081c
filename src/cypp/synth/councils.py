"""England's councils of 2010 for the synthetic nation: names, codes, sizes and districts.

Read from the vendored ``data/councils.csv`` and ``data/districts.csv`` (see the README there
for sources). Sizes and ratios only scale and tilt the synthetic councils.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from cypp.synth.years import SynthError

DEFAULT_AREA = "E10000018"  # Leicestershire


@dataclass(frozen=True, slots=True)
class District:
    """A district of a council and the postcode districts (outward codes) its homes have."""

    code: str
    name: str
    outward_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Council:
    """One council: codes, region, size and the ratios that tilt its synthetic figures."""

    number: str  # the DfE three-digit LA number
    code: str  # the ONS code
    name: str
    region_code: str
    region_name: str
    population: int  # children aged 0-17, 2012
    cla_ratio: float  # children looked after per 10,000 / England's
    conception_ratio: float  # under-18 conception rate / England's
    postcode_areas: tuple[str, ...]
    districts: tuple[District, ...]

    @property
    def is_county(self) -> bool:
        """A shire county (many districts, small village schools)."""
        return self.code.startswith("E10")

    @property
    def is_london(self) -> bool:
        return self.region_code == "E12000007"


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("cypp").joinpath("synth", "data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def councils() -> tuple[Council, ...]:
    """All 150 councils, in LA number order."""
    districts: dict[str, list[District]] = {}
    for row in _read("districts.csv"):
        districts.setdefault(row["council_code"], []).append(
            District(
                row["district_code"], row["district_name"], tuple(row["outward_codes"].split())
            )
        )
    return tuple(
        Council(
            number=row["la_number"],
            code=row["ons_code"],
            name=row["la_name"],
            region_code=row["region_code"],
            region_name=row["region_name"],
            population=int(row["population_0_17_2012"]),
            cla_ratio=float(row["cla_rate_ratio_2021"]),
            conception_ratio=float(row["u18_conception_ratio_2016_18"]),
            postcode_areas=tuple(row["postcode_areas"].split()),
            districts=tuple(districts[row["ons_code"]]),
        )
        for row in _read("councils.csv")
    )


def find_council(value: str) -> Council:
    """The council named by its ONS code, LA number or name; ``SynthError`` otherwise."""
    text = value.strip()
    for council in councils():
        if text.upper() == council.code or text == council.number:
            return council
        if text.casefold() == council.name.casefold():
            return council
    names = {c.name: c for c in councils()}
    close = difflib.get_close_matches(text, list(names), n=3, cutoff=0.6)
    hint = "; ".join(f"{names[n].code} {n} ({names[n].number})" for n in close)
    raise SynthError(
        f"area {value!r} is not one of the 150 councils cypp.synth knows"
        + (f"; did you mean: {hint}?" if hint else "")
        + " Give an ONS code (E10000018), an LA number (855) or a council's name."
    )
