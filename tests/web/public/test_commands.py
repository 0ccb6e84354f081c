"""``cypp publish`` and ``cypp serve`` as commands (the typer app in ``web_commands``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cypp.cli.web_commands import app, is_loopback
from cypp.web.published.models import Publication
from tests.web.public.conftest import PLAN

pytestmark = pytest.mark.django_db


def test_publish_twice_says_already_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CYPP_PLAN", str(PLAN))
    monkeypatch.setenv("CYPP_WAREHOUSE", str(tmp_path / "none.duckdb"))
    runner = CliRunner()
    first = runner.invoke(app, ["publish", "--period", "2009/10"])
    assert first.exit_code == 0, first.output
    pub = Publication.objects.get()
    assert first.output.strip() == (
        f"published: publication {pub.pk}, 4 indicators for E10000018 as at 2009/10"
    )
    assert pub.published_by.startswith("cli")
    second = runner.invoke(app, ["publish", "--period", "2009/10"])
    assert second.exit_code == 0, second.output
    assert second.output.startswith(f"already published: publication {pub.pk} ")
    forced = runner.invoke(app, ["publish", "--period", "2009/10", "--force"])
    assert forced.exit_code == 0 and "is kept as history" in forced.output
    assert Publication.objects.count() == 2


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.10", False),
        ("cypp.example.org", False),
    ],
)
def test_serve_drops_the_https_redirect_on_loopback_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serving_a_network_address_needs_a_secret_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code != 0
    assert "secret_key" in str(result.exception)
