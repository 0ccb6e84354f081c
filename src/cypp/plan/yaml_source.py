"""YAML parsing that remembers where every value came from.

Pydantic and the validation rules work on plain dicts and lists; to say ``file:line`` for any
problem they look the line up here by the value's path (``("indicators", 3, "unit")``).
Duplicate keys, which PyYAML silently overwrites, are recorded as problems instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Line numbers (1-based) of every mapping key and sequence item in one YAML file."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicate_keys: list[tuple[Path_, int]] = field(default_factory=list)

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), None)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML file: its plain data and where each part of it stands."""

    path: Path
    data: Any
    source: SourceMap


class YamlSyntaxError(ValueError):
    """The file is not YAML; carries the line of the error."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def _scalar(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    value = loader.construct_object(node, deep=True)
    # Dates stay text: periods such as "2010-03-31" are labels, parsed by cypp.periods.
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _walk(node: yaml.Node, path: Path_, smap: SourceMap, loader: yaml.SafeLoader) -> Any:
    smap.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(loader, key_node))
            child = (*path, key)
            if key in out:
                smap.duplicate_keys.append((child, key_node.start_mark.line + 1))
            smap.lines[child] = key_node.start_mark.line + 1
            out[key] = _walk(value_node, child, smap, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(item, (*path, i), smap, loader) for i, item in enumerate(node.value)]
    return _scalar(loader, node)


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Parse one YAML file with safe loading, recording lines and duplicate keys."""
    name = display_name or str(path)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise YamlSyntaxError(f"{exc.problem or exc}", line) from None
    smap = SourceMap(file=name)
    data = None if node is None else _walk(node, (), smap, yaml.SafeLoader(""))
    return YamlDocument(path=path, data=data, source=smap)
