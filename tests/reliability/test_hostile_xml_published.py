"""Hostile files against the SSDA903 XML reader and the published-statistics importers."""

from __future__ import annotations

import pytest

from tests.reliability.hypothesis_runs import pairs, run_kind
from tests.reliability.seeds import targets


@pytest.mark.parametrize(("target", "kind"), pairs("ssda903-xml"))
def test_xml_reader_keeps_the_contract(target: str, kind: str) -> None:
    run_kind(targets()[target], kind)


@pytest.mark.parametrize(("target", "kind"), pairs("published-csv", "published-parquet"))
def test_published_reader_keeps_the_contract(target: str, kind: str) -> None:
    run_kind(targets()[target], kind)
