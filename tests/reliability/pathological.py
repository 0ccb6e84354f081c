"""Files too big or too deep to read in the test process: built here, read by
``run_reader.py`` in a subprocess with a timeout (``read_in_subprocess``)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.reliability.seeds import Seed, Target
from tests.reliability.strategies import XML_ATTACKS, seed_text

RUNNER = Path(__file__).with_name("run_reader.py")
#: A pathological read must finish within this many seconds, or it counts as a hang.
TIMEOUT = 60.0
MB = 1_000_000


def read_in_subprocess(
    reader: str, paths: list[Path], timeout: float = TIMEOUT
) -> dict[str, object]:
    """What ``reader`` did with ``paths`` in a fresh process (``outcome: hang`` on timeout)."""
    try:
        run = subprocess.run(
            [sys.executable, str(RUNNER), reader, *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"outcome": "hang", "seconds": timeout}
    if run.returncode != 0 or not run.stdout.strip():
        return {
            "outcome": "crash",
            "error": f"exit {run.returncode}",
            "traceback": run.stderr[-3000:],
        }
    result: dict[str, object] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def _seed(target: Target) -> Seed:
    """The seed with the most lines: the likeliest to reach every parser."""
    return max(target.seeds, key=lambda s: s.data.count(b"\n"))


def _csv_lines(seed: Seed) -> list[str]:
    return seed_text(seed).replace("\r\n", "\n").rstrip("\n").split("\n")


def _write(folder: Path, name: str, data: bytes | str) -> list[Path]:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return [path]


def huge_cell(target: Target, folder: Path) -> list[Path]:
    """10 MB in one value (the first value of the first record; an area name if published)."""
    seed = _seed(target)
    big = "A" * (10 * MB)
    if target.form == "xml":
        text = seed_text(seed)
        at = text.index("<CHILDID>") + len("<CHILDID>")
        return _write(folder, seed.name, text[:at] + big + text[at:])
    lines = _csv_lines(seed)
    header = lines[0].split(",")
    column = next((i for i, h in enumerate(header) if h in ("la_name", "la_or_region")), 0)
    cells = lines[1].split(",")  # the first records of the seeds hold no quoted commas
    cells[column] = big
    return _write(folder, seed.name, "\n".join([lines[0], ",".join(cells), *lines[2:]]) + "\n")


def million_columns(target: Target, folder: Path) -> list[Path]:
    """The real header and records, each followed by a million extra (empty) columns."""
    lines = _csv_lines(_seed(target))
    extra_names = "".join(f",X{i}" for i in range(MB))
    extra_cells = "," * MB
    body = [lines[0] + extra_names, *(line + extra_cells for line in lines[1:3])]
    return _write(folder, _seed(target).name, "\n".join(body) + "\n")


def million_unknown_columns(target: Target, folder: Path) -> list[Path]:
    """A header of a million columns, none of them known, and no records."""
    return _write(folder, _seed(target).name, ",".join(f"X{i}" for i in range(MB)) + "\n")


#: Files in the folder of empty files (``scripts/fuzz.py`` raises it).
EMPTY_FILES = 2000
#: Depth of the deeply nested XML (``scripts/fuzz.py`` raises it).
DEPTH = 200_000


def empty_files(target: Target, folder: Path) -> list[Path]:
    """A folder of thousands of empty files."""
    suffix = ".xml" if target.form == "xml" else ".csv"
    for i in range(EMPTY_FILES):
        (folder / f"empty_{i:04d}{suffix}").write_bytes(b"")
    return [folder]


def long_line(target: Target, folder: Path) -> list[Path]:
    """Ten megabytes of one line of commas after the header."""
    lines = _csv_lines(_seed(target))
    return _write(folder, _seed(target).name, lines[0] + "\n" + "," * (10 * MB) + "\n")


def billion_laughs(target: Target, folder: Path) -> list[Path]:
    """Ten levels of ten entities each: 10^9 "lol"s if expanded."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    ]
    text = (
        f'<?xml version="1.0"?><!DOCTYPE EXPSSDA903 [{"".join(entities)}]>'
        "<EXPSSDA903><CHILD><HEADER><CHILDID>&lol9;</CHILDID></HEADER></CHILD></EXPSSDA903>"
    )
    return _write(folder, "laughs.xml", text)


def quadratic_blowup(target: Target, folder: Path) -> list[Path]:
    """One 100 kB entity referenced 20,000 times (2 GB if expanded)."""
    text = (
        f'<?xml version="1.0"?><!DOCTYPE EXPSSDA903 [<!ENTITY a "{"a" * 100_000}">]>'
        f"<EXPSSDA903><CHILD><HEADER><CHILDID>{'&a;' * 20_000}</CHILDID></HEADER></CHILD>"
        "</EXPSSDA903>"
    )
    return _write(folder, "quadratic.xml", text)


def external_entities(target: Target, folder: Path) -> list[Path]:
    """Every attack of ``XML_ATTACKS`` that must be refused (entities, external entities,
    DTDs), one file each, read together."""
    paths = []
    for i, (text, rule) in enumerate(XML_ATTACKS):
        if rule is not None:
            paths += _write(folder, f"attack_{i}.xml", text)
    return paths


def deep_nesting(target: Target, folder: Path) -> list[Path]:
    """Elements nested ``DEPTH`` deep inside a CHILD."""
    depth = DEPTH
    text = f"<EXPSSDA903><CHILD>{'<X>' * depth}1{'</X>' * depth}</CHILD></EXPSSDA903>"
    return _write(folder, "deep.xml", text)


Builder = Callable[[Target, Path], list[Path]]

#: The pathological cases for each form of file.
CASES: dict[str, dict[str, Builder]] = {
    "csv": {
        "huge-cell": huge_cell,
        "million-columns": million_columns,
        "million-unknown-columns": million_unknown_columns,
        "long-line": long_line,
        "empty-files": empty_files,
    },
    "xml": {
        "huge-cell": huge_cell,
        "billion-laughs": billion_laughs,
        "quadratic-blowup": quadratic_blowup,
        "external-entities": external_entities,
        "deep-nesting": deep_nesting,
        "empty-files": empty_files,
    },
}
