"""A mini county's content: one cohort of children across returns, and rough calibration.

The mini county is 6% of Leicestershire, so shares are checked within generous ranges that
still fail if a return's generator drifts far from its target.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from cypp.returns.attainment import read_attainment
from cypp.returns.census import read_census
from cypp.returns.nccis import read_nccis
from cypp.returns.ssda903 import read_ssda903
from cypp.returns.survey import read_survey
from cypp.synth.generate import SynthSummary
from tests.synth.conftest import FRACTION

YEARS = ("2006-07", "2007-08", "2008-09", "2009-10", "2010-11")


def _share(mask: pa.ChunkedArray) -> float:
    return float(pc.mean(pc.cast(mask, pa.float64())).as_py())


def _census(summary: SynthSummary, year: str) -> pa.Table:
    return read_census([summary.out / "census" / year]).tables["SchoolCensus"]


def test_pupils_move_up_a_year_group_each_year(mini_county: SynthSummary) -> None:
    before, after = _census(mini_county, "2009-10"), _census(mini_county, "2010-11")
    order = {"R": 0, **{str(n): n for n in range(1, 14)}}
    was = dict(zip(before["UPN"].to_pylist(), before["NCyearActual"].to_pylist(), strict=True))
    now = dict(zip(after["UPN"].to_pylist(), after["NCyearActual"].to_pylist(), strict=True))
    both = set(was) & set(now)
    assert len(both) > 0.85 * len(now)  # most pupils stay; some leave, some arrive
    assert all(order[now[upn]] == order[was[upn]] + 1 for upn in both)


def test_key_stage_results_belong_to_pupils_in_that_year_group(mini_county: SynthSummary) -> None:
    for year in ("2007-08", "2010-11"):
        census = _census(mini_county, year)
        group = dict(
            zip(census["UPN"].to_pylist(), census["NCyearActual"].to_pylist(), strict=True)
        )
        results = read_attainment([mini_county.out / "attainment" / year]).tables
        for stage, nc in (("KS2", "6"), ("KS3", "9"), ("KS4", "11")):
            upns = results[stage]["UPN"].to_pylist()
            assert upns and all(group[upn] == nc for upn in upns), (year, stage)


def test_children_in_care_are_pupils_under_the_same_upn(mini_county: SynthSummary) -> None:
    read = read_ssda903([mini_county.out / "ssda903" / "2010-11"])
    header = read.tables["Header"]
    census_upns = set(_census(mini_county, "2010-11")["UPN"].to_pylist())
    upns = [u for u in header["UPN"].to_pylist() if not u.startswith("UN")]
    in_census = [u for u in upns if u in census_upns]
    assert len(in_census) > 20
    # Children never at school by March 2011 have an unknown-UPN code: UN1 under six, UN2
    # asylum-seeking arrivals, UN4 the others.
    codes = Counter(u for u in header["UPN"].to_pylist() if u.startswith("UN"))
    assert set(codes) <= {"UN1", "UN2", "UN4"} and codes["UN1"] > 0
    young = header.filter(pc.equal(header["UPN"], "UN1"))["DOB"].to_pylist()
    assert all(dob > dt.date(2005, 3, 31) for dob in young)


def test_free_school_meals_and_special_needs_shares(mini_county: SynthSummary) -> None:
    for year in YEARS:
        census = _census(mini_county, year)
        assert 0.07 <= _share(census["FSMeligible"]) <= 0.15
        sen = Counter(census["SENprovision"].to_pylist())
        total = census.num_rows
        assert 0.15 <= (total - sen["N"]) / total <= 0.24
        assert 0.015 <= sen["S"] / total <= 0.04


def test_attainment_levels_and_their_rise(mini_county: SynthSummary) -> None:
    shares = []
    for year in YEARS:
        results = read_attainment([mini_county.out / "attainment" / year]).tables
        shares.append(_share(results["KS4"]["KS4_LEVEL2_EM"]))
        ks2 = results["KS2"]
        level4 = pa.array(["4", "5", "6"])
        both = pc.and_(
            pc.is_in(ks2["KS2_ENGLEV"], value_set=level4),
            pc.is_in(ks2["KS2_MATLEV"], value_set=level4),
        )
        assert 0.6 <= _share(both) <= 0.82
    assert 0.4 <= shares[0] <= 0.56 and 0.5 <= shares[-1] <= 0.65
    assert shares[-1] > shares[0]


def test_secondary_persistent_absence(mini_county: SynthSummary) -> None:
    for year, threshold, low, high in (("2006-07", 64, 0.03, 0.09), ("2010-11", 46, 0.04, 0.12)):
        read = read_census([mini_county.out / "census" / year]).tables
        secondary = set(
            read["SchoolCensus"]
            .filter(pc.equal(read["SchoolCensus"]["Phase"], "SS"))["URN"]
            .to_pylist()
        )
        att = read["Attendance"]
        att = att.filter(pc.is_in(att["URN"], value_set=pa.array(sorted(secondary))))
        missed = pc.add(att["SessionsAuthorised"], att["SessionsUnauthorised"])
        assert low <= _share(pc.greater_equal(missed, threshold)) <= high


def test_children_in_care_and_their_episodes(mini_county: SynthSummary) -> None:
    target = 450 * FRACTION
    for year in ("2006-07", "2010-11"):
        episodes = read_ssda903([mini_county.out / "ssda903" / year]).tables["Episodes"]
        regular = episodes.filter(
            pc.invert(pc.is_in(episodes["LS"], value_set=pa.array(["V3", "V4"])))
        )
        # Looked after at the return's 31 March: an episode still open (no DEC) then.
        children = len(set(regular.filter(pc.is_null(regular["DEC"]))["CHILD"].to_pylist()))
        assert 0.6 * target <= children <= 1.5 * target
    episodes = pa.concat_tables(
        read_ssda903([mini_county.out / "ssda903" / year]).tables["Episodes"] for year in YEARS
    )
    codes = {name: set(episodes[name].drop_null().to_pylist()) for name in episodes.column_names}
    assert codes["RNE"] >= {"S", "P", "L", "B"}
    assert codes["LS"] >= {"C1", "C2", "V2", "E1", "V3", "V4"}
    assert codes["PLACE"] >= {"U4", "U5", "K2", "P1"}
    assert codes["REC"] >= {"X1", "E4A"} and codes["REC"] & {"E11", "E12"}
    assert codes["PLACE_PROVIDER"] >= {"PR0", "PR1", "PR4"}
    assert len(codes["REASON_PLACE_CHANGE"]) >= 5


def test_young_people_and_survey_answers(mini_county: SynthSummary) -> None:
    activity = read_nccis([mini_county.out / "nccis" / "2009-10"]).tables["Activity"]
    november = activity.filter(pc.equal(activity["SnapshotDate"], pa.scalar(dt.date(2009, 11, 30))))
    assert 0.7 * 6500 * 3 * FRACTION <= november.num_rows <= 1.3 * 6500 * 3 * FRACTION
    neet = pa.array(["540", "550", "610", "615", "616", "619", "620", "630", "640", "650",
                     "660", "670", "680"])  # fmt: skip
    assert 0.02 <= _share(pc.is_in(november["ActivityCode"], value_set=neet)) <= 0.12
    answers = read_survey([mini_county.out / "survey" / "2009-10"]).tables["Responses"]
    friends = answers.filter(pc.equal(answers["Question"], "NI50_FRIENDS"))
    assert set(friends["Answer"].drop_null().to_pylist()) == {"Yes", "No"}
    assert 0.85 <= _share(pc.equal(friends["Answer"].drop_null(), "Yes")) <= 0.98
    drinking = answers.filter(pc.equal(answers["Question"], "NI115_ALCOHOL"))
    assert set(drinking["Answer"].drop_null().to_pylist()) <= {"0", "1", "2", "3+"}
    assert set(drinking["YearGroup"].to_pylist()) == {"8", "10"}
