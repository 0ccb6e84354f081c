"""Turning a return file's bytes into text, whatever a council's export tool saved it as.

Case-management systems and Excel write CSVs as UTF-8 (with or without a byte-order mark),
UTF-16 ("Unicode text") or Windows-1252. We accept all of these, say which one was used,
and refuse anything that is not text (a spreadsheet, a zip) with a problem, not a traceback.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from cypp.problems import Level, Problem

# Control characters never found in a CSV/XML export; their presence means binary data.
# Tab, line feed, form feed and carriage return are legitimate.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\x80-\x9f]")

_SAVE_AS = (
    "open it in the program that made it and save or export it as 'CSV UTF-8 (Comma "
    "delimited)', then read that file"
)
_EXPECTED = "a text file encoded as UTF-8, UTF-16 with a byte-order mark, or Windows-1252"


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text and the encoding it was read with."""

    text: str
    encoding: str
    findings: tuple[Problem, ...] = ()


def decode_text(data: bytes, file: str, kind: str = "CSV") -> DecodedText | Problem:
    """Decode ``data`` (the bytes of ``file``) or say, as a blocking problem, why not."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8) :], "utf-8", file, kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # The utf-16 codec reads the byte-order mark and drops it.
        return _strict(data, "utf-16", file, kind)
    if b"\x00" in data:
        return _not_text(
            file,
            kind,
            "it contains NUL bytes (a spreadsheet, zip or other binary file, or UTF-16 "
            "without a byte-order mark)",
        )
    try:
        return _checked(data.decode("utf-8"), "utf-8", file, kind)
    except UnicodeDecodeError:
        pass
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded = _checked(text, encoding, file, kind)
        if isinstance(decoded, Problem):
            return decoded
        note = Problem(
            file=file,
            line=None,
            rule="encoding-fallback",
            found=f"the file is not valid UTF-8; it was read as {label}",
            expected="UTF-8 text",
            fix="check that accented letters and symbols read correctly, and export the file "
            "as UTF-8 next time",
            level=Level.FINDING,
        )
        return DecodedText(decoded.text, encoding, (note,))
    return _not_text(
        file, kind, "its bytes are not text in any supported encoding"
    )  # pragma: no cover


def _strict(data: bytes, encoding: str, file: str, kind: str) -> DecodedText | Problem:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        return Problem(
            file=file,
            line=None,
            rule="encoding",
            found=f"the file starts with a {encoding.upper()} byte-order mark but byte "
            f"{err.start} is not valid {encoding.upper()}",
            expected=_EXPECTED,
            fix=_SAVE_AS,
        )
    return _checked(text.removeprefix("\ufeff"), encoding, file, kind)


def _checked(text: str, encoding: str, file: str, kind: str) -> DecodedText | Problem:
    # A DOS end-of-file marker (Ctrl-Z) after the last line is harmless.
    text = text.rstrip("\x1a")
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        return _not_text(
            file,
            kind,
            f"it contains the control character {bad.group()!r} on line {line}, so it is "
            "binary data, not text",
        )
    return DecodedText(text, encoding)


def _not_text(file: str, kind: str, why: str) -> Problem:
    return Problem(
        file=file,
        line=None,
        rule="not-text",
        found=f"not a text {kind} file: {why}",
        expected=_EXPECTED,
        fix=_SAVE_AS,
    )
