"""The council's SSDA903 returns, one per collection year, as the DfE's CSV files and XML.

The whole history of care is made once; ``collection`` cuts each year's return from it (the
year to 31 March of each academic year), so a child's episodes, reviews and outcomes agree
from one year's return to the next, as a council's own would.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from cypp.synth.care.adoption import ad1_table, placed_adoption_table
from cypp.synth.care.build import Care
from cypp.synth.care.collection import collection_years, year_return
from cypp.synth.care.outcomes import oc2_table, oc3_table
from cypp.synth.care.records import (
    episodes_table,
    header_table,
    missing_table,
    prev_perm_table,
    reviews_table,
    uasc_table,
)
from cypp.synth.care.xml import write_xml
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography
from cypp.synth.output import Written, write_csv
from cypp.synth.roll import Pupils

#: Table name -> the DfE's file name.
FILES = {
    "Header": "header.csv",
    "Episodes": "episodes.csv",
    "UASC": "uasc.csv",
    "OC2": "oc2.csv",
    "OC3": "oc3.csv",
    "AD1": "ad1.csv",
    "Reviews": "reviews.csv",
    "Missing": "missing.csv",
    "PlacedAdoption": "placed_for_adoption.csv",
    "PrevPerm": "previous_permanence.csv",
    "SWEpisodes": "sw_episodes.csv",
}
XML_FILE = "return.xml"


def ssda903_returns(
    frame: Frame, care: Care, pupils: Pupils, geography: Geography
) -> list[tuple[str, dict[str, Any]]]:
    """Every collection year's return, oldest first: (folder name, tables)."""
    history = {
        "Episodes": episodes_table(care, geography),
        "OC2": oc2_table(frame, care),
        "OC3": oc3_table(frame, care),
        "AD1": ad1_table(frame, care),
        "Reviews": reviews_table(frame, care),
        "Missing": missing_table(frame, care),
        "PlacedAdoption": placed_adoption_table(frame, care),
        "PrevPerm": prev_perm_table(frame, care),
        # Social worker episodes began in 2023/24: a header and no rows.
        "SWEpisodes": pa.table(
            {
                "CHILD": pa.array([], pa.string()),
                "DOB": pa.array([], pa.date32()),
                "SW_ID": pa.array([], pa.string()),
                "SW_DECOM": pa.array([], pa.date32()),
                "SW_DEC": pa.array([], pa.date32()),
                "SW_REASON": pa.array([], pa.string()),
            }
        ),
    }
    return [
        (
            year.folder,
            year_return(
                history,
                header_table(frame, care, pupils, year),
                uasc_table(care, year),
                year,
            ),
        )
        for year in collection_years(frame)
    ]


def write_ssda903(
    tables: dict[str, Any], csv_folder: Path, xml_folder: Path, written: Written
) -> None:
    """One year's CSV files (dd/mm/yyyy dates) and its XML file."""
    for name, file in FILES.items():
        write_csv(tables[name], csv_folder / file, written, dmy_dates=True)
    write_xml(tables, xml_folder / XML_FILE, written)


def remove_single_return(csv_folder: Path, xml_folder: Path) -> None:
    """Remove the files of the one-return layout written by earlier versions, if present:
    beside the year folders they would make ``cypp load`` read the folder as one batch."""
    for path in [csv_folder / f for f in FILES.values()] + [xml_folder / XML_FILE]:
        if path.is_file():
            path.unlink()
