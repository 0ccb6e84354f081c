"""Statistical neighbours under both DfE models, in every published layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from cypp.published import paths
from cypp.published.errors import NeighbourError, PublishedFileError
from cypp.published.neighbours import Neighbour, neighbours, read_neighbour_model
from tests.published.helpers import FIXTURES

# Read off New_Statistical_Neighbour_Groupings_April_2021.csv, row 855 (SN1..SN10).
LEICS_2021 = [
    Neighbour(1, "803", "E06000025", "South Gloucestershire"),
    Neighbour(2, "937", "E10000031", "Warwickshire"),
    Neighbour(3, "823", "E06000056", "Central Bedfordshire"),
    Neighbour(4, "885", "E10000034", "Worcestershire"),
    Neighbour(5, "850", "E10000014", "Hampshire"),
    Neighbour(6, "881", "E10000012", "Essex"),
    Neighbour(7, "938", "E10000032", "West Sussex"),
    Neighbour(8, "802", "E06000024", "North Somerset"),
    Neighbour(9, "860", "E10000028", "Staffordshire"),
    Neighbour(10, "895", "E06000049", "Cheshire East"),
]
# Read off sn_model_2025_wide.csv, row 855 (SN_1..SN_10).
LEICS_2025 = [
    Neighbour(1, "916", "E10000013", "Gloucestershire"),
    Neighbour(2, "803", "E06000025", "South Gloucestershire"),
    Neighbour(3, "937", "E10000031", "Warwickshire"),
    Neighbour(4, "802", "E06000024", "North Somerset"),
    Neighbour(5, "850", "E10000014", "Hampshire"),
    Neighbour(6, "865", "E06000054", "Wiltshire"),
    Neighbour(7, "933", "E06000066", "Somerset"),
    Neighbour(8, "938", "E10000032", "West Sussex"),
    Neighbour(9, "811", "E06000011", "East Riding of Yorkshire"),
    Neighbour(10, "891", "E10000024", "Nottinghamshire"),
]


@pytest.mark.parametrize("area", ["855", "E10000018", "Leicestershire"])
def test_leicestershire_both_models(area: str) -> None:
    assert neighbours(area, "2021") == LEICS_2021
    assert neighbours(area, "2025") == LEICS_2025


def test_workbooks_give_the_same_groups_as_the_csvs() -> None:
    for model, workbook in (("2021", "sn_april_2021.xlsx"), ("2025", "sn_may_2025.xlsx")):
        rows = read_neighbour_model(FIXTURES / workbook)
        expected = LEICS_2021 if model == "2021" else LEICS_2025
        assert neighbours("855", rows=rows) == expected
        csv = read_neighbour_model(paths.SN_2021 if model == "2021" else paths.SN_2025)
        current = {la: row.neighbours for la, row in csv.items() if not row.predecessor}
        assert all(
            rows[la].neighbours[i][:2] == n[:2]
            for la, ns in current.items()
            for i, n in enumerate(ns)
        )


def test_closeness_and_predecessors() -> None:
    model = read_neighbour_model(paths.SN_2021)
    assert model["855"].neighbours[0] == (1, "803", "Extremely Close")
    assert model["835"].predecessor  # Dorset (Pre LG), listed under "Old SNs:"
    assert not model["855"].predecessor
    assert len(model["855"].neighbours) == 10


def test_councils_not_modelled_and_non_councils() -> None:
    with pytest.raises(NeighbourError, match="no row in the 2021"):
        neighbours("943", "2021")  # Westmorland and Furness did not exist in 2021
    assert len(neighbours("943", "2025")) == 10
    with pytest.raises(NeighbourError, match="not a council"):
        neighbours("E92000001")
    with pytest.raises(NeighbourError, match="Unknown statistical neighbour model"):
        neighbours("855", "2019")


def test_a_bad_neighbour_cell_is_a_problem(tmp_path: Path) -> None:
    lines = paths.SN_2025.read_text(encoding="utf-8-sig").splitlines()
    bad = [lines[0], lines[1].replace(",308,", ",3O8,", 1)]
    path = tmp_path / "sn.csv"
    path.write_text("\n".join(bad) + "\n", encoding="utf-8")
    with pytest.raises(PublishedFileError) as caught:
        read_neighbour_model(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.value) == (2, "SN1", "3O8")
