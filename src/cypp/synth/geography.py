"""Where the synthetic children live: districts, their sizes and deprivation, and postcodes.

A home postcode is one of its district's outward codes (``LE11``) and a random inward code
(``3AB``); at load cypp cuts postcodes to the outward code, which maps back to the district
(``postcode_districts.csv`` is written beside the returns). Placements out of the council's
area get postcodes of other councils in the same region.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.councils import Council, councils
from cypp.synth.days import Floats, Ints

#: Letters used in inward codes (Royal Mail never uses C, I, K, M, O or V there).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
INWARD_CODES = tuple(
    f"{digit}{a}{b}" for digit in range(10) for a in INWARD_LETTERS for b in INWARD_LETTERS
)
#: Leicestershire's districts: rough shares of its children and a deprivation tilt.
LEICESTERSHIRE = {
    "E07000129": (0.14, -0.10),  # Blaby
    "E07000130": (0.25, 0.10),  # Charnwood
    "E07000131": (0.13, -0.35),  # Harborough
    "E07000132": (0.16, 0.10),  # Hinckley and Bosworth
    "E07000133": (0.08, -0.05),  # Melton
    "E07000134": (0.14, 0.25),  # North West Leicestershire
    "E07000135": (0.08, -0.05),  # Oadby and Wigston
}


@dataclass(frozen=True)
class Geography:
    """A council's districts with their weights, deprivation and outward codes."""

    council: Council
    district_weights: Floats
    district_deprivation: Floats

    @cached_property
    def outward_codes(self) -> tuple[str, ...]:
        return tuple(code for d in self.council.districts for code in d.outward_codes)

    @cached_property
    def outward_district(self) -> Ints:
        """The district index of each outward code."""
        return np.repeat(
            np.arange(len(self.council.districts)),
            [len(d.outward_codes) for d in self.council.districts],
        )

    @cached_property
    def elsewhere(self) -> tuple[str, ...]:
        """Outward codes of up to six other councils in the region (out-of-area placements)."""
        others = [c for c in councils() if c.region_code == self.council.region_code]
        others = [c for c in others if c.code != self.council.code][:6]
        codes = [code for c in others for d in c.districts for code in d.outward_codes[:3]]
        return tuple(codes) or self.outward_codes

    def home_postcodes(self, district: Ints, rng: np.random.Generator) -> tuple[Ints, Ints]:
        """An outward code of each child's district, and an inward code."""
        counts = np.array([len(d.outward_codes) for d in self.council.districts])
        first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        outward = first[district] + (rng.random(district.size) * counts[district]).astype(np.int64)
        inward = rng.integers(0, len(INWARD_CODES), district.size)
        return outward, inward

    def postcodes(self, outward: Ints, inward: Ints) -> Any:
        """Full postcodes (``LE11 3AB``) as an Arrow string array."""
        return postcode_text(self.outward_codes, outward, inward)


def postcode_text(outward_codes: tuple[str, ...], outward: Ints, inward: Ints) -> Any:
    """Full postcodes from indexes into ``outward_codes`` and ``INWARD_CODES``."""
    out = pc.take(pa.array(outward_codes, pa.string()), pa.array(outward))
    inw = pc.take(_inward_array(), pa.array(inward))
    return pc.binary_join_element_wise(out, inw, " ")


_INWARD: list[Any] = []


def _inward_array() -> Any:
    if not _INWARD:
        _INWARD.append(pa.array(INWARD_CODES, pa.string()))
    return _INWARD[0]


def build_geography(council: Council, rng: np.random.Generator) -> Geography:
    """District weights and deprivation: Leicestershire's by hand, others at random."""
    n = len(council.districts)
    if council.number == "855":
        shares = np.array([LEICESTERSHIRE[d.code][0] for d in council.districts])
        tilt = np.array([LEICESTERSHIRE[d.code][1] for d in council.districts])
    else:
        shares = rng.lognormal(0.0, 0.3, n)
        tilt = rng.normal(0.0, 0.25, n) if n > 1 else np.zeros(1)
    return Geography(council, shares / shares.sum(), tilt)


def postcode_districts(geography: Geography) -> Any:
    """The lookup from outward code to district, as an Arrow table."""
    council = geography.council
    district = geography.outward_district
    return pa.table(
        {
            "outward_code": pa.array(geography.outward_codes, pa.string()),
            "district_code": pa.array([council.districts[i].code for i in district]),
            "district_name": pa.array([council.districts[i].name for i in district]),
            "la_number": pa.array([council.number] * district.size),
            "new_la_code": pa.array([council.code] * district.size),
        }
    )
