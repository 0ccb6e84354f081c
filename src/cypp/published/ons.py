"""ONS statistics: the 0–17 population, and under-18 conceptions.

The population comes as DfE republishes it (a tidy file in CSC_outcomes_and_enablers): a
mid-year estimate, so its period is the snapshot ``YYYY-06-30``.

Under-18 conceptions: no ONS table is vendored. LAIT's ``Under18concep`` carries the ONS
under-18 conception rate per 1,000 girls aged 15–17 by calendar year, so that is what cypp
reads today. ``under18_conceptions`` picks the rate out of any canonical table by the
(source, measure) pairs in ``CONCEPTION_MEASURES``, in order of preference; an ONS table
added later is read into the same canonical shape (for a tidy CSV: a ``TidySpec`` with
``source="ons"``) and its (source, measure) put first in that list. Where both sources give
a rate for the same area and year, the preferred one is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from cypp.published.tidy import Indicator, TidySpec, read_dfe_tidy

SOURCE = "ons"

POPULATION = TidySpec(
    dataset="ons_mid_year_population_estimates",
    source=SOURCE,
    indicators=(Indicator("population_estimate", "Children aged 0 to 17 years", "count"),),
    fixed={"age_group": "Children aged 0 to 17 years"},
    reporting_year="snapshot",
    snapshot_day="06-30",
)
POPULATION_MEASURE = "ons_mid_year_population_estimates.population_estimate"

# Preferred first. A future ONS conceptions table: put ("ons", its measure id) first.
CONCEPTION_MEASURES: list[tuple[str, str]] = [("lait", "Under18concep")]


def read_ons_population(path: Path) -> pa.Table:
    """ONS mid-year estimates of children aged 0–17 (DfE's tidy republication)."""
    return read_dfe_tidy(Path(path), POPULATION)


def under18_conceptions(
    published: pa.Table, measures: Sequence[tuple[str, str]] | None = None
) -> pa.Table:
    """The under-18 conception rate rows of a canonical table, one source per area and
    year: the first of ``measures`` (default ``CONCEPTION_MEASURES``), as (source, measure),
    that has that area and year."""
    chosen: list[pa.Table] = []
    taken: set[tuple[str | None, int | None]] = set()
    for source, measure in measures if measures is not None else CONCEPTION_MEASURES:
        mask = pc.and_(
            pc.equal(published["source"], source), pc.equal(published["measure"], measure)
        )
        rows = published.filter(mask)
        keys = list(zip(rows["area_code"].to_pylist(), rows["end_year"].to_pylist(), strict=True))
        keep = pa.array([k not in taken for k in keys], pa.bool_())
        chosen.append(rows.filter(keep))
        taken.update(keys)
    if not chosen:
        return published.slice(0, 0)
    return pa.concat_tables(chosen)
