"""The vendored published statistics, read into one canonical table.

Everything here reads only files inside the package (``cypp/data/published``), so a user's
clone can benchmark every council in England without downloading anything.
"""

from __future__ import annotations

from functools import lru_cache

import pyarrow as pa

from cypp.published import paths
from cypp.published.csc import read_csc
from cypp.published.derived import attainment8_fsm_gap
from cypp.published.lait import read_lait
from cypp.published.nccis import read_nccis
from cypp.published.ons import read_ons_population
from cypp.published.schema import concat

CSC_FILES = (
    "la_cla_placement_stability.csv",
    "la_care_leavers_activity.csv",
    "cla_number_and_rate_per_10k_children.csv",
)


@lru_cache(maxsize=1)
def load_lait() -> pa.Table:
    """The vendored LAIT measures (see ``cypp.published.vendor.LAIT_MEASURES``)."""
    return read_lait(paths.LAIT_EXTRACT)


@lru_cache(maxsize=1)
def load_published() -> pa.Table:
    """Every vendored measure in the canonical shape: LAIT, the CSC outcomes files, NCCIS
    2021–2025, the ONS 0–17 population, and the derived Attainment 8 FSM gap."""
    lait = load_lait()
    tables = [lait, attainment8_fsm_gap(lait)]
    tables += [read_csc(paths.CSC_DIR / name) for name in CSC_FILES]
    tables.append(read_ons_population(paths.ONS_POPULATION))
    tables += [read_nccis(path) for path in sorted(paths.NCCIS_DIR.glob("*.csv"))]
    return concat(tables)
