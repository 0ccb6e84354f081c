"""Who was looked after when: SSDA903 episodes as care spells, placements and 31 March cohorts.

Shared by every children-in-care definition (``care``). The rules, from the DfE's SSDA903
guide and validator:

- Short breaks (legal status V3/V4) are left out everywhere.
- Each return (batch) is dated by its collection year: the year to the 31 March on or after
  its latest episode start, as the warehouse dates an SSDA903 batch. An open episode runs to
  that 31 March. When several batches hold the same episode (each year's return repeats the
  episodes still open), the row of the latest return is used.
- A care spell starts at an episode with RNE S, or after a gap or an episode that ended with
  a REC other than X1 (the child left care): re-entry to care restarts continuity. REC X1
  episodes continue the spell.
- A placement starts with each spell and at each later episode whose RNE is a new placement
  (S, P or B by default: L, T and U keep the placement). Optionally, a temporary placement
  (PLACE T0-T4) and the return from it, and a placement for adoption with the current foster
  carer (PLACE A3 or A5), do not start a placement.
- A child's records may begin mid-spell: a year's return holds the episodes open in the year
  only. A first recorded episode with an RNE other than S continues a spell that began
  before the records (and, unless it starts a placement, a placement that did too): such
  starts count as long ago, so the child passes the duration tests.
- A child is looked after on a day when an episode has started on or before it and has not
  ended (DEC is after the day). "Looked after continuously" over a period ending 31 March
  means looked after at 31 March in a spell that started on or before the period's first day,
  with no episode ending with a REC other than X1 and no V3/V4 episode in the period (the DfE
  validator's rule: 12 months = the year 1 April to 31 March).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import ibis

from cypp.errors import EngineError
from cypp.indicators.pupils import ethnic_major_group
from cypp.indicators.sources import source

SHORT_BREAKS = ("V3", "V4")
TEMPORARY_PLACEMENTS = ("T0", "T1", "T2", "T3", "T4")
ADOPTION_PLACEMENTS = ("A3", "A4", "A5", "A6")
#: Placed for adoption with the child's current foster carer (with consent A3, order A5).
OWN_FOSTER_CARER_ADOPTION = ("A3", "A5")
NEW_PLACEMENT_RNE = ("S", "P", "B")
CONTINUING = "X1"  # REC: the episode ended and another began the same day
#: The start of a spell or placement already under way at a child's first recorded episode.
BEFORE_RECORDS = date(1900, 1, 1)


def march_31(year: Any) -> Any:
    return ibis.date(year, 3, 31)


def april_1(year: Any) -> Any:
    return ibis.date(year, 4, 1)


def snapshot_label(year: Any) -> Any:
    """``2010`` -> ``"2010-03-31"``, the period label of a 31 March snapshot."""
    return year.cast("string") + "-03-31"


def year_to_31_march(day: Any) -> Any:
    """The year of the 31 March on or after ``day`` (the year to 31 March it falls in)."""
    return day.year() + ibis.ifelse(day.month() > 3, 1, 0)


def batch_years() -> Any:
    """``_batch`` -> ``batch_year``: each return's collection year (to 31 March), from the
    latest episode start in it. A batch without episodes cannot be dated and is left out."""
    episodes = source("ssda903", "Episodes")
    latest = episodes.group_by(episodes._batch).aggregate(latest=episodes.DECOM.max())
    return latest.select(latest._batch, batch_year=year_to_31_march(latest.latest))


#: How many years before its own collection year a return speaks for. A council's return
#: carries the episodes open in its year, many of which began earlier, so the 31 Marches just
#: before can be judged from it too (the DfE fake return of 2017-18 gives 2016 to 2018); older
#: snapshots would rest on long-running episodes alone and are not reported. Where an earlier
#: year has its own return, that return's rows are used.
RETURN_LOOK_BACK_YEARS = 2


def covered_years() -> Any:
    """``_area``, ``year``: the years to 31 March the loaded returns speak for — each return's
    collection year and the ``RETURN_LOOK_BACK_YEARS`` before it."""
    rows = dated(source("ssda903", "Episodes"))
    own = rows.select(rows._area, rows.batch_year).distinct()
    back = [
        own.select(own._area, year=own.batch_year - k) for k in range(RETURN_LOOK_BACK_YEARS + 1)
    ]
    return ibis.union(*back, distinct=True)


def dated(table: Any) -> Any:
    """A table of the return with its batch's ``batch_year`` (rows of undated batches dropped)."""
    years = batch_years()
    joined = table.join(years, table._batch == years._batch)
    return joined.drop(*(c for c in joined.columns if c.endswith("_right")))


