"""Where the vendored extract of published statistics lives inside the package.

The files keep their source's names and layouts (see ``README.md`` beside them) so that the
same importers read the extract and a freshly downloaded original alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

DATA_DIR: Final = Path(__file__).resolve().parent.parent / "data" / "published"

LAIT_DIR: Final = DATA_DIR / "dfe-lait"
CSC_DIR: Final = DATA_DIR / "dfe-csc-outcomes"
NCCIS_DIR: Final = DATA_DIR / "dfe-nccis"
REFERENCE_DIR: Final = DATA_DIR / "reference"

LAIT_EXTRACT: Final = LAIT_DIR / "lait_bds_extract_long.csv"
LAIT_DICTIONARY: Final = LAIT_DIR / "lait_data_dictionary_extract.csv"
LA_CODE_LIST: Final = LAIT_DIR / "la_code_list.csv"

OLD_LA_CODES: Final = REFERENCE_DIR / "old_la_codes.csv"
LTLA_UTLA: Final = CSC_DIR / "LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
ONS_POPULATION: Final = CSC_DIR / "ons_mid-year_population_estimates_2012_to_2024.csv"
SN_2021: Final = CSC_DIR / "New_Statistical_Neighbour_Groupings_April_2021.csv"
SN_2025: Final = CSC_DIR / "sn_model_2025_wide.csv"
