"""Reading a published CSV with the line number of every record, for problem reports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from cypp.problems import Problem
from cypp.published.errors import PublishedFileError


def _text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Some DfE downloads are saved from Excel in Windows-1252.
        return raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise _refused(
            path,
            None,
            "published.file.not-text",
            f"byte {err.start} is neither UTF-8 nor Windows-1252 text (a binary file?)",
            "a CSV file saved as UTF-8 or Windows-1252",
            "download the file again, or save it from the spreadsheet as 'CSV UTF-8'",
        ) from None


def _refused(
    path: Path, line: int | None, rule: str, found: str, expected: str, fix: str
) -> PublishedFileError:
    return PublishedFileError(
        f"{path}: cannot import: {found}", [Problem(str(path), line, rule, found, expected, fix)]
    )


def _syntax(path: Path, line: int, err: csv.Error) -> PublishedFileError:
    """A ``csv.Error`` (a value past the 131,072-character limit, a stray quote) as a problem."""
    return _refused(
        path,
        line,
        "published.csv.syntax",
        f"the CSV cannot be split into values here ({err})",
        "comma-separated values, a value with a comma, quote or line break in double quotes",
        "check the quotes on this line; download the file again if it is damaged",
    )


def read_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """The header (stripped of a BOM and surrounding spaces) and ``(line, fields)`` records.

    ``line`` is the physical line number of the record's first line (the header is line 1),
    so a problem points at the line a person would open.
    """
    # newline="" splits records only at \r, \n or \r\n, as the csv module expects.
    reader = csv.reader(io.StringIO(_text(path), newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        return [], iter(())
    except csv.Error as err:
        raise _syntax(path, 1, err) from None

    def records() -> Iterator[tuple[int, list[str]]]:
        start = reader.line_num + 1
        try:
            for fields in reader:
                if fields:
                    yield start, fields
                start = reader.line_num + 1
        except csv.Error as err:
            raise _syntax(path, start, err) from None

    return header, records()
