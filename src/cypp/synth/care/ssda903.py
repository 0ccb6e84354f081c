"""The council's one SSDA903 return: every table, as the DfE's CSV files and as its XML.

The return is for the last collection year (to 31 March of the last academic year) and holds
the whole history of care since it began, as the DfE's own fake data does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa

from cypp.synth.care.adoption import ad1_table, placed_adoption_table
from cypp.synth.care.build import Care
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


def ssda903_tables(
    frame: Frame, care: Care, pupils: Pupils, geography: Geography
) -> dict[str, Any]:
    """Every table of the return (SWEpisodes empty: social worker episodes began in 2023)."""
    return {
        "Header": header_table(frame, care, pupils),
        "Episodes": episodes_table(care, geography),
        "UASC": uasc_table(frame, care),
        "OC2": oc2_table(frame, care),
        "OC3": oc3_table(frame, care),
        "AD1": ad1_table(frame, care),
        "Reviews": reviews_table(frame, care),
        "Missing": missing_table(frame, care),
        "PlacedAdoption": placed_adoption_table(frame, care),
        "PrevPerm": prev_perm_table(frame, care),
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


def write_ssda903(
    tables: dict[str, Any], csv_folder: Path, xml_folder: Path, written: Written
) -> None:
    """The CSV files (dd/mm/yyyy dates) and the XML file."""
    for name, file in FILES.items():
        write_csv(tables[name], csv_folder / file, written, dmy_dates=True)
    write_xml(tables, xml_folder / XML_FILE, written)
