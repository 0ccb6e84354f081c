"""Reading a plan folder: YAML files → per-item pydantic validation → a ``Draft``.

A plan is a folder of YAML files, each a mapping of sections (``plan``, ``outcomes``,
``priorities``, ``programmes``, ``partners``, ``indicators``, ``targets``). A plan may
``extends:`` another folder and take every section it does not define itself from there —
``plans/demo`` is the seed plan plus illustrative targets.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from cypp.plan.draft import Draft, Placed
from cypp.plan.model import PATTERN_HELP, REQUIRED_SECTIONS, SECTIONS, Header
from cypp.plan.yaml_source import SourceMap, YamlSyntaxError, load_yaml
from cypp.problems import Problem

RawSection = tuple[Any, SourceMap, tuple[str | int, ...]]


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_sections(
    folder: Path, problems: list[Problem], _seen: frozenset[Path] = frozenset()
) -> dict[str, RawSection]:
    """Every section of the plan in ``folder`` (following ``extends``), as raw data."""
    if not folder.is_dir():
        problems.append(
            Problem(
                _display(folder),
                None,
                "plan-folder",
                "no such folder",
                "a folder of plan YAML files",
                "give the path of a plan folder, e.g. plans/leicestershire-2008-2011",
            )
        )
        return {}
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    sections: dict[str, RawSection] = {}
    for path in files:
        name = _display(path)
        try:
            doc = load_yaml(path, name)
        except YamlSyntaxError as exc:
            problems.append(
                Problem(
                    name,
                    exc.line,
                    "yaml-syntax",
                    f"invalid YAML: {exc}",
                    "well-formed YAML",
                    "correct the syntax at that line",
                )
            )
            continue
        except UnicodeDecodeError:
            problems.append(
                Problem(
                    name,
                    None,
                    "yaml-encoding",
                    "the file is not UTF-8 text",
                    "a UTF-8 YAML file",
                    "save the file as UTF-8",
                )
            )
            continue
        for key_path, line in doc.source.duplicate_keys:
            problems.append(
                Problem(
                    name,
                    line,
                    "duplicate-key",
                    f"key {key_path[-1]!r} appears twice in the same mapping",
                    "each key once",
                    "remove or merge the repeated key",
                )
            )
        if doc.data is None:
            continue
        if not isinstance(doc.data, dict):
            problems.append(
                Problem(
                    name,
                    1,
                    "file-shape",
                    "the file is not a mapping of sections",
                    f"top-level keys from {', '.join(SECTIONS)}",
                    "start the file with a section key such as 'indicators:'",
                )
            )
            continue
        for key, value in doc.data.items():
            if key not in SECTIONS:
                close = difflib.get_close_matches(key, SECTIONS, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(
                    Problem(
                        name,
                        doc.source.line_of((key,)),
                        "unknown-section",
                        f"unknown section {key!r}",
                        f"one of {', '.join(SECTIONS)}",
                        f"rename or remove it{hint}",
                    )
                )
                continue
            if key in sections:
                problems.append(
                    Problem(
                        name,
                        doc.source.line_of((key,)),
                        "duplicate-section",
                        f"section {key!r} is also in {sections[key][1].file}",
                        "each section in one file",
                        "merge the two into one file",
                    )
                )
                continue
            sections[key] = (value, doc.source, (key,))
    extends = _extends(sections)
    if extends is not None:
        base = (folder / extends).resolve()
        if base in _seen or base == folder.resolve():
            value, smap, prefix = sections["plan"]
            problems.append(
                Problem(
                    smap.file,
                    smap.line_of((*prefix, "extends")),
                    "extends-cycle",
                    f"extends {extends!r} leads back to this plan",
                    "a base plan",
                    "point 'extends' at a different plan folder",
                )
            )
        else:
            inherited = read_sections(base, problems, _seen | {folder.resolve()})
            for key, raw in inherited.items():
                if key == "plan":
                    continue  # the header is always the plan's own
                sections.setdefault(key, raw)
    return sections


def _extends(sections: dict[str, RawSection]) -> str | None:
    raw = sections.get("plan")
    if raw and isinstance(raw[0], dict) and isinstance(raw[0].get("extends"), str):
        return str(raw[0]["extends"])
    return None


def build_draft(folder: Path) -> tuple[Draft, list[Problem]]:
    """Read and structurally validate every item of the plan in ``folder``."""
    problems: list[Problem] = []
    sections = read_sections(folder, problems)
    draft = Draft()
    for name in REQUIRED_SECTIONS:
        if name not in sections and folder.is_dir():
            problems.append(
                Problem(
                    _display(folder),
                    None,
                    "missing-section",
                    f"no {name!r} section in any file",
                    f"a {name!r} section",
                    f"add a file with a top-level '{name}:' key",
                )
            )
    for name, (raw, smap, prefix) in sections.items():
        model, is_list = SECTIONS[name]
        if is_list:
            if not isinstance(raw, list):
                problems.append(
                    Problem(
                        smap.file,
                        smap.line_of(prefix),
                        "section-shape",
                        f"section {name!r} is a {type(raw).__name__}",
                        "a list of items",
                        "write each item on a line starting with '- '",
                    )
                )
                continue
            ids: set[str] = set()
            for i, item in enumerate(raw):
                if isinstance(item, dict):
                    key = item.get("code", item.get("indicator", item.get("id")))
                    if isinstance(key, str):
                        ids.add(key)
                    _collect_ids(item, draft.raw_ids)
                parsed = _validate(model, item, smap, (*prefix, i), problems)
                if parsed is not None:
                    getattr(draft, name).append(parsed)
            draft.raw_ids.setdefault(name, set()).update(ids)
        else:
            parsed = _validate(model, raw, smap, prefix, problems)
            if parsed is not None:
                assert isinstance(parsed.item, Header)
                draft.header = parsed
    return draft, problems


def _collect_ids(item: dict[str, Any], into: dict[str, set[str]]) -> None:
    """Nested ids (workstreams, actions) so references to them can be checked."""
    for key in ("workstreams", "actions"):
        for child in item.get(key) or []:
            if isinstance(child, dict):
                if isinstance(child.get("id"), str):
                    into.setdefault(key, set()).add(child["id"])
                _collect_ids(child, into)


def _validate(
    model: type[BaseModel],
    raw: Any,
    smap: SourceMap,
    prefix: tuple[str | int, ...],
    problems: list[Problem],
) -> Placed[Any] | None:
    try:
        item = model.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(_structure_problem(model, raw, err, smap, prefix))
        return None
    return Placed(item, smap, prefix)


def _structure_problem(
    model: type[BaseModel], raw: Any, err: Any, smap: SourceMap, prefix: tuple[str | int, ...]
) -> Problem:
    loc = _data_path(raw, tuple(err["loc"]))
    line = smap.line_of((*prefix, *loc))
    kind = err["type"]
    field_name = str(loc[-1]) if loc else "item"
    where = ".".join(str(p) for p in (*prefix, *loc))
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        allowed = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(field_name, allowed, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return Problem(
            smap.file,
            line,
            "unknown-key",
            f"unknown key {field_name!r} at {where}",
            f"one of {', '.join(allowed)}",
            f"remove it or correct its spelling{hint}",
        )
    if kind == "missing":
        return Problem(
            smap.file,
            line,
            "missing-key",
            f"no {field_name!r} at {where}",
            f"a value for {field_name!r}",
            f"add '{field_name}:' to this item",
        )
    value = err.get("input")
    ctx = err.get("ctx", {})
    pattern = ctx.get("pattern")
    expected = str(ctx.get("expected") or PATTERN_HELP.get(pattern or "", pattern) or err["msg"])
    return Problem(
        smap.file,
        line,
        f"invalid-{kind.replace('_', '-')}",
        f"{field_name} is {value!r} at {where}",
        expected,
        f"correct {field_name!r} ({err['msg']})",
        column=field_name,
        value=repr(value),
    )


def _data_path(raw: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Pydantic's error location, keeping only the steps that exist in the raw data."""
    path: list[str | int] = []
    node = raw
    for step in loc:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        ):
            path.append(step)
            node = node[step]
        elif (
            isinstance(node, dict)
            and isinstance(step, str)
            and path[-1:] != [step]
            # a missing or extra key is kept as the last step; union-member names are skipped
            and step[:1].islower()
            and "[" not in step
        ):
            path.append(step)
            node = None
    return tuple(path)


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class found by following field names (list indices skipped) from ``model``."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(step)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (tuple, list, Union, UnionType):
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation
