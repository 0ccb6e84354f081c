"""`cypp load published`: publications stored as a batch, symbols kept as states."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cypp.engine.store import Store
from tests.conftest import FIXTURES, ROOT

CYPP = str(Path(sys.executable).parent / "cypp")
NCCIS = ROOT / "src" / "cypp" / "data" / "published" / "dfe-nccis"


def cypp(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CYPP_WAREHOUSE": str(tmp / "w.duckdb"),
        "CYPP_PSEUDONYM_KEY": "published-key-0123456789",
    }
    return subprocess.run([CYPP, *args], env=env, capture_output=True, text=True, timeout=120)


def test_nccis_and_conceptions_load_as_published(tmp_path: Path) -> None:
    run = cypp(
        tmp_path,
        "load",
        "published",
        str(NCCIS),
        str(FIXTURES / "published" / "under18_conceptions.csv"),
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "published 2009..2025" in run.stdout
    with Store(tmp_path / "w.duckdb", read_only=True) as store:
        neet = store.fetch(
            "SELECT period, value FROM current__published__values WHERE area_code = 'E10000018' "
            "AND measure = 'neet_nk_la_dashboard.NEET_percent' ORDER BY period"
        )
        # Leicestershire 16-17 NEET 2021-2025 as published: 2.4, 1.3, 0.8, 0.7, 1.2
        assert [v for _, v in neet] == [2.4, 1.3, 0.8, 0.7, 1.2]
        rates = store.fetch(
            "SELECT period, value, state FROM current__published__values WHERE area_code = 'E10000018' "
            "AND measure = 'ons_under18_conceptions.rate_per_1000' ORDER BY period"
        )
        assert rates == [("2009", 24.8, "value"), ("2010", None, "x")]
        suppressed = store.fetch(
            "SELECT value, state FROM current__published__values WHERE area_code = 'E10000018' "
            "AND measure = 'ons_under18_conceptions.conceptions' AND period = '2010'"
        )
        assert suppressed == [(None, "c")]


def test_a_file_of_no_known_layout_is_refused(tmp_path: Path) -> None:
    run = cypp(
        tmp_path,
        "load",
        "published",
        str(ROOT / "tests" / "fixtures" / "published"),
        str(ROOT / "pyproject.toml"),
    )
    assert run.returncode == 1
    assert "pyproject.toml" in run.stdout and "not-published" in run.stdout
    assert "nothing was stored" in run.stdout
