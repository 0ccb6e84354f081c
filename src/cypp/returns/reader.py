"""Reading a whole return: files and folders in, canonical tables out, or every problem.

Each return (SSDA903, School Census, ...) is described by a ``ReturnKind``; this module does
what they share: expanding folders, hashing and decoding files, identifying each CSV's table
by its header, building the tables, and raising one ``ReturnError`` that lists every blocking
problem in every file. Nothing here stores anything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa

from cypp.errors import ReturnError
from cypp.problems import Level, Problem
from cypp.returns.build import RawRecord, build_table, concat, duplicate_keys
from cypp.returns.build_arrow import build_arrow_table
from cypp.returns.csvfile import CsvRecord, parse_csv
from cypp.returns.fastcsv import split_csv
from cypp.returns.identify import HeaderMatch, identify
from cypp.returns.result import ReturnRead, SourceFile
from cypp.returns.spec import TableSpec
from cypp.returns.text import DecodedText, decode_text

Checks = Callable[[Mapping[str, pa.Table]], list[Problem]]


@dataclass(frozen=True)
class ReturnKind:
    """What a return is made of and how strictly its files map to tables.

    ``one_file_per_table``: a second file for the same table is blocking (SSDA903: one year's
    return has one file per table); otherwise the files of a table are stacked (e.g. monthly
    NCCIS snapshots). ``checks`` adds return-specific findings once all tables are built.
    """

    name: str
    title: str
    specs: tuple[TableSpec, ...]
    one_file_per_table: bool = False
    iso_dates: bool = True
    checks: Checks | None = None

    def spec(self, name: str) -> TableSpec:
        """The table spec called ``name``."""
        for spec in self.specs:
            if spec.name == name:
                return spec
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class FileContent:
    """A file's bytes, read once, and their hash."""

    name: str
    path: Path
    data: bytes
    sha256: str


