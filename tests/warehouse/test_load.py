"""Loading batches: pseudonymised, idempotent, superseding, strict, atomic."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cypp.engine.store import Store
from cypp.errors import ReturnError
from cypp.returns.census import read_census
from cypp.returns.ssda903 import read_ssda903
from cypp.warehouse.catalog import list_batches
from cypp.warehouse.load import Incoming, load_batches
from cypp.warehouse.pseudonymise import Pseudonymiser
from tests.conftest import ROOT

FAKE = ROOT / "src" / "cypp" / "data" / "ssda903_fake"
CSVS = sorted(p for p in FAKE.glob("*.csv"))
KEY = Pseudonymiser("test-key-0123456789abcdef")
AT = datetime(2018, 6, 1, 9, 0)


def load(store: Store, paths: list[Path], **kwargs: object) -> list[object]:
    read = read_ssda903(paths)
    return load_batches(
        store, [Incoming(read, "2017-18", "E10000018")], pseudonymiser=KEY, loaded_at=AT, **kwargs
    )  # type: ignore[arg-type]


def test_load_counts_and_lineage(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        [result] = load(store, CSVS)
        header_rows = sum(1 for _ in (FAKE / "header.csv").open()) - 1
        assert result.created and result.batch.row_counts["Header"] == header_rows
        assert store.fetch("SELECT count(*) FROM current__ssda903__header")[0][0] == header_rows
        files = store.fetch("SELECT name, sha256 FROM batch_files ORDER BY name")
        assert (
            "header.csv",
            __import__("hashlib").sha256((FAKE / "header.csv").read_bytes()).hexdigest(),
        ) in files


def test_identical_files_are_a_no_op(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        [first] = load(store, CSVS)
        [again] = load(store, CSVS)
        assert not again.created and again.batch.batch_id == first.batch.batch_id
        assert len(list_batches(store)) == 1
        assert (
            store.fetch("SELECT count(*) FROM ssda903__episodes")[0][0]
            == first.batch.row_counts["Episodes"]
        )


def test_a_new_batch_supersedes_and_keeps_the_old(tmp_path: Path) -> None:
    with Store(tmp_path / "w.duckdb") as store:
        [old] = load(store, CSVS)
        [new] = load(store, [FAKE / "header.csv", FAKE / "episodes.csv"])
        assert new.superseded == (old.batch.batch_id,)
        status = {b.batch_id: (b.status, b.superseded_by) for b in list_batches(store)}
        assert status == {
            old.batch.batch_id: ("superseded", new.batch.batch_id),
            new.batch.batch_id: ("current", None),
        }
        # the old rows stay for lineage; the current view shows only the new batch's
        assert store.fetch("SELECT count(DISTINCT _batch) FROM ssda903__header")[0][0] == 2
        assert store.fetch("SELECT count(DISTINCT _batch) FROM current__ssda903__header")[0][0] == 1
        # reloading the old files makes that batch current again
        [back] = load(store, CSVS)
        assert back.created and back.batch.batch_id == old.batch.batch_id
        assert (
            store.fetch(
                "SELECT count(*) FROM ssda903__header WHERE _batch = ?", [old.batch.batch_id]
            )[0][0]
            == old.batch.row_counts["Header"]
        )


def test_no_raw_upn_or_child_in_the_warehouse_file(tmp_path: Path) -> None:
    header = (FAKE / "header.csv").read_text().splitlines()
    columns = header[0].split(",")
    first = dict(zip(columns, header[1].split(","), strict=True))
    path = tmp_path / "w.duckdb"
    with Store(path) as store:
        load(store, CSVS)
        store.checkpoint()
    data = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert first["UPN"] and first["UPN"].encode() not in data
    assert first["CHILD"].encode() not in data or len(first["CHILD"]) < 6


CENSUS = """UPN,DOB,Gender,Ethnicity,NCyearActual,SENprovision,FSMeligible,URN,EnrolStatus,LA,AcademicYear,CensusDate
A123456789012,01/09/1995,M,WBRI,9,N,false,123456,C,855,2009/10,21/01/2010
B123456789012,01/09/1995,F,ZZZZ,9,N,true,123456,C,855,2009/10,21/01/2010
"""


def test_strict_refuses_findings_and_stores_nothing(tmp_path: Path) -> None:
    csv = tmp_path / "census.csv"
    csv.write_text(CENSUS)
    read = read_census([csv])
    assert [f.rule for f in read.findings] == ["codelist-Ethnicity"]
    with Store(tmp_path / "w.duckdb") as store:
        with pytest.raises(ReturnError, match="--strict"):
            load_batches(
                store,
                [Incoming(read, "2009/10", "E10000018")],
                pseudonymiser=KEY,
                loaded_at=AT,
                strict=True,
            )
        assert list_batches(store) == []
        [result] = load_batches(
            store, [Incoming(read, "2009/10", "E10000018")], pseudonymiser=KEY, loaded_at=AT
        )
        assert result.batch.findings == 1
        assert store.fetch("SELECT rule, line, column_name, value FROM findings") == [
            ("codelist-Ethnicity", 3, "Ethnicity", "ZZZZ")
        ]
        # the census carries its own council: rows are placed by their LA number
        assert store.fetch("SELECT DISTINCT _area FROM census__schoolcensus") == [("E10000018",)]


def test_a_failure_mid_load_leaves_nothing(tmp_path: Path) -> None:
    class Boom(Exception):
        pass

    def explode(message: str) -> None:
        if message.startswith("storing ssda903 Reviews"):
            raise Boom

    with Store(tmp_path / "w.duckdb") as store:
        with pytest.raises(Boom):
            load(store, CSVS, progress=explode)
        assert list_batches(store) == []
        assert store.fetch("SELECT count(*) FROM batches")[0][0] == 0
        assert "ssda903__header" not in store.tables()
