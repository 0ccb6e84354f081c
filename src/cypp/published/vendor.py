"""Rebuild the vendored extract of published statistics from the original downloads.

Not run at run time: a maintainer runs it after downloading newer originals, then reviews
the diff and updates the README's commits::

    python -m cypp.published.vendor ORIGINALS_DIR [--out src/cypp/data/published]

``ORIGINALS_DIR`` holds the originals under their published names, one folder per source:
``dfe-lait/`` (``bds_long_0.parquet``, ``lait_data_dictionary.csv``, ``la_code_list.xlsx``),
``dfe-csc-outcomes/``, ``dfe-nccis/`` and ``reference/`` (``old_la_codes.csv``).
Filtered files keep their source's columns; only rows are dropped.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from cypp.published import paths
from cypp.published.areas import read_la_code_list
from cypp.published.csvfile import read_csv
from cypp.published.periods import lait_period

# The LAIT measures the plan's successor indicators need (Short Desc).
LAIT_MEASURES: tuple[str, ...] = (
    "EngMaths9-4",
    "AVG_Attain8_Score",
    "FSM_AVG_Attain8_Score",
    "NonFSM_AVG_Attain8_Score",
    "SFSecPerAbNew",
    "16-17 NEET",
    "16-17_not known_NEET",
    "Under18concep",
    "LACStable_2016on",
    "LACStableNum_2016on",
    "LAC_LongStable%",
    "LAC_LongStableNum",
    "CareLeaverEET",
)
FIRST_YEAR, LAST_YEAR = 2016, 2025
DICTIONARY_COLUMNS = (
    "Measure_code",
    "Topic",
    "Measure",
    "Chart_title",
    "Measure_short",
    "Polarity",
    "y_axis_name",
    "dps",
    "Year_Type",
)
LAIT_CSV_HEADER = (
    "short_desc",
    "data_item",
    "years",
    "la_or_region",
    "value",
    "old_la_code",
    "region",
)

Row = dict[str, str]
# dfe-csc-outcomes files kept in part: the rows each needs for the plan's measures.
CSC_FILTERS: dict[str, Callable[[Row], bool]] = {
    "la_cla_placement_stability.csv": lambda r: (
        r["cla_group"]
        in (
            "CLA on 31 March",
            "Children looked after continuously for at least 2.5 years on 31 March aged "
            "under 16 years",
        )
    ),
    "la_care_leavers_activity.csv": lambda r: (
        r["care_leaver_age"] == "19 to 21 years" and r["breakdown"].startswith("Total")
    ),
    "cla_number_and_rate_per_10k_children.csv": lambda r: (
        r["population_type"] == "Children looked after on 31 March each year"
    ),
}
CSC_WHOLE = (
    "ons_mid-year_population_estimates_2012_to_2024.csv",
    "New_Statistical_Neighbour_Groupings_April_2021.csv",
    "sn_model_2025_wide.csv",
    "LTLA-UTLA_Apr23_Lookup_England-Wales.csv",
)


def _write(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _filter_csv(source: Path, target: Path, keep: Callable[[Row], bool]) -> Path:
    header, records = read_csv(source)
    rows = [f for _, f in records if keep(dict(zip(header, f, strict=False)))]
    return _write(target, header, rows)


def _copy(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return target


def lait_extract(parquet: Path, target: Path) -> Path:
    """The plan's LAIT measures for 2016–2025, in the layout of LAIT's CSV extract."""
    table = pq.read_table(parquet)
    table = table.filter(pc.is_in(table["Short Desc"], pc.cast(LAIT_MEASURES, "string")))
    rows: list[Sequence[str]] = []
    for r in table.to_pylist():
        end = lait_period(r["Years"] or "", "unknown").end_year
        if end is None or not FIRST_YEAR <= end <= LAST_YEAR:
            continue
        number = r["LA Number"]
        rows.append(
            [
                r["Short Desc"],
                r["Data item"] or "",
                r["Years"],
                r["LA and Regions"],
                "" if r["Values"] is None else r["Values"],
                "" if number is None else str(int(number)),
                r["Region"] or "",
            ]
        )
    order = {m: i for i, m in enumerate(LAIT_MEASURES)}
    rows.sort(key=lambda f: (order[f[0]], f[2], f[5]))
    return _write(target, LAIT_CSV_HEADER, rows)


def dictionary_extract(source: Path, target: Path) -> Path:
    """Every measure of LAIT's data dictionary, without the long methodology text."""
    header, records = read_csv(source)
    at = [header.index(c) for c in DICTIONARY_COLUMNS]
    rows = [[f[i] for i in at] for _, f in records]
    return _write(target, DICTIONARY_COLUMNS, rows)


def la_code_list_csv(source: Path, target: Path) -> Path:
    """LAIT's ``la_code_list.xlsx`` as CSV (same columns)."""
    return _write(
        target, ("LA Number", "LA Name", "Region", "Type"), list(read_la_code_list(source))
    )


def build(originals: Path, out: Path = paths.DATA_DIR) -> list[Path]:
    """Write the vendored extract under ``out``; returns the files written."""
    lait, csc = originals / "dfe-lait", originals / "dfe-csc-outcomes"
    written = [
        lait_extract(lait / "bds_long_0.parquet", out / "dfe-lait" / paths.LAIT_EXTRACT.name),
        dictionary_extract(
            lait / "lait_data_dictionary.csv", out / "dfe-lait" / paths.LAIT_DICTIONARY.name
        ),
        la_code_list_csv(lait / "la_code_list.xlsx", out / "dfe-lait" / paths.LA_CODE_LIST.name),
    ]
    for name, keep in CSC_FILTERS.items():
        written.append(_filter_csv(csc / name, out / "dfe-csc-outcomes" / name, keep))
    for name in CSC_WHOLE:
        written.append(_copy(csc / name, out / "dfe-csc-outcomes" / name))
    for source in sorted((originals / "dfe-nccis").glob("*.csv")):
        written.append(_copy(source, out / "dfe-nccis" / source.name))
    written.append(
        _copy(originals / "reference" / "old_la_codes.csv", out / "reference" / "old_la_codes.csv")
    )
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("originals", type=Path, help="folder holding the original downloads")
    parser.add_argument("--out", type=Path, default=paths.DATA_DIR, help="where to write")
    args = parser.parse_args(argv)
    for path in build(args.originals, args.out):
        print(f"{path.stat().st_size:>9}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
