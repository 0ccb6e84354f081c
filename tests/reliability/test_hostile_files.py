"""Hostile files against the record-level CSV readers: never a crash, never a hang.

Each (reader, kind) draws ``CI_EXAMPLES`` cases from real fixtures (``seeds.py``); the kinds
are in ``strategies.py`` and the contract in ``contract.py``. ``scripts/fuzz.py`` runs the
same cases for longer.
"""

from __future__ import annotations

import pytest

from tests.reliability.hypothesis_runs import pairs, run_kind
from tests.reliability.seeds import targets


@pytest.mark.parametrize(
    ("target", "kind"), pairs("ssda903-csv", "census", "attainment", "nccis", "survey")
)
def test_csv_reader_keeps_the_contract(target: str, kind: str) -> None:
    run_kind(targets()[target], kind)
