"""Settings: precedence env > cypp.toml > default, clear errors, and every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.errors import SettingsError
from cypp.settings import REGISTRY, load_settings
from tests.conftest import ROOT


def test_defaults(tmp_path: Path) -> None:
    s = load_settings(tmp_path, environ={})
    assert s.suppression_threshold == 5
    assert s.source("warehouse") == "default"


def test_toml_then_env_precedence(tmp_path: Path) -> None:
    (tmp_path / "cypp.toml").write_text(
        '[cypp]\nwarehouse = "w.duckdb"\nsuppression_threshold = 9\n'
    )
    s = load_settings(tmp_path, environ={"CYPP_SUPPRESSION_THRESHOLD": "3"})
    assert s.warehouse == "w.duckdb" and s.source("warehouse") == "cypp.toml"
    assert (
        s.suppression_threshold == 3
        and s.source("suppression_threshold") == "env CYPP_SUPPRESSION_THRESHOLD"
    )


def test_unknown_key_in_toml_is_named(tmp_path: Path) -> None:
    (tmp_path / "cypp.toml").write_text('warehose = "x"\n')
    with pytest.raises(SettingsError, match=r"unknown setting.*'warehose'.*warehouse"):
        load_settings(tmp_path, environ={})


def test_wrong_type_names_the_value(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"'five'; expected a whole number"):
        load_settings(tmp_path, environ={"CYPP_SUPPRESSION_THRESHOLD": "five"})


def test_malformed_toml(tmp_path: Path) -> None:
    (tmp_path / "cypp.toml").write_text("area = \n")
    with pytest.raises(SettingsError, match="not valid TOML"):
        load_settings(tmp_path, environ={})


def test_every_setting_is_documented() -> None:
    doc = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for s in REGISTRY:
        assert f"| `{s.name}` | `{s.env_var}` |" in doc, (
            f"setting {s.name} is not in docs/settings.md"
        )


def test_every_ssda903_rule_is_documented() -> None:
    from cypp.returns.ssda903.rules import RULES

    doc = (ROOT / "docs" / "returns.md").read_text(encoding="utf-8")
    codes = [r.code for r in (RULES.values() if isinstance(RULES, dict) else RULES)]
    missing = [c for c in codes if f"`903-{c}`" not in doc]
    assert missing == [], f"rules not in docs/returns.md: {missing}"