@dataclass
class FileResult:
    """What one file yielded: (table name, table) parts, problems, and its encoding."""

    parts: list[tuple[str, pa.Table]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    encoding: str = ""


FileReader = Callable[[FileContent, ReturnKind], FileResult]


def read_return(
    paths: Sequence[Path | str],
    kind: ReturnKind,
    read_file: FileReader | None = None,
) -> ReturnRead:
    """Read the files (and every CSV in each folder) in ``paths`` as one ``kind`` return.

    Raises ``ReturnError`` carrying every blocking problem in every file.
    """
    reader = read_file or read_csv_file
    files, problems = _expand(paths)
    results: list[tuple[FileContent, FileResult]] = []
    names = _display_names(files)
    for path in files:
        content = _load(path, names[path])
        if isinstance(content, Problem):
            problems.append(content)
            continue
        # keep the name and hash, not the bytes: a nation's files would all stay in memory
        results.append((replace(content, data=b""), reader(content, kind)))
    for _, result in results:
        problems.extend(result.problems)
    problems.extend(_duplicate_tables(results, kind))
    blocking = [p for p in problems if p.level == Level.BLOCKING]
    if blocking:
        count = len({p.file for p in blocking})
        raise ReturnError(
            f"The {kind.title} return has {len(blocking)} blocking problem"
            f"{'s' if len(blocking) != 1 else ''} in {count} file{'s' if count != 1 else ''}; "
            "nothing was read. Fix "
            f"{'them' if len(blocking) != 1 else 'it'} and read the return again.",
            blocking,
        )
    tables: dict[str, pa.Table] = {}
    for spec in kind.specs:
        parts = [t for _, r in results for name, t in r.parts if name == spec.name]
        if parts:
            tables[spec.name] = concat(spec, parts)
            problems.extend(duplicate_keys(spec, tables[spec.name]))
    if kind.checks is not None:
        problems.extend(kind.checks(tables))
    sources = tuple(
        SourceFile(
            name=c.name,
            path=c.path,
            sha256=c.sha256,
            encoding=r.encoding,
            tables=tuple(dict.fromkeys(name for name, _ in r.parts)),
        )
        for c, r in results
    )
    return ReturnRead(kind.name, tables, tuple(problems), sources)


def _expand(paths: Sequence[Path | str]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            # CSVs, and XML (the SSDA903 return's other form; other readers name it as not theirs)
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".xml")
            )
            if not found:
                problems.append(
                    Problem(
                        file=str(path),
                        line=None,
                        rule="no-files",
                        found="the folder has no CSV or XML files",
                        expected="a folder holding the return's CSV (or SSDA903 XML) files",
                        fix="give the folder that holds the CSV files, or the files themselves",
                    )
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(
                Problem(
                    file=str(path),
                    line=None,
                    rule="file-not-found",
                    found="there is no such file or folder",
                    expected="the path of a return file or of a folder of them",
                    fix="check the path (and that the file was not moved or renamed)",
                )
            )
    if not paths:
        problems.append(
            Problem(
                file="(no files)",
                line=None,
                rule="no-files",
                found="no files were given",
                expected="at least one return file or folder",
                fix="name the return's files or the folder holding them",
            )
        )
    unique = list(dict.fromkeys(p.resolve() for p in files))
    return unique, problems


def _display_names(files: Sequence[Path]) -> dict[Path, str]:
    """Each file's name for messages and ``_file``: its name, or as many trailing folders as
    tell apart files of the same name (``2009/pupils.csv`` and ``2010/pupils.csv``)."""
    names: dict[Path, str] = {}
    # Only files of the same name can share trailing parts: comparing each file with those
    # alone keeps a folder of thousands of files from taking seconds.
    same_name: dict[str, list[Path]] = {}
    for path in files:
        same_name.setdefault(path.name, []).append(path)
    for path in files:
        depth = 1
        while depth < len(path.parts) and any(
            other != path and other.parts[-depth:] == path.parts[-depth:]
            for other in same_name[path.name]
        ):
            depth += 1
        names[path] = "/".join(path.parts[-depth:])
    return names


def _load(path: Path, name: str) -> FileContent | Problem:
    try:
        data = path.read_bytes()
    except OSError as err:
        return Problem(
            file=name,
            line=None,
            rule="unreadable",
            found=f"the file cannot be opened ({err.strerror or err})",
            expected="a readable file",
            fix="check the file's permissions, and close it if another program has it locked",
        )
    return FileContent(name, path, data, hashlib.sha256(data).hexdigest())


def _duplicate_tables(
    results: list[tuple[FileContent, FileResult]], kind: ReturnKind
) -> list[Problem]:
    if not kind.one_file_per_table:
        return []
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for content, result in results:
        for name in dict.fromkeys(n for n, _ in result.parts):
            if name in first:
                problems.append(
                    Problem(
                        file=content.name,
                        line=None,
                        rule="duplicate-table",
                        found=f"this file holds a second {kind.title} {name} table (the first "
                        f"is in {first[name]})",
                        expected=f"one {name} table per {kind.title} return",
                        fix="read one year's return at a time, with each table once (either "
                        "the CSV files or the XML file)",
                    )
                )
            else:
                first[name] = content.name
    return problems


def decode(content: FileContent, kind: str = "CSV") -> DecodedText | Problem:
    """The text of a file, or a blocking problem if it is not text."""
    return decode_text(content.data, content.name, kind)


def read_csv_file(content: FileContent, kind: ReturnKind) -> FileResult:
    """Read one CSV file of ``kind``: decode, parse, identify its table, and build it."""
    decoded = decode(content)
    if isinstance(decoded, Problem):
        return FileResult(problems=[decoded])
    result = FileResult(problems=list(decoded.findings), encoding=decoded.encoding)
    read = read_clean_csv(decoded.text, content.name, kind)
    if read is None:
        read = read_csv_rows(decoded.text, content.name, kind)
    result.parts.extend(read.parts)
    result.problems.extend(read.problems)
    return result


def read_csv_rows(text: str, name: str, kind: ReturnKind) -> FileResult:
    """The row-by-row path: split with the ``csv`` module, every problem found and placed."""
    result = FileResult()
    parsed = parse_csv(text, name)
    if isinstance(parsed, list):
        result.problems.extend(parsed)
        return result
    from cypp.returns.catalogue import other_returns  # late: the catalogue imports readers

    match = identify(
        parsed.header,
        kind.specs,
        file=name,
        line=parsed.header_line,
        title=kind.title,
        other_returns=other_returns(kind.name),
    )
    if isinstance(match, Problem):
        result.problems.append(match)
        return result
    table, problems = build_table(
        match.spec, _records(match, parsed.records), name, iso_dates=kind.iso_dates
    )
    result.parts.append((match.spec.name, table))
    result.problems.extend(problems)
    return result


def read_clean_csv(text: str, name: str, kind: ReturnKind) -> FileResult | None:
    """The fast path: a file pyarrow can split exactly as ``parse_csv`` would, whose header
    names a table, built column at a time. ``None`` sends the file down the row-by-row path,
    which finds and locates every problem of the split and the header."""
    split = split_csv(text)
    if split is None:
        return None
    from cypp.returns.catalogue import other_returns  # late: the catalogue imports readers

    match = identify(
        split.header,
        kind.specs,
        file=name,
        line=split.header_line,
        title=kind.title,
        other_returns=other_returns(kind.name),
    )
    if isinstance(match, Problem):
        return None
    table, problems = build_arrow_table(
        match.spec, split, match.positions, name, iso_dates=kind.iso_dates
    )
    return FileResult(parts=[(match.spec.name, table)], problems=problems)


def _records(match: HeaderMatch, records: Sequence[CsvRecord]) -> list[RawRecord]:
    return [
        RawRecord(r.line, {name: r.values[i] for name, i in match.positions.items()})
        for r in records
    ]
