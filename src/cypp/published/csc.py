"""Specs for the DfE tidy files of the CSC outcomes and enablers dashboard.

Source: dfe-analytical-services/CSC_outcomes_and_enablers. Children looked after and care
leavers are counted in the year ending 31 March, so a ``Reporting year`` of 2025 is the
financial year 2024-25 (as LAIT's data dictionary has it for the same measures).
``ks4_la.csv`` and ``absence_la.csv`` cover children in need, on a protection plan or looked
after only (``social_care_group``), not all pupils: all-pupil figures come from LAIT.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from cypp.problems import Problem
from cypp.published.errors import PublishedFileError
from cypp.published.ons import POPULATION
from cypp.published.tidy import Indicator, TidySpec, read_dfe_tidy

SOURCE = "dfe-csc"

_CHILDREN = (
    Indicator("children_count", "Number of children", "count"),
    Indicator("children_percent", "Percentage of children", "%"),
)

PLACEMENT_STABILITY = TidySpec(
    dataset="la_cla_placement_stability",
    source=SOURCE,
    indicators=_CHILDREN,
    measure_filters=("cla_group", "placement_stability"),
    aliases={
        "Children looked after continuously for at least 2.5 years on 31 March aged under "
        "16 years": "cla_2_5_years_under_16",
        "Living with the same carer for at least 2 years": "same_carer_2_years",
        "With 3 or more placements during the year": "3_plus_placements_in_year",
        "With 3 or more placements during the previous 2 years": "3_plus_placements_in_2_years",
    },
    reporting_year="financial_year",
)

_CARE_LEAVERS = (
    Indicator("care_leaver_count", "Number of care leavers", "count"),
    Indicator("care_leaver_percent", "Percentage of care leavers", "%"),
)

CARE_LEAVERS_ACTIVITY = TidySpec(
    dataset="la_care_leavers_activity",
    source=SOURCE,
    indicators=_CARE_LEAVERS,
    measure_filters=("care_leaver_age", "breakdown"),
    reporting_year="financial_year",
)

CARE_LEAVERS_ACCOMMODATION = TidySpec(
    dataset="la_care_leavers_accommodation_suitability",
    source=SOURCE,
    indicators=_CARE_LEAVERS,
    measure_filters=("care_leaver_age", "breakdown"),
    reporting_year="financial_year",
)

CLA_NUMBERS = TidySpec(
    dataset="cla_number_and_rate_per_10k_children",
    source=SOURCE,
    indicators=(
        Indicator("population_estimate", "ONS estimate of children aged 0 to 17", "count"),
        Indicator("children_count", "Number of children", "count"),
        Indicator("rate_per_10000", "Rate per 10,000 children aged 0 to 17", "per 10,000"),
    ),
    measure_filters=("population_type",),
    aliases={
        "Children looked after on 31 March each year": "on_31_march",
        "Children starting to be looked after each year": "starting",
        "Children ceasing to be looked after each year": "ceasing",
    },
    reporting_year="financial_year",
)

SCHOOL_MOVES = TidySpec(
    dataset="la_cla_school_moves",
    source=SOURCE,
    indicators=(
        Indicator("number", "Number of children", "count"),
        Indicator("percentage", "Percentage of children", "%"),
    ),
    measure_filters=("cla_group", "move_measure", "school_stability"),
    reporting_year="financial_year",
)

KS4_LA = TidySpec(
    dataset="ks4_la",
    source=SOURCE,
    indicators=(
        Indicator("t_pupils", "Number of pupils at the end of key stage 4", "count"),
        Indicator("t_att8", "Total Attainment 8 score", "points"),
        Indicator("avg_att8", "Average Attainment 8 score", "score"),
        Indicator("t_l2basics_95", "Pupils with grade 5+ in English and maths", "count"),
        Indicator("pt_l2basics_95", "Grade 5+ in English and maths", "%"),
        Indicator("t_l2basics_94", "Pupils with grade 4+ in English and maths", "count"),
        Indicator("pt_l2basics_94", "Grade 4+ in English and maths", "%"),
        Indicator("t_ebacc_e_ptq_ee", "Pupils entering the EBacc", "count"),
        Indicator("pt_ebacc_e_ptq_ee", "Entering the EBacc", "%"),
        Indicator("t_ebaccaps", "Total EBacc average point score", "points"),
        Indicator("avg_ebaccaps", "EBacc average point score", "score"),
        Indicator("t_inp8calc", "Pupils included in Progress 8", "count"),
        Indicator("t_p8score", "Total Progress 8 score", "points"),
        Indicator("avg_p8score", "Average Progress 8 score", "score"),
        Indicator("p8score_CI_low", "Progress 8 confidence interval, lower", "score"),
        Indicator("p8score_CI_upp", "Progress 8 confidence interval, upper", "score"),
    ),
    breakdown="social_care_group",
    ignored=("version",),  # Final or Revised: one version per year
)

ABSENCE_LA = TidySpec(
    dataset="absence_la",
    source=SOURCE,
    indicators=(
        Indicator("t_pupils", "Number of pupils", "count"),
        Indicator("t_sess_possible", "Possible sessions", "sessions"),
        Indicator("t_sess_overall", "Sessions missed", "sessions"),
        Indicator("pt_overall", "Overall absence rate", "%"),
        Indicator("t_sess_authorised", "Authorised absence sessions", "sessions"),
        Indicator("pt_sess_authorised", "Authorised absence rate", "%"),
        Indicator("t_sess_unauthorised", "Unauthorised absence sessions", "sessions"),
        Indicator("pt_sess_unauthorised", "Unauthorised absence rate", "%"),
        Indicator("t_pupils_pa_10_exact", "Persistent absentees (10%+)", "count"),
        Indicator("pt_pupils_pa_10_exact", "Persistent absence (10%+)", "%"),
        Indicator("t_pupils_pa_50_exact", "Severe absentees (50%+)", "count"),
        Indicator("pt_pupils_pa_50_exact", "Severe absence (50%+)", "%"),
    ),
    measure_filters=("phase_type_grouping",),
    breakdown="social_care_group",
    fixed={"absence_terms": "six half terms"},
)

# The spec for each file of dfe-csc-outcomes/, by the file name it is published under.
CSC_SPECS: dict[str, TidySpec] = {
    "la_cla_placement_stability.csv": PLACEMENT_STABILITY,
    "la_care_leavers_activity.csv": CARE_LEAVERS_ACTIVITY,
    "la_care_leavers_accommodation_suitability.csv": CARE_LEAVERS_ACCOMMODATION,
    "cla_number_and_rate_per_10k_children.csv": CLA_NUMBERS,
    "la_cla_school_moves.csv": SCHOOL_MOVES,
    "ks4_la.csv": KS4_LA,
    "absence_la.csv": ABSENCE_LA,
}


def read_csc(path: Path) -> pa.Table:
    """Read a file of dfe-csc-outcomes/ with the spec for its published name.

    The ONS population file is read by ``cypp.published.ons.read_ons_population``.
    """
    path = Path(path)
    spec = CSC_SPECS.get(path.name)
    if spec is None and path.name.startswith("ons_mid-year_population_estimates"):
        spec = POPULATION
    if spec is None:
        raise PublishedFileError(
            f"{path}: no spec for this file",
            [
                Problem(
                    file=str(path),
                    line=None,
                    rule="published.spec.unknown",
                    found=f"file name {path.name!r}",
                    expected=f"one of {', '.join(sorted(CSC_SPECS))}",
                    fix="call read_dfe_tidy(path, spec) with a TidySpec for this file",
                )
            ],
        )
    return read_dfe_tidy(path, spec)
