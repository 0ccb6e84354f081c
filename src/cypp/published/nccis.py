"""NCCIS 16–17 NEET and not-known scorecard by local authority, one file per year.

Source: dfe-analytical-services/nccis_localauthority_dashboard. Each file is DfE tidy format
(``Age`` is always ``16-17``; the headline figures are the December–February average), but
the columns changed between years, so each known layout has its own spec and the file's
header picks it:

- 2021: adds SEN and vulnerable-group quintiles, ``sess_overall_percent_pa_10_exact`` and
  ``Age1617_ONS_population``;
- 2022–2023: ``sess_overall_percent_pa_10_exact`` and ``Age1617_ONS_population``;
- 2024 on: ``enrolments_pa_10_exact_percent`` in their place (same concept, renamed: the ids
  keep the source's column names).

The 2021 file ends with two placeholder rows, "Region demo" and "LA demo", with no codes;
they are skipped.

``time_identifier`` is ``Calendar year``; LAIT files the same figures under its financial
year ending in the same year (``end_year`` matches).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from cypp.published.csvfile import read_csv
from cypp.published.tidy import GEOGRAPHY_COLUMNS, TIME_COLUMNS, Indicator, TidySpec, read_dfe_tidy

SOURCE = "nccis"
DATASET = "neet_nk_la_dashboard"

_PP = "percentage points"
_TITLES: dict[str, tuple[str, str]] = {
    "Cohort_DJFavg": ("16-17 year olds known to the LA (December to February average)", "count"),
    "NEET_not_known_percent": ("16-17 year olds NEET or whose activity is not known", "%"),
    "NEET_percent": ("16-17 year olds not in education, employment or training (NEET)", "%"),
    "Notknown_percent": ("16-17 year olds whose activity is not known", "%"),
    "annual_change_ppts_NEET_not_known": ("Annual change in NEET or not known", _PP),
    "annualchange_NEET": ("Annual change in NEET", _PP),
    "annualchange_notknown": ("Annual change in activity not known", _PP),
    "cohort_March": ("16-17 year olds known to the LA (March)", "count"),
    "TOTAL_participating_in_education_and_training_percent": (
        "16-17 year olds participating in education and training",
        "%",
    ),
    "Full_time_education_percent": ("In full-time education", "%"),
    "Apprenticeship_percent": ("In an apprenticeship", "%"),
    "Other_education_and_training_percent": ("In other education and training", "%"),
    "annual_change_Participation_in_education_training": ("Annual change in participation", _PP),
    "annual_change_FTE": ("Annual change in full-time education", _PP),
    "annual_change_apprenticeship": ("Annual change in apprenticeships", _PP),
    "annual_change_other_education_training": ("Annual change in other education", _PP),
    "September_guarantee_Offer_made_percent": ("September guarantee: offer made", "%"),
    "September_guarantee_annual_change_ppts": ("Annual change in September guarantee", _PP),
    "cohort_noSEN_percent": ("Share of the cohort with no SEN", "%"),
    "NEET_NK_noSEN_percent": ("NEET or not known: no SEN", "%"),
    "cohort_EHCP_percent": ("Share of the cohort with an EHC plan", "%"),
    "NEET_NK_EHCP_percent": ("NEET or not known: EHC plan", "%"),
    "cohort_SENDsupport_percent": ("Share of the cohort on SEN support", "%"),
    "NEET_NK_SENDsupport_percent": ("NEET or not known: SEN support", "%"),
    "VG_cohort_DJF_avg": ("Young people in vulnerable groups (December to February)", "count"),
    "VG_cohort_percentage": ("Share of the cohort in vulnerable groups", "%"),
    "VG_NEET_NK_percentage": ("NEET or not known: vulnerable groups", "%"),
    "Level_3": ("Level 3 by age 19", "%"),
    "L2_em_GCSE_othL2": ("Level 2 in English and maths by age 19", "%"),
    "avg_att8": ("Average Attainment 8 score", "score"),
    "pt_l2basics_94": ("Grade 4+ in English and maths", "%"),
    "sess_overall_percent": ("Overall absence rate", "%"),
    "sess_overall_percent_pa_10_exact": ("Persistent absence (10% or more)", "%"),
    "enrolments_pa_10_exact_percent": ("Persistent absence (10% or more)", "%"),
    "Age1617_ONS_population": ("ONS population aged 16-17", "count"),
}
_QUINTILES = {
    "NEET_NK_quintile": "NEET or not known",
    "NEET_quintile": "NEET",
    "Notknown_quintile": "Activity not known",
    "Participation_ET_quintile": "Participation in education and training",
    "Sep_guarantee_quintile": "September guarantee",
    "NEET_NK_NoSEN_quintile": "NEET or not known, no SEN",
    "NEET_NK_EHCP_quintile": "NEET or not known, EHC plan",
    "NEET_NK_SENDsupport_quintile": "NEET or not known, SEN support",
    "VG_NEET_NK_percentage_quintile": "NEET or not known, vulnerable groups",
}

_HEAD = list(_TITLES)[:32]  # the columns every year has, in order
_QUINTILE_COMMON = list(_QUINTILES)[:5]
LAYOUTS: dict[str, tuple[str, ...]] = {
    "2021": (
        *_HEAD,
        "sess_overall_percent_pa_10_exact",
        "Age1617_ONS_population",
        *_QUINTILES,
    ),
    "2022-2023": (
        *_HEAD,
        "sess_overall_percent_pa_10_exact",
        "Age1617_ONS_population",
        *_QUINTILE_COMMON,
    ),
    "2024-": (*_HEAD, "enrolments_pa_10_exact_percent", *_QUINTILE_COMMON),
}


def _indicator(column: str) -> Indicator:
    if column in _QUINTILES:
        return Indicator(column, f"Quintile among councils: {_QUINTILES[column]}", "quintile")
    title, unit = _TITLES[column]
    return Indicator(column, title, unit)


def spec_for(layout: str) -> TidySpec:
    """The spec of one of ``LAYOUTS``."""
    return TidySpec(
        dataset=DATASET,
        source=SOURCE,
        indicators=tuple(_indicator(c) for c in LAYOUTS[layout]),
        fixed={"Age": "16-17"},
        skip_areas=frozenset({"Region demo", "LA demo"}),
    )


def detect_layout(header: list[str]) -> str:
    """The layout whose columns match ``header`` exactly, else the closest one (reading
    with it then reports the columns that differ)."""
    columns = set(header) - set(TIME_COLUMNS) - set(GEOGRAPHY_COLUMNS) - {"Age"}

    def distance(layout: str) -> int:
        return len(columns.symmetric_difference(LAYOUTS[layout]))

    return min(LAYOUTS, key=distance)


def read_nccis(path: Path) -> pa.Table:
    """Read one year's NCCIS LA dashboard CSV (any of the 2021–2025 layouts)."""
    path = Path(path)
    header, _ = read_csv(path)
    return read_dfe_tidy(path, spec_for(detect_layout(header)))
