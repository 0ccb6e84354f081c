"""The SSDA903 Header, Episodes, UASC, Reviews, Missing and PrevPerm tables.

Header and UASC are written as each collection year's return has them (the UPN known by then,
the year's SEX codes); the other tables hold the whole history, cut into years by
``collection``. Header: one row per child ever looked after, with the UPN the School Census
uses (UN1 for children not yet at school, UN2 for unaccompanied asylum seekers new to English
schools). SEX is 1 (male) or 2 (female) in returns for years to 31 March 2023 and M/F after,
as the DfE's codes changed. A few girls in care are mothers (MOTHER 1, MC_DOB), from the
return of the year their child is born.
Reviews: the first within 28 days, the second within three months, then six-monthly, one in
twelve late; children aged 4+ mostly take part (PN1-PN6). Missing: periods missing (M) or
away without authorisation (A), mostly of teenagers in children's homes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.care.build import Care
from cypp.synth.care.collection import CollectionYear
from cypp.synth.care.spells import OPEN, YEAR
from cypp.synth.days import Ints, day, plus_years, to_arrow
from cypp.synth.frame import Frame
from cypp.synth.geography import Geography, postcode_text
from cypp.synth.population import ETHNICITIES
from cypp.synth.rng import draw
from cypp.synth.roll import Pupils

PARTICIPATION = {"PN1": 0.45, "PN2": 0.1, "PN3": 0.15, "PN4": 0.1, "PN5": 0.08, "PN6": 0.04,
                 "PN7": 0.08}  # fmt: skip
PREVIOUS = {"Z1": 0.93, "P1": 0.02, "P2": 0.02, "P3": 0.02, "P4": 0.01}


SEX_CODES_CHANGED = day(dt.date(2023, 3, 31))  # the last year-end of the 1/2 codes


def sex_codes(year_end: int, male: np.ndarray) -> Any:
    """SEX as the return of the collection year ending ``year_end`` writes it."""
    old = year_end <= SEX_CODES_CHANGED
    return pa.array(np.where(male, "1" if old else "M", "2" if old else "F"))


def children(care: Care) -> Ints:
    """Every child with an episode, in CHILD order."""
    person = np.unique(care.episodes.person)
    return person[np.argsort(care.child[person], kind="stable")]


def header_table(frame: Frame, care: Care, pupils: Pupils, year: CollectionYear) -> Any:
    """Every child ever looked after, as the return of ``year`` describes them."""
    rng = frame.rng("header")  # the same draws each year: a mother stays a mother
    person = children(care)
    population = care.population
    n = person.size
    dob = population.dob[person]
    upn_known = pupils.has_upn[person] & (pupils.upn_year[person] <= year.academic.start)
    uasc = np.zeros(population.size, dtype=bool)
    uasc[care.spells.person[care.spells.uasc]] = True
    fallback = np.where(uasc[person], "UN2", np.where(
        (year.end - dob) / YEAR < 6, "UN1", "UN4"))  # fmt: skip
    upn = pc.if_else(pa.array(upn_known), pc.take(pupils.upn, pa.array(person)), pa.array(fallback))
    female = ~population.male[person]
    b15 = plus_years(dob, 15)
    end = frame.collection_end
    chosen = female & (b15 < end - 200) & (rng.random(n) < 0.04)
    child_born = b15 + (rng.random(n) * np.maximum(end - b15, 1)).astype(np.int64)
    mother = chosen & (child_born <= year.end)
    return pa.table(
        {
            "CHILD": pa.array(care.child[person]),
            "SEX": sex_codes(year.end, population.male[person]),
            "DOB": to_arrow(dob),
            "ETHNIC": pa.array(np.array(ETHNICITIES)[population.ethnicity[person]]),
            "UPN": upn,
            "MOTHER": pa.array(np.where(mother, "1", ""), mask=~mother),
            "MC_DOB": to_arrow(child_born, mother),
        }
    )


def episodes_table(care: Care, geography: Geography) -> Any:
    e = care.episodes
    population = care.population
    home = postcode_text(geography.outward_codes, population.outward[e.person],
                         population.inward[e.person])  # fmt: skip
    local = e.outward % len(geography.outward_codes)
    away = e.outward % len(geography.elsewhere)
    placed = pc.if_else(
        pa.array(e.away),
        postcode_text(geography.elsewhere, away, e.inward),
        postcode_text(geography.outward_codes, local, e.inward),
    )
    return pa.table(
        {
            "CHILD": pa.array(care.child[e.person]),
            "DECOM": to_arrow(e.decom),
            "RNE": pa.array(e.rne),
            "LS": pa.array(e.ls),
            "CIN": pa.array(e.cin),
            "PLACE": pa.array(e.place),
            "PLACE_PROVIDER": _text(e.provider),
            "DEC": to_arrow(e.dec, e.dec != OPEN),
            "REC": _text(e.rec),
            "REASON_PLACE_CHANGE": _text(e.reason),
            "HOME_POST": home,
            "PL_POST": placed,
            "URN": _text(e.urn),
        }
    )


def uasc_table(care: Care, year: CollectionYear) -> Any:
    """Every unaccompanied asylum-seeking child, with the year's SEX codes (DUC: whole history)."""
    s = care.spells
    person = np.unique(s.person[s.uasc])
    population = care.population
    dob = population.dob[person]
    eighteen = plus_years(dob, 18)
    end = np.full(person.size, OPEN)
    np.minimum.at(end, np.searchsorted(person, s.person[s.uasc]), s.end[s.uasc])
    ceased = np.where(end != OPEN, np.minimum(end, eighteen), OPEN)
    order = np.argsort(care.child[person], kind="stable")
    person, dob, ceased = person[order], dob[order], ceased[order]
    return pa.table(
        {
            "CHILD": pa.array(care.child[person]),
            "SEX": sex_codes(year.end, population.male[person]),
            "DOB": to_arrow(dob),
            "DUC": to_arrow(ceased, ceased != OPEN),
        }
    )


