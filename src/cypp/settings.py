"""The one registry of settings: name, type, default and help, read from cypp.toml or env.

Precedence, highest first: an environment variable ``CYPP_<NAME>`` (upper case), the
``[cypp]`` table (or top level) of ``cypp.toml`` in the working directory, the default.
Every setting is declared here and documented in ``docs/settings.md``; a test fails when the
two disagree, so no setting can exist without its documentation.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cypp.errors import SettingsError


@dataclass(frozen=True, slots=True)
class Setting:
    """One declared setting."""

    name: str
    type: type[Any]
    default: Any
    help: str

    @property
    def env_var(self) -> str:
        return f"CYPP_{self.name.upper()}"


REGISTRY: tuple[Setting, ...] = (
    Setting(
        "plan",
        str,
        "plans/leicestershire-2008-2011",
        "Plan folder used when a command is given no --plan.",
    ),
    Setting(
        "area",
        str,
        "E10000018",
        "Area (ONS code or three-digit LA number) for returns that do not carry their own council.",
    ),
    Setting(
        "warehouse",
        str,
        "cypp-warehouse.duckdb",
        "Path of the embedded DuckDB warehouse file holding child-level data.",
    ),
    Setting(
        "pseudonym_key",
        str,
        "",
        "Secret key for the keyed hash (HMAC-SHA256) that replaces child identifiers at load. Loading refuses to run without one, except in the demo.",
    ),
    Setting(
        "suppression_threshold",
        int,
        5,
        "Counts from 1 up to this number are suppressed (shown as 'c') in everything that leaves the warehouse; 0 stays 0.",
    ),
    Setting(
        "neighbour_model",
        str,
        "2021",
        "Statistical neighbour model for benchmarks: '2021' (DfE, April 2021) or '2025' (DfE, May 2025).",
    ),
    Setting(
        "status_tolerance_percent",
        int,
        5,
        "Tolerance band for status: a value worse than its aim by no more than this percentage of the aim is 'on track' (amber), as scorecards do.",
    ),
    Setting(
        "database_url",
        str,
        "",
        "Workspace database for the web app, e.g. postgresql://user@host:5432/cypp. Empty means SQLite at the path of setting 'workspace'.",
    ),
    Setting(
        "workspace",
        str,
        "cypp-workspace.sqlite3",
        "Path of the web app's SQLite workspace database when database_url is empty. It holds aggregates, commentary and audit only; never child-level data.",
    ),
    Setting(
        "secret_key",
        str,
        "",
        "Secret key of the web app (signs sessions and CSRF tokens). Required by 'cypp serve'; keep it out of version control.",
    ),
    Setting(
        "allowed_hosts",
        str,
        "localhost,127.0.0.1",
        "Comma-separated host names the web app answers to.",
    ),
    Setting(
        "site_url",
        str,
        "http://localhost:8000",
        "Public address of the web app, used in the links of reminder emails.",
    ),
    Setting(
        "api_rate_limit",
        int,
        120,
        "Requests per minute one address may make to the read-only API (0 turns the limit off); more get 429 with Retry-After.",
    ),
    Setting(
        "email_from",
        str,
        "cypp@localhost",
        "Sender address of reminder emails. In development they are printed to the console.",
    ),
)

_BY_NAME = {s.name: s for s in REGISTRY}


class Settings:
    """Resolved settings: attribute access by name, with the source of each value kept."""

    def __init__(self, values: Mapping[str, Any], sources: Mapping[str, str]) -> None:
        self._values = dict(values)
        self._sources = dict(sources)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def source(self, name: str) -> str:
        """Where a value came from: ``default``, ``cypp.toml`` or ``env CYPP_NAME``."""
        return self._sources[name]

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    if setting.type is int:
        if isinstance(raw, bool):
            raise SettingsError(_type_message(setting, raw, origin))
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise SettingsError(_type_message(setting, raw, origin)) from None
    if not isinstance(raw, str):
        raise SettingsError(_type_message(setting, raw, origin))
    return raw


_TYPE_WORDS = {int: "a whole number", str: "text"}


def _type_message(setting: Setting, raw: Any, origin: str) -> str:
    kind = _TYPE_WORDS.get(setting.type, setting.type.__name__)
    return (
        f"{origin}: setting {setting.name!r} is {raw!r}; expected {kind}; "
        f"fix: set it to {kind} ({setting.help})"
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix the file or remove it") from None
    table = data.get("cypp", data)
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [cypp] must be a table of settings")
    unknown = sorted(set(table) - set(_BY_NAME))
    if unknown:
        raise SettingsError(
            f"{path}: unknown setting(s) {', '.join(map(repr, unknown))}; "
            f"expected one of {', '.join(sorted(_BY_NAME))}; fix: remove or rename them"
        )
    return table


def load_settings(cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Resolve every registered setting from env, cypp.toml in ``cwd`` and the defaults."""
    cwd = cwd or Path.cwd()
    environ = os.environ if environ is None else environ
    toml_path = cwd / "cypp.toml"
    from_file = _read_toml(toml_path) if toml_path.is_file() else {}
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for setting in REGISTRY:
        if setting.env_var in environ:
            origin = f"env {setting.env_var}"
            values[setting.name] = _coerce(setting, environ[setting.env_var], origin)
        elif setting.name in from_file:
            origin = "cypp.toml"
            values[setting.name] = _coerce(setting, from_file[setting.name], str(toml_path))
        else:
            origin = "default"
            values[setting.name] = setting.default
        sources[setting.name] = origin
    return Settings(values, sources)