def latest_row(table: Any, keys: list[str]) -> Any:
    """One row per ``keys``: the one from the latest return (then a stable tie-break)."""
    order = [ibis.desc(table.batch_year), ibis.desc(table._batch), table._file, table._line]
    ranked = table.mutate(_rank=ibis.row_number().over(group_by=keys, order_by=order))
    return ranked.filter(ranked._rank == 0).drop("_rank")


def episodes() -> Any:
    """Every episode once (the latest return's row), with ``batch_year`` and ``ends``: the
    day it stopped counting (DEC, or 1 April after its return's year for an open episode)."""
    rows = latest_row(dated(source("ssda903", "Episodes")), ["_area", "CHILD", "DECOM"])
    return rows.mutate(ends=rows.DEC.fill_null(april_1(rows.batch_year)))


def care_episodes() -> Any:
    """The episodes that count as being looked after: short breaks (V3/V4) left out."""
    rows = episodes()
    return rows.filter(~rows.LS.fill_null("").isin(SHORT_BREAKS))


def short_breaks() -> Any:
    rows = episodes()
    return rows.filter(rows.LS.fill_null("").isin(SHORT_BREAKS))


def chain(
    new_placement_rne: tuple[str, ...] = NEW_PLACEMENT_RNE,
    skip_temporary: bool = True,
    skip_own_carer_adoption: bool = True,
) -> Any:
    """Care episodes in order per child, each with ``spell_start`` (the start of its care
    spell), ``placement_start`` (of the placement it is part of), ``new_placement`` (whether
    the episode starts a placement), ``first_record`` (the child's first episode in the data)
    and, for an episode placed for adoption (A3-A6), ``before_adoption``: the start of the
    placement held just before the adoptive placements began, in the same spell (null if they
    began the spell). A spell or placement already under way at the child's first recorded
    episode (RNE not S; not a new placement) is dated ``BEFORE_RECORDS``."""
    e = care_episodes()
    child = ["_area", "CHILD"]
    w = ibis.window(group_by=child, order_by="DECOM")
    e = e.mutate(
        first_record=ibis.row_number().over(w) == 0,
        _prev_dec=e.DEC.lag().over(w),
        _prev_rec=e.REC.lag().over(w),
        _prev_place=e.PLACE.lag().over(w),
    )
    left_care = e._prev_dec.notnull() & (
        (e._prev_dec < e.DECOM) | (e._prev_rec.fill_null("") != CONTINUING)
    )
    spell = (e.RNE == "S") | left_care
    moved = e.RNE.isin(tuple(new_placement_rne))
    if skip_temporary:
        temporary = e.PLACE.isin(TEMPORARY_PLACEMENTS) | e._prev_place.isin(TEMPORARY_PLACEMENTS)
        moved = moved & ~temporary.fill_null(False)
    if skip_own_carer_adoption:
        moved = moved & ~e.PLACE.isin(OWN_FOSTER_CARER_ADOPTION).fill_null(False)
    e = e.mutate(new_spell=spell, new_placement=spell | moved)
    so_far = ibis.cumulative_window(group_by=child, order_by="DECOM")
    before = ibis.literal(BEFORE_RECORDS, "date")

    def started(flag: Any) -> Any:
        """The latest start so far: the flagged episode's DECOM, or before the records."""
        at = ibis.cases((flag, e.DECOM), (e.first_record, before), else_=ibis.null("date"))
        return at.max().over(so_far)

    e = e.mutate(spell_start=started(e.new_spell), placement_start=started(e.new_placement))
    # The placement held just before each run of adoptive placements (A3-A6) began: with
    # adoption by the current foster carer (not a new placement) that is the foster placement.
    adoptive = e.PLACE.isin(ADOPTION_PLACEMENTS).fill_null(False)
    e = e.mutate(
        _adoptive=adoptive,
        _run_start=adoptive & ~e.new_spell & ~adoptive.lag().over(w).fill_null(False),
        _before=ibis.ifelse(e.first_record, before, e.placement_start.lag().over(w)),
    )
    e = e.mutate(
        _before_adoption=ibis.ifelse(e._run_start, e._before, ibis.null("date")).max().over(so_far)
    )
    e = e.mutate(
        before_adoption=ibis.ifelse(
            e._adoptive & (e._before_adoption >= e.spell_start),
            e._before_adoption,
            ibis.null("date"),
        )
    )
    return e.drop(
        "_prev_dec", "_prev_rec", "_prev_place", "_adoptive", "_run_start", "_before",
        "_before_adoption",
    )  # fmt: skip


