"""Pseudonymisation: keyed, consistent across returns, scoped by council, irreversible names."""

from __future__ import annotations

import pyarrow as pa
import pytest

from cypp.errors import WarehouseError
from cypp.warehouse.pseudonymise import Pseudonymiser

KEY = "test-key-0123456789abcdef"


def table(**columns: list[str | None]) -> pa.Table:
    return pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})


def test_upn_is_national_and_normalised() -> None:
    p = Pseudonymiser(KEY)
    t = p.table(table(UPN=["a123456789012", " A123456789012 ", None], _area=["E1", "E2", "E1"]))
    upns = t.column("UPN").to_pylist()
    assert upns[0] == upns[1] and upns[2] is None
    assert len(upns[0]) == 24 and "123456789012" not in upns[0]


def test_child_is_scoped_by_council() -> None:
    p = Pseudonymiser(KEY)
    t = p.table(
        table(CHILD=["1234", "1234", "1234"], _area=["E10000018", "E10000018", "E06000016"])
    )
    a, b, c = t.column("CHILD").to_pylist()
    assert a == b and a != c


def test_another_key_gives_other_pseudonyms() -> None:
    t = table(UPN=["A123456789012"], _area=["E1"])
    assert Pseudonymiser(KEY).table(t).column("UPN") != Pseudonymiser(KEY + "x").table(t).column(
        "UPN"
    )


def test_names_dropped_and_postcodes_cut_to_district() -> None:
    p = Pseudonymiser(KEY)
    t = p.table(
        table(
            Forename=["Amy"],
            LegalSurname=["Smith"],
            HOME_POST=["le12 7ab"],
            Postcode=["NOT A POSTCODE"],
            _area=["E1"],
        )
    )
    assert t.column_names == ["HOME_POST", "Postcode", "_area"]
    assert t.column("HOME_POST").to_pylist() == ["LE12"]
    assert t.column("Postcode").to_pylist() == [None]


def test_a_short_key_is_refused_with_the_fix() -> None:
    with pytest.raises(WarehouseError, match="CYPP_PSEUDONYM_KEY"):
        Pseudonymiser("short")