def prev_perm_table(frame: Frame, care: Care) -> Any:
    rng = frame.rng("previous permanence")
    person = children(care)
    n = person.size
    code = draw(rng, PREVIOUS, n)
    dob = care.population.dob[person]
    first = np.full(care.population.size, OPEN)
    np.minimum.at(first, care.episodes.person, care.episodes.decom)
    dated = np.isin(code, ["P1", "P2", "P3"]) & (first[person] - dob > 60)
    when = dob + 30 + (rng.random(n) * np.maximum(first[person] - dob - 60, 1)).astype(np.int64)
    return pa.table(
        {
            "CHILD": pa.array(care.child[person]),
            "DOB": to_arrow(dob),
            "PREV_PERM": pa.array(code),
            "LA_PERM": pa.array(np.full(n, frame.council.number), mask=~dated),
            "DATE_PERM": to_arrow(when, dated),
        }
    )


def reviews_table(frame: Frame, care: Care) -> Any:
    rng = frame.rng("reviews")
    s = care.spells
    end = np.minimum(
        np.where(s.end == OPEN, frame.collection_end + 1, s.end), frame.collection_end + 1
    )
    count = 3 + np.ceil(np.maximum(end - s.start - 120, 0) / 150).astype(np.int64)
    spell = np.repeat(np.arange(s.size), count)
    nth = np.arange(spell.size) - np.repeat(np.cumsum(count) - count, count)
    gap = np.select(
        [nth == 0, nth == 1],
        [rng.integers(10, 29, spell.size), rng.integers(60, 93, spell.size)],
        default=rng.integers(150, 184, spell.size),
    )
    gap += np.where(rng.random(spell.size) < 1 / 12, rng.integers(1, 40, spell.size), 0)
    cumulative = np.cumsum(gap)
    offset = np.repeat(cumulative[np.cumsum(count) - count] - gap[np.cumsum(count) - count], count)
    when = s.start[spell] + cumulative - offset
    keep = when < end[spell]
    spell, when = spell[keep], when[keep]
    person = s.person[spell]
    dob = care.population.dob[person]
    code = np.where(when < plus_years(dob, 4), "PN0", draw(rng, PARTICIPATION, when.size))
    order = np.lexsort((when, care.child[person]))
    return pa.table(
        {
            "CHILD": pa.array(care.child[person][order]),
            "DOB": to_arrow(dob[order]),
            "REVIEW": to_arrow(when[order]),
            "REVIEW_CODE": pa.array(code[order]),
        }
    )


def missing_table(frame: Frame, care: Care) -> Any:
    rng = frame.rng("missing")
    e = care.episodes
    regular = e.spell >= 0
    dob = care.population.dob[e.person]
    start = np.maximum(e.decom, plus_years(dob, 11))
    end = np.minimum(np.where(e.dec == OPEN, frame.collection_end, e.dec), frame.collection_end)
    length = np.where(regular, np.maximum(end - start, 0), 0)
    rate = np.where(np.isin(e.place, ["K2", "H5", "K1", "R1"]), 1.5, 0.15)
    count = rng.poisson(rate * length / YEAR)
    episode = np.repeat(np.arange(e.size), count)
    began = start[episode] + (rng.random(episode.size) * length[episode]).astype(np.int64)
    back = np.minimum(
        began + rng.exponential(1.5, episode.size).astype(np.int64), frame.collection_end
    )
    person = e.person[episode]
    order = np.lexsort((began, care.child[person]))
    return pa.table(
        {
            "CHILD": pa.array(care.child[person][order]),
            "DOB": to_arrow(care.population.dob[person][order]),
            "MISSING": pa.array(np.where(rng.random(episode.size) < 0.7, "M", "A")[order]),
            "MIS_START": to_arrow(began[order]),
            "MIS_END": to_arrow(back[order]),
        }
    )


def _text(values: np.ndarray) -> Any:
    """Text with empty strings as nulls (blank cells)."""
    return pa.array(values, mask=values == "", type=pa.string())
