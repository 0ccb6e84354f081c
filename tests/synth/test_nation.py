"""The nation's code path, run for three councils of very different sizes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.compute as pc
import pytest

from cypp.published.reader import read_published
from cypp.returns.census import read_census
from cypp.returns.ssda903 import read_ssda903
from cypp.synth.frame import nation_frames
from cypp.synth.generate import generate
from cypp.synth.years import SynthError, academic_years

COUNCILS = ("E06000017", "213", "Leicester")  # Rutland, Westminster, Leicester


@pytest.fixture(scope="module")
def nation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nation")
    generate(out, scale="nation", seed=3, fraction=0.02, councils=COUNCILS,
             years=("2009/10", "2010/11"))  # fmt: skip
    return out


def test_one_folder_per_council(nation: Path) -> None:
    assert {p.name for p in nation.iterdir()} == {
        "E06000017", "E09000033", "E06000016", "published", "synth",
    }  # fmt: skip
    summary = json.loads((nation / "synth" / "summary.json").read_text(encoding="utf-8"))
    assert [c["name"] for c in summary["councils"]] == ["Westminster", "Leicester", "Rutland"]
    sizes = {c["name"]: c["pupils"][-1] for c in summary["councils"]}
    assert sizes["Rutland"] < sizes["Westminster"] < sizes["Leicester"]
    # Nation scale keeps NCCIS to the three months NI 117 averages.
    months = sorted(p.name for p in (nation / "E06000016" / "nccis" / "2010-11").iterdir())
    assert months == ["nccis_2010-11-30.csv", "nccis_2010-12-31.csv", "nccis_2011-01-31.csv"]


def test_each_council_reads_with_its_own_la_number_and_schools(nation: Path) -> None:
    urns: dict[str, set[str]] = {}
    for code, number in (("E06000017", "857"), ("E09000033", "213"), ("E06000016", "856")):
        census = read_census([nation / code / "census" / "2010-11"])
        pupils = census.tables["SchoolCensus"]
        assert census.findings == ()
        assert set(pupils["LA"].to_pylist()) == {number}
        assert all(upn[1:4] == number for upn in pupils["UPN"].to_pylist())
        urns[code] = set(pupils["URN"].to_pylist())
        years = sorted(p.name for p in (nation / code / "ssda903").iterdir())
        assert years == ["2009-10", "2010-11"]  # one return per collection year
        ssda903 = read_ssda903([nation / code / "ssda903" / "2010-11"])
        assert ssda903.findings == () and ssda903.tables["Header"].num_rows > 0
    assert not (urns["E06000017"] & urns["E09000033"]) and not (
        urns["E06000016"] & urns["E09000033"]
    )


def test_conceptions_for_england_regions_and_the_councils(nation: Path) -> None:
    table = read_published([nation / "published"]).tables["Values"]
    levels = {
        (level, name)
        for level, name in zip(
            table["geographic_level"].to_pylist(), table["area_name"].to_pylist(), strict=True
        )
    }
    assert ("National", "England") in levels and ("Regional", "London") in levels
    councils = {name for level, name in levels if level == "Local authority"}
    assert councils == {"Rutland", "Westminster", "Leicester"}
    years = set(pc.unique(table["period"]).to_pylist())
    assert {"1998", "2009", "2010", "2011"} <= years


def test_bad_requests_say_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="scale 'world'"):
        generate(tmp_path, scale="world", seed=1)  # type: ignore[arg-type]
    with pytest.raises(SynthError, match="seed -1"):
        generate(tmp_path, scale="county", seed=-1)
    with pytest.raises(SynthError, match="fraction 0"):
        generate(tmp_path, scale="county", seed=1, fraction=0)
    with pytest.raises(SynthError, match="'Atlantis' is not one of the 150"):
        generate(tmp_path, scale="nation", seed=1, councils=("Atlantis",))


def test_the_nation_is_sized_like_england() -> None:
    frames = nation_frames(1, academic_years(("2010/11",)))
    assert len(frames) == 150
    # about 8 million pupils (R-13: 12 year groups and a third of two sixth-form years, 92%
    # at state schools) and 80,000 children in care
    pupils = sum(f.cohort for f in frames) * 12.7 * 0.92
    assert 7.5e6 < pupils < 8.5e6
    assert sum(f.cla_target for f in frames) == pytest.approx(80_000)
    sizes = sorted(f.cohort for f in frames)
    assert sizes[-1] > 30 * sizes[0]  # Kent against Rutland


def test_progress_is_reported_to_the_end(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    generate(tmp_path, scale="county", seed=1, area="Rutland", fraction=0.05,
             years=("2010/11",), progress=lambda m, d, t: calls.append((m, d, t)))  # fmt: skip
    assert calls[0] == ("Rutland: children", 0, 3)
    assert calls[-1] == ("done", 3, 3)
    assert [d for _, d, _ in calls] == sorted(d for _, d, _ in calls)
