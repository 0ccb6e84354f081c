"""Rebuild ``councils.csv`` and ``districts.csv`` from the published originals.

Run once by hand (never at run time)::

    python -m cypp.synth.data.derive ORIGINALS_DIR

``ORIGINALS_DIR`` holds ``reference/old_la_codes.csv`` (dfeR), ``dfe-csc-outcomes/`` (the ONS
0-17 population 2012, CLA rates 2021 and the ONS LTLA->UTLA lookup) and ``dfe-lait/`` (the
LAIT under-18 conception rates). The councils are England's 150 of 2010 (the 152 of the time
less the City of London and the Isles of Scilly, too small to hold a synthetic return).
Postcode areas are hand-listed here (the main Royal Mail postcode areas of each council).
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
LEFT_OUT = {"201", "420"}
YEARS = (
    "2016",
    "2017",
    "2018",
)  # LAIT's earliest under-18 conception rates  # City of London, Isles of Scilly
#: Councils reorganised after 2010: the ONS code of 2010, and where their later data sit.
OLD_CODES = {
    "815": "E10000023",  # North Yorkshire (county until 2023)
    "825": "E10000002",  # Buckinghamshire (county until 2020)
    "933": "E10000027",  # Somerset (county until 2023)
    "835": "E10000009",  # Dorset (county until 2019)
}
SUCCESSORS = {  # old LA number -> LA numbers whose 2021 CLA rate stands in for it
    "835": ("838",),
    "836": ("839",),
    "837": ("839",),
}
#: 2023 districts (LTLAs) standing in for a 2010 council's districts.
DORSET_2012 = {"835": (0.19, "Dorset"), "836": (0.36, "Poole"), "837": (0.45, "Bournemouth")}
DISTRICT_SUCCESSORS = {
    "E10000021": ("E06000061", "E06000062"),  # Northamptonshire
    "E10000006": ("E06000063", "E06000064"),  # Cumbria
}

POSTCODE_AREAS = {
    "202": "NW WC N", "203": "SE", "204": "E N", "205": "W SW", "206": "N EC",
    "207": "SW W", "208": "SE SW", "209": "SE", "210": "SE", "211": "E", "212": "SW",
    "213": "W SW NW", "301": "RM IG", "302": "N NW EN", "303": "DA SE", "304": "NW HA",
    "305": "BR SE", "306": "CR SE", "307": "W UB", "308": "EN N", "309": "N", "310": "HA",
    "311": "RM", "312": "UB HA", "313": "TW W", "314": "KT", "315": "SW CR SM", "316": "E",
    "317": "IG E", "318": "TW SW", "319": "SM", "320": "E", "330": "B", "331": "CV",
    "332": "DY", "333": "B WS", "334": "B", "335": "WS", "336": "WV", "340": "L", "341": "L",
    "342": "WA", "343": "L PR", "344": "CH", "350": "BL", "351": "BL M", "352": "M",
    "353": "OL", "354": "OL", "355": "M", "356": "SK", "357": "OL SK", "358": "M WA",
    "359": "WN", "370": "S", "371": "DN", "372": "S", "373": "S", "380": "BD",
    "381": "HX HD", "382": "HD WF", "383": "LS", "384": "WF", "390": "NE", "391": "NE",
    "392": "NE", "393": "NE", "394": "SR", "800": "BA BS", "801": "BS", "802": "BS",
    "803": "BS", "805": "TS", "806": "TS", "807": "TS", "808": "TS", "810": "HU",
    "811": "HU YO", "812": "DN", "813": "DN", "815": "YO HG DL", "816": "YO", "821": "LU",
    "822": "MK", "823": "LU MK SG", "825": "HP MK SL", "826": "MK", "830": "DE S SK",
    "831": "DE", "835": "DT BH", "836": "BH", "837": "BH", "840": "DH DL", "841": "DL",
    "845": "BN TN", "846": "BN", "850": "SO GU RG PO", "851": "PO", "852": "SO", "855": "LE",
    "856": "LE", "857": "LE PE", "860": "ST WS DE", "861": "ST", "865": "SN SP BA",
    "866": "SN", "867": "RG", "868": "SL", "869": "RG", "870": "RG", "871": "SL", "872": "RG",
    "873": "CB PE", "874": "PE", "876": "WA", "877": "WA", "878": "EX TQ PL", "879": "PL",
    "880": "TQ", "881": "CM CO SS", "882": "SS", "883": "RM SS", "884": "HR",
    "885": "WR DY B", "886": "ME CT TN DA", "887": "ME", "888": "PR BB LA FY", "889": "BB",
    "890": "FY", "891": "NG", "892": "NG", "893": "SY TF", "894": "TF", "895": "CW SK",
    "896": "CH CW", "908": "TR PL", "909": "CA LA", "916": "GL", "919": "AL SG WD HP EN",
    "921": "PO", "925": "LN PE NG", "926": "NR PE", "928": "NN", "929": "NE TD", "931": "OX",
    "933": "TA BA", "935": "IP CO", "936": "GU KT RH", "937": "CV B", "938": "RH BN PO",
}  # fmt: skip

#: Leicestershire's districts with outward codes of their main towns (LE area only).
LEICESTERSHIRE_OUTWARD = {
    "E07000129": "LE19 LE8 LE3",  # Blaby
    "E07000130": "LE11 LE12 LE7",  # Charnwood
    "E07000131": "LE16 LE17",  # Harborough
    "E07000132": "LE10 LE9",  # Hinckley and Bosworth
    "E07000133": "LE13 LE14",  # Melton
    "E07000134": "LE65 LE67",  # North West Leicestershire
    "E07000135": "LE2 LE18",  # Oadby and Wigston
}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def derive(originals: Path) -> None:
    """Write ``councils.csv`` and ``districts.csv`` beside this module."""
    csc = originals / "dfe-csc-outcomes"
    numbers = {r["old_la_code"]: r for r in _rows(originals / "reference" / "old_la_codes.csv")}
    population: dict[str, tuple[int, str, str, str, str]] = {}
    for r in _rows(csc / "ons_mid-year_population_estimates_2012_to_2024.csv"):
        if (
            r["time_period"] == "2012"
            and r["geographic_level"] == "Local authority"
            and r["population_estimate"].isdigit()
        ):
            population[r["old_la_code"]] = (
                int(r["population_estimate"]),
                r["new_la_code"],
                r["la_name"],
                r["region_code"],
                r["region_name"],
            )
    later: dict[str, int] = {}
    for r in _rows(csc / "ons_mid-year_population_estimates_2012_to_2024.csv"):
        if r["time_period"] == "2019" and r["old_la_code"] in ("838", "839"):
            later[r["old_la_code"]] = int(r["population_estimate"])
    for number, (share_of_bcp, name) in DORSET_2012.items():
        # 2012 estimates for the pre-2019 Dorset councils are suppressed ('x'): split the
        # 2019 successors (Dorset 838; Bournemouth, Christchurch and Poole 839) instead.
        pop = round(later["839"] * share_of_bcp) + (later["838"] if number == "835" else 0)
        code = {"835": "E10000009", "836": "E06000029", "837": "E06000028"}[number]
        population[number] = (pop, code, name, "E12000009", "South West")
    cla: dict[str, float] = {}
    for r in _rows(csc / "cla_number_and_rate_per_10k_children.csv"):
        if (
            r["time_period"] == "2021"
            and r["population_type"].startswith("Children looked after")
            and r["geographic_level"] in ("National", "Local authority")
            and r["rate_per_10000"].isdigit()
        ):
            cla[r["old_la_code"] or "england"] = float(r["rate_per_10000"])
    conceptions: dict[str, list[float]] = defaultdict(list)
    for r in _rows(originals / "dfe-lait" / "lait_bds_cypp_indicators_long.csv"):
        value = r["value"].replace(".", "", 1)
        if r["short_desc"] == "Under18concep" and r["years"] in YEARS and value.isdigit():
            conceptions[r["old_la_code"]].append(float(r["value"]))
    england_u18 = sum(conceptions["970"]) / len(conceptions["970"])
    lookup = _rows(csc / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv")

    councils: list[list[str]] = []
    districts: list[list[str]] = []
    for number in sorted(population):
        if number in LEFT_OUT:
            continue
        pop, code, name, region_code, region_name = population[number]
        code = OLD_CODES.get(number, code)
        assert number in numbers, number
        stand_in = SUCCESSORS.get(number, (number,))
        rate = sum(cla[n] for n in stand_in) / len(stand_in) / cla["england"]
        u18 = sum(conceptions[number]) / len(conceptions[number]) / england_u18
        if region_code.startswith("E13"):
            region_code, region_name = "E12000007", "London"
        councils.append(
            [number, code, name, region_code, region_name, str(pop), f"{rate:.3f}", f"{u18:.3f}",
             POSTCODE_AREAS[number]]
        )  # fmt: skip
        own = [(r["LTLA23CD"], r["LTLA23NM"]) for r in lookup if r["UTLA23CD"] == code]
        if code in DISTRICT_SUCCESSORS:
            own = [(r["LTLA23CD"], r["LTLA23NM"]) for r in lookup
                   if r["LTLA23CD"] in DISTRICT_SUCCESSORS[code]]  # fmt: skip
        if not own or (code.startswith("E06") and len(own) == 1) or number in OLD_CODES:
            own = [(code, name)]
        areas = POSTCODE_AREAS[number].split()
        for i, (district_code, district_name) in enumerate(own):
            if number == "855":
                outward = LEICESTERSHIRE_OUTWARD[district_code]
            else:
                outward = " ".join(_outward(areas, i, len(own)))
            districts.append([code, district_code, district_name, outward])
    assert len(councils) == 150, len(councils)
    _write(
        HERE / "councils.csv",
        ["la_number", "ons_code", "la_name", "region_code", "region_name",
         "population_0_17_2012", "cla_rate_ratio_2021", "u18_conception_ratio_2016_18",
         "postcode_areas"],
        councils,
    )  # fmt: skip
    _write(
        HERE / "districts.csv",
        ["council_code", "district_code", "district_name", "outward_codes"],
        districts,
    )


def _outward(areas: list[str], index: int, count: int) -> list[str]:
    """Outward codes for district ``index`` of ``count``: postcode districts 1-24 of the
    council's areas dealt out in turn, so no two districts share one."""
    codes = [f"{area}{n}" for n in range(1, 25) for area in areas]
    mine = codes[index::count]
    return mine[: max(2, 12 // count)]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


if __name__ == "__main__":
    derive(Path(sys.argv[1]))