def at_31_march(episode_chain: Any) -> Any:
    """One row per child looked after at a 31 March (``year``, ``snapshot``), with the episode
    held that day: ``PLACE``, ``spell_start``, ``placement_start``, ``before_adoption``."""
    e = episode_chain
    spans = e.mutate(year=ibis.range(year_to_31_march(e.DECOM), e.ends.year() + 1)).unnest("year")
    spans = spans.mutate(snapshot=march_31(spans.year))
    held = spans.filter((spans.snapshot >= spans.DECOM) & (spans.snapshot < spans.ends))
    covered = covered_years()
    held = held.semi_join(covered, [held._area == covered._area, held.year == covered.year])
    ranked = held.mutate(
        _rank=ibis.row_number().over(
            group_by=[held._area, held.CHILD, held.year], order_by=[ibis.desc(held.DECOM)]
        )
    )
    one = ranked.filter(ranked._rank == 0)
    return one.select(
        "_area", "CHILD", "year", "snapshot", "PLACE", "spell_start", "placement_start",
        "before_adoption",
    )  # fmt: skip


def continuously_since(cohort: Any, since: Any, episode_chain: Any) -> Any:
    """The rows of ``cohort`` (children at a 31 March ``snapshot``) looked after continuously
    from ``since`` (a date expression over ``cohort``): spell started on or before it, no
    episode ending with a REC other than X1 and no short break from it to 31 March."""
    c = cohort.mutate(_since=since)
    c = c.filter(c.spell_start <= c._since)
    ends = episode_chain.filter(
        episode_chain.DEC.notnull() & (episode_chain.REC.fill_null("") != CONTINUING)
    )
    c = c.anti_join(
        ends,
        [
            c._area == ends._area,
            c.CHILD == ends.CHILD,
            c._since <= ends.DEC,
            c.snapshot >= ends.DEC,
        ],
    )
    breaks = short_breaks()
    c = c.anti_join(
        breaks,
        [
            c._area == breaks._area,
            c.CHILD == breaks.CHILD,
            c.snapshot >= breaks.DECOM,
            breaks.ends >= c._since,
        ],
    )
    return c.drop("_since")


def looked_after_12_months(episode_chain: Any | None = None) -> Any:
    """Children looked after continuously for 12 months at 31 March: through the whole year
    1 April to 31 March (the DfE's OC2 cohort)."""
    e = chain() if episode_chain is None else episode_chain
    at = at_31_march(e)
    return continuously_since(at, april_1(at.year - 1), e)


def gender_of(sex: Any) -> Any:
    """SEX 1/M -> "M", 2/F -> "F" (codes before and from 2023/24); anything else unknown."""
    return ibis.cases((sex.isin(("1", "M")), "M"), (sex.isin(("2", "F")), "F"), else_="unknown")


def children() -> Any:
    """One Header row per child (the latest return's): ``DOB``, ``UPN``, ``gender``,
    ``ethnicity`` (the census major groups; refused or not obtained: Unclassified)."""
    header = source("ssda903", "Header")
    years = batch_years()
    h = header.left_join(years, header._batch == years._batch)
    h = h.drop(*(c for c in h.columns if c.endswith("_right")))
    h = h.mutate(batch_year=h.batch_year.fill_null(0))
    h = latest_row(h, ["_area", "CHILD"])
    return h.select(
        h._area,
        h.CHILD,
        h.DOB,
        h.UPN,
        gender=gender_of(h.SEX),
        ethnicity=ethnic_major_group(h.ETHNIC),
    )


def with_child(frame: Any) -> Any:
    """``frame`` (with ``_area`` and ``CHILD``) with the child's DOB, UPN and breakdowns;
    a child without a Header row has unknown gender and Unclassified ethnicity."""
    kids = children()
    joined = frame.left_join(kids, [frame._area == kids._area, frame.CHILD == kids.CHILD])
    joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
    return joined.mutate(
        gender=joined.gender.fill_null("unknown"),
        ethnicity=joined.ethnicity.fill_null("Unclassified"),
    )


OC2_YEARS = ("latest", "collection")


def check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    """Refuse a parameter value that is not one of ``allowed``."""
    if value not in allowed:
        raise EngineError(f"{name} {value!r} is not one of {', '.join(map(repr, allowed))}")


