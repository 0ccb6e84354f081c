"""Under-18 conceptions by calendar year in DfE tidy layout (NI 112 is imported, not computed).

England's synthetic rate follows the shape of the ONS series (about 47 per 1,000 girls aged
15-17 in 1998, near 41 in 2006-07, then falling fast); each council's is England's tilted by
its real relative rate (2016-18, damped) with a little noise, so a county like Leicestershire
sits near 30-35. Regions and England are the sums of their councils. 1998, the NI 112
baseline year, is always included.
"""

from __future__ import annotations

import numpy as np

from cypp.synth.councils import Council, councils
from cypp.synth.rng import stream

BASELINE = 1998
#: Anchor points of England's rate (per 1,000 girls aged 15-17), interpolated between.
ENGLAND_SHAPE = {1998: 46.6, 2003: 42.1, 2007: 41.2, 2009: 38.0, 2011: 30.9, 2016: 18.8,
                 2022: 13.1, 2030: 11.0}  # fmt: skip
GIRLS_15_17 = 0.081  # share of the 0-17 population who are girls aged 15-17


def calendar_years(first_start: int, last_end: int) -> list[int]:
    """1998 and every calendar year the academic years touch."""
    return sorted({BASELINE, *range(first_start, last_end + 1)})


def _council_rows(council: Council, years: list[int], seed: int) -> list[tuple[int, int, int]]:
    """(year, conceptions, girls aged 15-17) of one council."""
    rng = stream(seed, int(council.number), "conceptions")
    tilt = council.conception_ratio**0.8
    rows = []
    for year in years:
        england = float(np.interp(year, list(ENGLAND_SHAPE), list(ENGLAND_SHAPE.values())))
        girls = round(council.population * GIRLS_15_17 * (1 + 0.004 * (year - 2012)))
        rate = england * tilt * rng.normal(1.0, 0.04)
        rows.append((year, int(rng.poisson(rate * girls / 1000)), girls))
    return rows


def conceptions_rows(
    years: list[int], seed: int, areas: list[Council] | None
) -> list[dict[str, str]]:
    """England, region and council rows (of ``areas``, or every council if None)."""
    every = councils()
    per_council = {c.code: _council_rows(c, years, seed) for c in every}
    wanted = every if areas is None else areas
    regions = sorted({(c.region_code, c.region_name) for c in wanted})
    records: list[dict[str, str]] = []

    def add(level: str, year: int, made: int, girls: int, **geo: str) -> None:
        records.append(
            {
                "time_period": str(year),
                "time_identifier": "Calendar year",
                "geographic_level": level,
                "country_code": "E92000001",
                "country_name": "England",
                "region_code": geo.get("region_code", ""),
                "region_name": geo.get("region_name", ""),
                "old_la_code": geo.get("old_la_code", ""),
                "new_la_code": geo.get("new_la_code", ""),
                "la_name": geo.get("la_name", ""),
                "conceptions": str(made),
                "population_females_15_17": str(girls),
                "rate_per_1000": f"{1000 * made / girls:.1f}",
            }
        )

    for i, year in enumerate(years):
        made = sum(rows[i][1] for rows in per_council.values())
        girls = sum(rows[i][2] for rows in per_council.values())
        add("National", year, made, girls)
        for code, name in regions:
            members = [c for c in every if c.region_code == code]
            made = sum(per_council[c.code][i][1] for c in members)
            girls = sum(per_council[c.code][i][2] for c in members)
            add("Regional", year, made, girls, region_code=code, region_name=name)
        for c in wanted:
            _, made, girls = per_council[c.code][i]
            add("Local authority", year, made, girls, region_code=c.region_code,
                region_name=c.region_name, old_la_code=c.number, new_la_code=c.code,
                la_name=c.name)  # fmt: skip
    return records
