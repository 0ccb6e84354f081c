"""Files too big or too deep for the test process, each read in a subprocess with a timeout.

The SSDA903 CSV and XML readers and the published importer get every case; the census,
attainment, NCCIS and survey readers share the SSDA903 reader's CSV code (``read_return``),
so in this bounded run they get the 10 MB value only (``scripts/fuzz.py`` runs the whole
matrix, at full size).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.pathological import CASES, EMPTY_FILES, read_in_subprocess
from tests.reliability.seeds import targets

#: Seconds a pathological read may take here (they take 0.1 to 6 s on this machine).
BOUND = 30.0

FULL = ("ssda903-csv", "ssda903-xml", "published-csv")
SHARED = ("census", "attainment", "nccis", "survey")
SHARED_CASES = ("huge-cell",)


def matrix(full: bool = False) -> list[tuple[str, str]]:
    """(target, case) pairs: every case for every target if ``full``."""
    pairs = [(t, c) for t in FULL for c in CASES[targets()[t].form]]
    for target in SHARED:
        cases = CASES["csv"] if full else SHARED_CASES
        pairs += [(target, c) for c in cases]
    return pairs


@pytest.fixture(scope="module")
def empty_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A folder of empty CSV files and one of empty XML files, made once."""
    folders = {}
    for form in ("csv", "xml"):
        folder = tmp_path_factory.mktemp(f"empty-{form}")
        for i in range(EMPTY_FILES):
            (folder / f"empty_{i:04d}.{form}").write_bytes(b"")
        folders[form] = folder
    return folders


@pytest.mark.parametrize(("target", "case"), matrix())
def test_pathological_file_is_read_or_refused_in_time(
    target: str, case: str, tmp_path: Path, empty_folders: dict[str, Path]
) -> None:
    chosen = targets()[target]
    if case == "empty-files":
        paths = [empty_folders[chosen.form]]
    else:
        paths = CASES[chosen.form][case](chosen, tmp_path)
    result = read_in_subprocess(chosen.reader, paths)
    assert result["outcome"] in ("read", "refused"), result
    assert isinstance(result["seconds"], float) and result["seconds"] < BOUND, result
    names = {p.name for p in paths}
    if result["outcome"] == "refused":
        problems = result["problems"]
        assert isinstance(problems, list) and problems
        for problem in problems:
            assert any(name in problem["file"] for name in names) or case == "empty-files"
        # a message stays readable: no million-column list, no 10 MB value
        assert isinstance(result["count"], int) and isinstance(result["message_chars"], int)
        assert result["message_chars"] < 2_000 + 400 * result["count"], result
    expected = EXPECTED.get((chosen.form, case))
    if expected is not None:
        assert expected(result), result


Check = Callable[[dict[str, object]], bool]


def _refused(*rules: str) -> Check:
    def check(result: dict[str, object]) -> bool:
        problems = result.get("problems")
        return isinstance(problems, list) and {p["rule"] for p in problems} <= set(rules)

    return check


#: What must happen, where it is known (a read, or a refusal with one of these rules).
EXPECTED: dict[tuple[str, str], Check] = {
    ("csv", "huge-cell"): _refused("csv-syntax", "published.csv.syntax"),
    ("csv", "million-columns"): lambda r: r["outcome"] == "read",
    ("csv", "million-unknown-columns"): _refused("not-a-table", "not-published"),
    ("csv", "empty-files"): lambda r: r["count"] == EMPTY_FILES,
    ("xml", "billion-laughs"): _refused("xml-unsafe"),
    ("xml", "quadratic-blowup"): _refused("xml-unsafe"),
    ("xml", "external-entities"): _refused("xml-unsafe", "xml-syntax"),
    ("xml", "empty-files"): lambda r: r["count"] == EMPTY_FILES,
}
