"""One SSDA903 return per collection year (1 April to 31 March), as a council sends them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from cypp.engine.store import Store
from cypp.returns.ssda903 import read_ssda903
from cypp.synth.care.collection import CollectionYear, year_episodes, year_return
from cypp.synth.days import day
from cypp.synth.generate import SynthSummary
from cypp.synth.years import AcademicYear
from cypp.warehouse.batch_period import batch_period
from cypp.warehouse.load import Incoming, load_batches
from cypp.warehouse.pseudonymise import Pseudonymiser

YEARS = ("2006-07", "2007-08", "2008-09", "2009-10", "2010-11")
SHORT_BREAKS = {"V3", "V4"}


def _bounds(year: str) -> tuple[dt.date, dt.date]:
    start = int(year[:4])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def _tables(summary: SynthSummary, year: str) -> dict[str, Any]:
    return read_ssda903([summary.out / "ssda903" / year]).tables


def _rows(table: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def test_each_return_is_dated_to_its_own_year(mini_county: SynthSummary) -> None:
    # The warehouse dates an SSDA903 batch by its latest episode start: each year's return
    # must hold an episode starting in that year.
    for year in YEARS:
        for path in (
            mini_county.out / "ssda903" / year,
            mini_county.out / "ssda903-xml" / year / "return.xml",
        ):
            assert batch_period(read_ssda903([path]), None, str(path)) == year


def test_episodes_are_those_open_in_the_year(mini_county: SynthSummary) -> None:
    carried: dict[tuple[str, dt.date], dict[str, Any]] = {}
    for year in YEARS:
        start, end = _bounds(year)
        episodes = _rows(_tables(mini_county, year)["Episodes"])
        for e in episodes:
            assert e["DECOM"] <= end
            assert e["DEC"] is None or start <= e["DEC"] <= end
            assert (e["DEC"] is None) == (e["REC"] is None)
            if e["DEC"] is None:
                assert e["REASON_PLACE_CHANGE"] is None
        # Episodes begun before 1 April are exactly those left open at the last 31 March,
        # with the same start and reason for the new episode.
        before = {(e["CHILD"], e["DECOM"]): e for e in episodes if e["DECOM"] < start}
        if year != YEARS[0]:
            assert before.keys() == carried.keys()
            for key, e in before.items():
                assert (e["RNE"], e["LS"], e["PLACE"]) == (
                    carried[key]["RNE"],
                    carried[key]["LS"],
                    carried[key]["PLACE"],
                )
        carried = {(e["CHILD"], e["DECOM"]): e for e in episodes if e["DEC"] is None}
        assert carried


def _looked_after_12_months(episodes: list[dict[str, Any]], start: dt.date) -> set[str]:
    """In care on 31 March (an open episode), from 1 April or before, without leaving care."""
    by_child: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in episodes:
        if e["LS"] not in SHORT_BREAKS:
            by_child[e["CHILD"]].append(e)
    return {
        child
        for child, rows in by_child.items()
        if any(e["DEC"] is None for e in rows)
        and min(e["DECOM"] for e in rows) <= start
        and all(e["REC"] in (None, "X1") for e in rows)
    }


def test_outcomes_are_the_years_cohorts(mini_county: SynthSummary) -> None:
    leavers = 0
    for year in YEARS:
        start, end = _bounds(year)
        tables = _tables(mini_county, year)
        episodes = _rows(tables["Episodes"])
        oc2 = tables["OC2"]["CHILD"].to_pylist()
        assert "COLLECTION_YEAR" not in tables["OC2"].column_names
        assert len(oc2) == len(set(oc2)) > 0  # once each: no 903-INT33
        assert set(oc2) == _looked_after_12_months(episodes, start), year
        oc3 = _rows(tables["OC3"])
        leavers += len(oc3)
        for row in oc3:
            dob = row["DOB"]
            leap_day = (dob.month, dob.day) == (2, 29)  # a 29 February birthday falls on the 28th
            nineteenth = dob.replace(year=dob.year + 19, day=28 if leap_day else dob.day)
            assert start <= nineteenth <= end
        in_care = {e["CHILD"] for e in episodes}
        header = set(tables["Header"]["CHILD"].to_pylist())
        assert header == in_care | {row["CHILD"] for row in oc3}
    assert leavers > 0


def test_the_other_tables_keep_to_the_year(mini_county: SynthSummary) -> None:
    counts: dict[str, int] = defaultdict(int)
    for year in YEARS:
        start, end = _bounds(year)
        tables = _tables(mini_county, year)
        episodes = _rows(tables["Episodes"])
        assert all(start <= r["REVIEW"] <= end for r in _rows(tables["Reviews"]))
        for r in _rows(tables["Missing"]):
            assert start <= r["MIS_START"] <= end
            assert r["MIS_END"] is None or r["MIS_END"] <= end
        adopted = {e["CHILD"] for e in episodes if e["REC"] in ("E11", "E12")}
        assert set(tables["AD1"]["CHILD"].to_pylist()) == adopted
        for r in _rows(tables["PlacedAdoption"]):
            assert r["DATE_PLACED"] <= end
            ceased = r["DATE_PLACED_CEASED"]
            assert ceased is None or start <= ceased <= end
        started = {
            e["CHILD"]
            for e in episodes
            if e["RNE"] == "S" and e["DECOM"] >= start and e["LS"] not in SHORT_BREAKS
        }
        assert set(tables["PrevPerm"]["CHILD"].to_pylist()) == started
        for name in ("Reviews", "Missing", "AD1", "PlacedAdoption", "PrevPerm"):
            counts[name] += tables[name].num_rows
    assert all(counts[name] > 0 for name in counts), counts


# A hand-made history for one child, cut into the year to 31 March 2010:
#   1 episode 2008-05-01 .. 2009-03-31 X1   ended before the year: left out
#   2 episode 2009-03-31 .. 2009-06-10 X1   begun before the year, ended in it: kept as it is
#   3 episode 2009-06-10 .. 2010-04-20 E4A  open at 31 March 2010: kept, shown open
#   4 episode 2010-05-01 ..                  begun after the year: left out
YEAR_2009_10 = CollectionYear(
    AcademicYear(2009), day(dt.date(2009, 4, 1)), day(dt.date(2010, 3, 31))
)
D = dt.date


def _history() -> dict[str, Any]:
    episodes = pa.table(
        {
            "CHILD": ["1"] * 4,
            "DECOM": pa.array([D(2008, 5, 1), D(2009, 3, 31), D(2009, 6, 10), D(2010, 5, 1)]),
            "RNE": ["S", "P", "P", "S"],
            "LS": ["C2", "C2", "C1", "V2"],
            "DEC": pa.array([D(2009, 3, 31), D(2009, 6, 10), D(2010, 4, 20), None], pa.date32()),
            "REC": ["X1", "X1", "E4A", None],
            "REASON_PLACE_CHANGE": ["CARPL", "CHILD", None, None],
        }
    )
    empty = pa.table({"CHILD": pa.array([], pa.string())})
    return {
        "Episodes": episodes,
        "OC2": pa.table({"CHILD": ["1", "1"], "_YEAR": ["2008-09", "2009-10"]}),
        "OC3": pa.table({"CHILD": pa.array([], pa.string()), "_YEAR": pa.array([], pa.string())}),
        "AD1": pa.table(
            {"CHILD": pa.array([], pa.string()), "_ADOPTED": pa.array([], pa.date32())}
        ),
        "Reviews": pa.table(
            {"CHILD": ["1"] * 3, "REVIEW": [D(2009, 3, 1), D(2009, 9, 1), D(2010, 4, 2)]}
        ),
        "Missing": pa.table(
            {
                "CHILD": ["1", "1"],
                "MIS_START": [D(2009, 8, 1), D(2010, 3, 30)],
                "MIS_END": [D(2009, 8, 2), D(2010, 4, 2)],
            }
        ),
        "PlacedAdoption": pa.table(
            {
                "CHILD": ["1", "1"],
                "DATE_PLACED": [D(2008, 6, 1), D(2009, 7, 1)],
                "DATE_PLACED_CEASED": [D(2009, 2, 1), D(2010, 4, 20)],
                "REASON_PLACED_CEASED": ["RD4", "RD1"],
            }
        ),
        "PrevPerm": pa.table({"CHILD": ["1"]}),
        "SWEpisodes": empty,
    }


def test_a_hand_made_history_cut_into_one_year() -> None:
    history = _history()
    header = pa.table({"CHILD": ["1", "2"]})
    uasc = pa.table({"CHILD": ["1"], "DUC": pa.array([D(2010, 4, 20)])})
    cut = year_return(history, header, uasc, YEAR_2009_10)
    assert _rows(cut["Episodes"]) == [
        {"CHILD": "1", "DECOM": D(2009, 3, 31), "RNE": "P", "LS": "C2", "DEC": D(2009, 6, 10),
         "REC": "X1", "REASON_PLACE_CHANGE": "CHILD"},
        {"CHILD": "1", "DECOM": D(2009, 6, 10), "RNE": "P", "LS": "C1", "DEC": None,
         "REC": None, "REASON_PLACE_CHANGE": None},
    ]  # fmt: skip
    assert _rows(year_episodes(history["Episodes"], YEAR_2009_10)) == _rows(cut["Episodes"])
    assert _rows(cut["Header"]) == [{"CHILD": "1"}]  # child 2 has nothing in the year
    assert _rows(cut["UASC"]) == [{"CHILD": "1", "DUC": None}]  # ceased after the year
    assert _rows(cut["OC2"]) == [{"CHILD": "1"}]  # this year's row, helper column gone
    assert cut["OC3"].num_rows == 0 and cut["OC3"].column_names == ["CHILD"]
    assert _rows(cut["Reviews"]) == [{"CHILD": "1", "REVIEW": D(2009, 9, 1)}]
    assert _rows(cut["Missing"]) == [
        {"CHILD": "1", "MIS_START": D(2009, 8, 1), "MIS_END": D(2009, 8, 2)},
        {"CHILD": "1", "MIS_START": D(2010, 3, 30), "MIS_END": None},
    ]
    assert _rows(cut["PlacedAdoption"]) == [
        {"CHILD": "1", "DATE_PLACED": D(2009, 7, 1), "DATE_PLACED_CEASED": None,
         "REASON_PLACED_CEASED": None},
    ]  # fmt: skip
    # No episode with RNE S in the year: no previous permanence row.
    assert cut["PrevPerm"].num_rows == 0


def _load(store: Store, paths: list[Path]) -> None:
    incoming = []
    for path in paths:
        read = read_ssda903([path])
        incoming.append(Incoming(read, batch_period(read, None, str(path)), "E10000018"))
    load_batches(
        store,
        incoming,
        pseudonymiser=Pseudonymiser("synth-test-key-0123456789"),
        loaded_at=datetime(2011, 6, 1),
    )


@pytest.fixture(scope="module")
def warehouses(
    mini_county: SynthSummary, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The mini county's returns loaded once from the CSVs and once from the XML."""
    folder = tmp_path_factory.mktemp("warehouses")
    paths = (folder / "csv.duckdb", folder / "xml.duckdb")
    with Store(paths[0]) as store:
        _load(store, [mini_county.out / "ssda903" / y for y in YEARS])
    with Store(paths[1]) as store:
        _load(store, [mini_county.out / "ssda903-xml" / y / "return.xml" for y in YEARS])
    return paths


@pytest.mark.parametrize("table", ["header", "episodes", "oc2", "oc3", "reviews", "missing",
                                   "placedadoption", "ad1", "uasc", "prevperm"])  # fmt: skip
def test_csv_and_xml_returns_load_into_equal_warehouses(
    warehouses: tuple[Path, Path], table: str
) -> None:
    sql = (
        f"SELECT b.period, t.* EXCLUDE (_file, _line, _batch) FROM ssda903__{table} t "
        "JOIN batches b ON b.batch_id = t._batch ORDER BY ALL"
    )
    with Store(warehouses[0], read_only=True) as csv, Store(warehouses[1], read_only=True) as xml:
        from_csv, from_xml = csv.fetch_arrow(sql), xml.fetch_arrow(sql)
    assert from_csv.num_rows > 0
    assert set(from_csv["period"].to_pylist()) <= set(YEARS)
    assert from_xml.equals(from_csv)