def oc2_rows(cohort12: Any, oc2_year: str) -> Any:
    """``cohort12`` (children looked after 12 months, per ``year``) joined with the OC2 row
    that describes that year; children without one are dropped.

    OC2 has no year column: a row belongs to its return. ``collection``: it describes the
    return's collection year only. ``latest``: it describes the latest 31 March, up to the
    collection year, at which the child had been looked after for 12 months — the same year
    for a valid return (the DfE asks OC2 only of children in that year's cohort), while an
    extract holding one OC2 row per child across several years places each row once, in the
    child's last qualifying year. A row of the collection year itself wins over a row moved
    there from a later return.
    """
    check_choice("oc2_year", oc2_year, OC2_YEARS)
    oc2 = dated(source("ssda903", "OC2")).rename(OC2_DOB="DOB")
    if oc2_year == "collection":
        rows = oc2.mutate(year=oc2.batch_year)
    else:
        years = cohort12.select("_area", "CHILD", "year")
        joined = oc2.join(
            years,
            [oc2._area == years._area, oc2.CHILD == years.CHILD, years.year <= oc2.batch_year],
        )
        joined = joined.drop(*(c for c in joined.columns if c.endswith("_right")))
        ranked = joined.mutate(
            _rank=ibis.row_number().over(
                group_by=["_batch", "_file", "_line"], order_by=[ibis.desc(joined.year)]
            )
        )
        rows = ranked.filter(ranked._rank == 0).drop("_rank")
    ranked = rows.mutate(
        _rank=ibis.row_number().over(
            group_by=["_area", "CHILD", "year"],
            order_by=[
                ibis.desc(rows.batch_year == rows.year),
                ibis.desc(rows.batch_year),
                rows._batch,
                rows._file,
                rows._line,
            ],
        )
    )
    rows = ranked.filter(ranked._rank == 0).drop("_rank", "_file", "_line", "_batch", "batch_year")
    return cohort12.join(rows, ["_area", "CHILD", "year"])


def sessions_missed(upns: Any | None = None) -> Any:
    """Sessions missed (authorised + unauthorised) per UPN and academic year over the whole
    school year, across the pupil's schools. Per school, once each: the ``6HT`` row where
    there is one; else ``5HT`` plus ``SU2`` (the sixth half-term); else the termly rows
    ``AUT`` + ``SPR`` + ``SUM`` (or ``SU1`` + ``SU2`` without a ``SUM``). A repeated row of
    the same term (the same key in two files) counts once.

    ``upns``: a table with a ``UPN`` column; only those pupils' rows are read (all of a
    pupil's rows or none, so their sums are the same), rather than every pupil's."""
    att = source("census", "Attendance")
    if upns is not None:
        att = att.semi_join(upns, att.UPN == upns.UPN)
    school = ["UPN", "URN", "AcademicYear", "_area"]
    ranked = att.mutate(
        _rank=ibis.row_number().over(
            group_by=[*school, "Term"], order_by=[att._batch, att._file, att._line]
        ),
        _has_6ht=(att.Term == "6HT").max().over(group_by=school),
        _has_5ht=(att.Term == "5HT").max().over(group_by=school),
        _has_sum=(att.Term == "SUM").max().over(group_by=school),
    )
    r = ranked
    termly = r.Term.isin(("AUT", "SPR")) | ibis.ifelse(
        r._has_sum, r.Term == "SUM", r.Term.isin(("SU1", "SU2"))
    )
    used = ibis.cases(
        (r._has_6ht, r.Term == "6HT"),
        (r._has_5ht, r.Term.isin(("5HT", "SU2"))),
        else_=termly,
    )
    rows = r.filter(r._rank == 0, used)
    missed = rows.SessionsAuthorised.fill_null(0) + rows.SessionsUnauthorised.fill_null(0)
    return rows.group_by(["UPN", "AcademicYear"]).aggregate(missed=missed.sum())


def outside_short_breaks(reviews: Any) -> Any:
    """Reviews (``_area``, ``CHILD``, ``REVIEW``) not held during a short break, or held while
    also looked after otherwise."""

    def covering(left: Any, episodes: Any) -> list[Any]:
        return [
            left._area == episodes._area,
            left.CHILD == episodes.CHILD,
            episodes.DECOM <= left.REVIEW,
            episodes.ends >= left.REVIEW,
        ]

    breaks, care = short_breaks(), care_episodes()
    outside = reviews.anti_join(breaks, covering(reviews, breaks))
    during = reviews.semi_join(breaks, covering(reviews, breaks))
    return outside.union(during.semi_join(care, covering(during, care)), distinct=False)
