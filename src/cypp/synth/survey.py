"""A TellUs-style pupil survey each autumn: pupils in Years 6, 8 and 10, one row per answer.

Half the schools take part and about one in five of their pupils in those years answer, so
roughly 9% of the year groups respond. Weights make each year group and sex count as in the
census (mean 1). Questions (see docs/synth.md for the wording and answer codes):

- ``NI50_FRIENDS`` and ``NI50_TALK``: at least one good friend; someone to talk to when
  worried (``Yes``/``No``; NI 50 counts both ``Yes``);
- ``NI110_GROUP_ACTIVITY``: an adult-led group activity outside lessons in the last four
  weeks (``Yes``/``No``; NI 110, Year 10);
- ``NI115_ALCOHOL``, ``NI115_DRUGS``, ``NI115_VOLATILE`` (Years 8 and 10 only): times drunk,
  taking drugs, using volatile substances in the last four weeks: ``0``, ``1``, ``2`` or
  ``3+`` (NI 115: 2 or more of any one is frequent misuse).

These are the question ids and answers ``cypp.indicators.survey`` takes by default.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from cypp.synth.days import Floats, Mask
from cypp.synth.frame import Frame
from cypp.synth.population import Population
from cypp.synth.roll import Pupils, Roll
from cypp.synth.years import AcademicYear

YEAR_GROUPS = (6, 8, 10)
WELLBEING = ("NI50_FRIENDS", "NI50_TALK", "NI110_GROUP_ACTIVITY")
SUBSTANCES = ("NI115_ALCOHOL", "NI115_DRUGS", "NI115_VOLATILE")
#: Shares answering 1, 2 and 3+ times, for Year 8 and Year 10.
SUBSTANCE_SHARES = {
    "NI115_ALCOHOL": ((0.06, 0.02, 0.015), (0.14, 0.05, 0.05)),
    "NI115_DRUGS": ((0.01, 0.005, 0.005), (0.03, 0.015, 0.02)),
    "NI115_VOLATILE": ((0.015, 0.005, 0.003), (0.015, 0.005, 0.005)),
}
#: Shares answering Yes, by year group 6, 8, 10.
YES_SHARES = {
    "NI50_FRIENDS": (0.94, 0.93, 0.92),
    "NI50_TALK": (0.74, 0.68, 0.64),
    "NI110_GROUP_ACTIVITY": (0.8, 0.74, 0.68),
}
NO_ANSWER = 0.03


def survey_table(frame: Frame, roll: Roll, population: Population, pupils: Pupils) -> Any:
    """The year's survey answers in long format."""
    rng = frame.rng(f"survey {roll.year.label}")
    schools = pupils.schools
    taking_part = rng.random(schools.urn.size) < 0.5
    eligible = np.isin(roll.nc, YEAR_GROUPS) & taking_part[roll.school]
    chosen = eligible & (rng.random(roll.size) < 0.18)
    idx = np.flatnonzero(chosen)
    person = roll.person[idx]
    group = roll.nc[idx]
    n = idx.size
    weight = _weights(roll, chosen, population)
    trend = 0.01 * (roll.year.start - 2006)
    dep = population.deprivation[person]
    wellbeing = 0.2 * population.ability[person] - 0.2 * (dep - dep.mean()) + rng.normal(0, 1, n)
    risk = 0.3 * (dep - dep.mean()) - 0.2 * population.ability[person] + rng.normal(0, 1, n)
    answers: dict[str, np.ndarray] = {}
    for question, shares in YES_SHARES.items():
        share = np.array(shares)[np.searchsorted(YEAR_GROUPS, group)] + trend
        score = wellbeing + rng.normal(0.0, 1.0, n)
        answers[question] = np.where(_above(score, group, share), "Yes", "No")
    for question, (y8, y10) in SUBSTANCE_SHARES.items():
        score = risk + rng.normal(0.0, 0.8, n)
        code = np.full(n, "0", dtype="<U3")
        for g, shares in ((8, y8), (10, y10)):
            cut = np.cumsum(np.array(shares)[::-1]) * (1 - trend)  # 3+, 2+, 1+
            for label, share in zip(("3+", "2", "1"), cut, strict=True):
                top = (group == g) & (code == "0") & _above(score, group, np.full(n, share))
                code[top] = label
        answers[question] = np.where(group == 6, "", code)
    respondent = np.char.add(
        f"{roll.year.end % 100:02d}{frame.council.number}",
        np.char.zfill((np.arange(n) + 1).astype("<U6"), 6),
    )
    return _long(
        frame, roll.year, respondent, group, weight, schools.urn[roll.school[idx]], answers, rng
    )


def _above(score: Floats, group: np.ndarray, share: Floats) -> Mask:
    """Within each year group, the top ``share`` of ``score``."""
    out = np.zeros(score.size, dtype=bool)
    for g in YEAR_GROUPS:
        where = np.flatnonzero(group == g)
        if where.size:
            cut = np.quantile(score[where], 1 - np.clip(share[where][0], 0.0, 1.0))
            out[where] = score[where] > cut
    return out


def _weights(roll: Roll, chosen: Mask, population: Population) -> Floats:
    """Population count / respondents, by year group and sex, normalised to mean 1."""
    male = population.male[roll.person]
    cell = roll.nc * 2 + male
    population_count = np.bincount(cell, minlength=40).astype(float)
    respondents = np.bincount(cell[chosen], minlength=40).astype(float)
    raw = population_count / np.maximum(respondents, 1.0)
    weight: Floats = raw[cell[chosen]]
    if weight.size:
        weight = weight / weight.mean()
    return weight


def _long(
    frame: Frame,
    year: AcademicYear,
    respondent: np.ndarray,
    group: np.ndarray,
    weight: Floats,
    urn: np.ndarray,
    answers: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> Any:
    questions = [q for q in (*WELLBEING, *SUBSTANCES)]
    n = respondent.size
    asked = np.stack([np.ones(n, bool) if q in WELLBEING else group != 6 for q in questions], 1)
    values = np.stack([answers[q] for q in questions], 1)
    values = np.where(rng.random(values.shape) < NO_ANSWER, "", values)
    rows, cols = np.nonzero(asked)
    count = rows.size
    return pa.table(
        {
            "RespondentID": pa.array(respondent[rows]),
            "YearGroup": pa.array(group[rows].astype("<U2")),
            "Weight": pa.array(np.round(weight[rows], 4)),
            "Question": pa.array(np.array(questions)[cols]),
            "Answer": pa.array(values[rows, cols], mask=values[rows, cols] == "", type=pa.string()),
            "SurveyYear": pa.array(np.full(count, year.label)),
            "LA": pa.array(np.full(count, frame.council.number)),
            "URN": pa.array(urn[rows].astype("<U6")),
        }
    )
