"""``read_ssda903``: an SSDA903 return from its CSV files, a folder of them, or its XML."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cypp.returns.reader import FileContent, FileResult, ReturnKind, read_csv_file, read_return
from cypp.returns.result import ReturnRead
from cypp.returns.ssda903.tables import SSDA903_TABLES
from cypp.returns.ssda903.xml_reader import read_xml_file

SSDA903 = ReturnKind(
    name="ssda903",
    title="SSDA903",
    specs=SSDA903_TABLES,
    one_file_per_table=True,
    iso_dates=False,  # the DfE CSVs write dd/mm/yyyy only; the XML reader also takes ISO
)


def read_ssda903(paths: Sequence[Path | str]) -> ReturnRead:
    """Read an SSDA903 return: CSV files (one table each, told apart by their headers),
    folders (every CSV in them), or the DfE XML file.

    Raises ``ReturnError`` with every blocking problem in every file.
    """
    return read_return(paths, SSDA903, _read_file)


def _read_file(content: FileContent, kind: ReturnKind) -> FileResult:
    if _is_xml(content):
        return read_xml_file(content, kind)
    return read_csv_file(content, kind)


def _is_xml(content: FileContent) -> bool:
    if content.path.suffix.lower() == ".xml":
        return True
    start = content.data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith(b"<")
