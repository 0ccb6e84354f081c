"""Mini synthetic counties, generated once per test session (a few seconds at most)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.synth.generate import SynthSummary, generate

#: A mini Leicestershire: about 4,500 pupils and 27 children in care at 31 March.
FRACTION = 0.06
SEED = 7


@pytest.fixture(scope="session")
def mini_county(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    out = tmp_path_factory.mktemp("county")
    return generate(out, scale="county", seed=SEED, fraction=FRACTION)


@pytest.fixture(scope="session")
def mini_county_with_errors(tmp_path_factory: pytest.TempPathFactory) -> SynthSummary:
    out = tmp_path_factory.mktemp("county-errors")
    return generate(out, scale="county", seed=SEED, fraction=FRACTION, with_errors=True)


def year_folders(root: Path, kind: str) -> list[Path]:
    return sorted(p for p in (root / kind).iterdir() if p.is_dir())
