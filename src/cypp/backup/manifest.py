"""``manifest.json``: what a backup holds, and the check every restore makes first.

The manifest lists each file with its SHA-256 and size, the versions that wrote it, the time,
and a canonical digest of every warehouse table and workspace model (rows and a content hash)
that the restored copy must reproduce. It is written last, so a backup that did not finish has
none. ``verify_backup`` reads it and checks every file before anything is restored.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cypp.backup.errors import BackupError
from cypp.problems import Problem

MANIFEST = "manifest.json"
WAREHOUSE_FILE = "warehouse.duckdb"
WORKSPACE_FILE = "workspace.json"
FORMAT = "cypp-backup"

# {table or model: {"rows": n, "sha256": hex, ...}}: equal digests mean equal content
Digest = dict[str, dict[str, Any]]

_CHUNK = 1 << 20


class FileEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)


class WarehousePart(BaseModel):
    file: str
    source: str  # the path it was copied from
    duckdb_version: str
    digest: Digest


class WorkspacePart(BaseModel):
    file: str
    engine: str  # Django's vendor name: sqlite or postgresql
    source: str  # the database's name (a path for SQLite); never a password
    django_version: str
    migrations: dict[str, list[str]]  # app label -> applied migration names, sorted
    digest: Digest


class Manifest(BaseModel):
    format: Literal["cypp-backup"]
    format_version: Literal[1]
    created: datetime
    cypp_version: str
    python_version: str
    files: dict[str, FileEntry]
    warehouse: WarehousePart | None
    workspace: WorkspacePart | None


def sha256_of(path: Path) -> tuple[str, int]:
    """SHA-256 (hex) and size of a file, read in chunks."""
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


def write_manifest(folder: Path, manifest: Manifest) -> Path:
    """Write the manifest through a temporary file and a rename: it exists whole or not at all."""
    text = json.dumps(manifest.model_dump(mode="json"), indent=1, sort_keys=True) + "\n"
    path = folder / MANIFEST
    partial = folder / f".{MANIFEST}.partial"
    with partial.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.chmod(partial, 0o600)
    os.replace(partial, path)
    return path


def read_manifest(folder: Path) -> Manifest:
    """The manifest of a backup folder, or a ``BackupError`` saying what is wrong with it."""
    path = folder / MANIFEST
    if not folder.is_dir():
        raise BackupError(
            f"no backup at {folder}",
            [_problem(folder, "backup folder", "no such folder", "a folder cypp backup wrote")],
        )
    if not path.is_file():
        raise BackupError(
            f"{folder} has no {MANIFEST}: it is not a cypp backup, or one that did not finish",
            [
                _problem(
                    path,
                    "manifest present",
                    "no manifest.json",
                    "the manifest.json that cypp backup writes last",
                    "use a backup that finished (cypp backup writes manifest.json at the end)",
                )
            ],
        )
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BackupError(
            f"{path} is not valid JSON (damaged or cut short); nothing was restored",
            [
                Problem(
                    file=str(path),
                    line=exc.lineno,
                    rule="manifest is complete JSON",
                    found=f"{exc.msg} at line {exc.lineno}, column {exc.colno} "
                    f"({len(text.encode())} bytes)",
                    expected="the whole manifest.json that cypp backup wrote",
                    fix="the manifest was damaged or cut short: restore from another backup",
                )
            ],
        ) from None
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        problems = [
            Problem(
                file=str(path),
                line=None,
                column=".".join(str(p) for p in e["loc"]) or None,
                rule="manifest fields",
                found=e["msg"],
                expected=f"a {FORMAT} manifest, format version 1",
                fix="the manifest was edited or damaged, or a newer cypp wrote it: restore "
                "from another backup, or with the cypp version that made this one",
                value=repr(e.get("input"))[:80],
            )
            for e in exc.errors()
        ]
        raise BackupError(f"{path} is not a valid backup manifest", problems) from None


def verify_backup(folder: Path) -> Manifest:
    """Read the manifest and check the size and SHA-256 of every file it lists; a
    ``BackupError`` names each file that is missing or differs. Nothing is written."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    problems: list[Problem] = []
    named = [p.file for p in (manifest.warehouse, manifest.workspace) if p is not None]
    for name in named:
        if name not in manifest.files:
            problems.append(
                _problem(
                    folder / MANIFEST,
                    "manifest lists its files",
                    f"{name} is named but has no checksum",
                    "a checksum for every file of the backup",
                )
            )
    for name, entry in sorted(manifest.files.items()):
        path = folder / name
        if Path(name).name != name or not path.is_file():
            problems.append(
                _problem(path, "file present", "missing", f"{name}, {entry.bytes:,} bytes")
            )
            continue
        digest, size = sha256_of(path)
        if digest != entry.sha256 or size != entry.bytes:
            problems.append(
                Problem(
                    file=str(path),
                    line=None,
                    rule="checksum",
                    found=f"SHA-256 {digest}, {size:,} bytes",
                    expected=f"SHA-256 {entry.sha256}, {entry.bytes:,} bytes (from {MANIFEST})",
                    fix="the file changed after the backup was made (damaged or edited): "
                    "restore from another backup",
                    value=digest,
                )
            )
    if problems:
        names = ", ".join(sorted({Path(p.file).name for p in problems}))
        raise BackupError(
            f"backup {folder} failed its checks ({names}); nothing was restored", problems
        )
    return manifest


def _problem(
    path: Path,
    rule: str,
    found: str,
    expected: str,
    fix: str = "restore from another backup",
) -> Problem:
    return Problem(file=str(path), line=None, rule=rule, found=found, expected=expected, fix=fix)
