"""Shared test helpers: the repository root and the fixture folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SEED_PLAN = ROOT / "plans" / "leicestershire-2008-2011"


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's CYPP_* environment."""
    import os

    for name in list(os.environ):
        if name.startswith("CYPP_"):
            monkeypatch.delenv(name)
