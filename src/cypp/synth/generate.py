"""``generate``: a synthetic county (or nation) written as the real returns' files.

Layout (county; for the nation each council's folders sit under ``DIR/<ONS code>/``)::

    DIR/ssda903/2009-10/    the SSDA903 return of the year to 31 March 2010 (DfE CSV tables)
    DIR/ssda903-xml/2009-10/ the same return as EXPSSDA903 XML (return.xml)
    DIR/census/2009-10/     spring School Census and five-half-term attendance
    DIR/attainment/2009-10/ KS2, KS3 and KS4 pupil results
    DIR/nccis/2009-10/      monthly NCCIS activity snapshots
    DIR/survey/2009-10/     TellUs-style survey answers
    DIR/published/          under-18 conceptions (DfE tidy CSV)
    DIR/synth/              summary.json and postcode_districts.csv (not returns)

Councils are generated one after another, each written as soon as it is made, so memory stays
bounded by the largest council.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyarrow as pa

from cypp.synth import defects
from cypp.synth.attainment import ks2_table, ks3_table, ks4_table
from cypp.synth.care.build import Care, build_care
from cypp.synth.care.ssda903 import remove_single_return, ssda903_returns, write_ssda903
from cypp.synth.census import attendance_table, census_table
from cypp.synth.councils import DEFAULT_AREA
from cypp.synth.days import Mask, as_date, day
from cypp.synth.frame import Frame, county_frame, nation_frames
from cypp.synth.geography import build_geography, postcode_districts
from cypp.synth.nccis import MONTHS, NI117_MONTHS, monthly_tables
from cypp.synth.output import Written, write_csv, write_rows
from cypp.synth.population import build_population
from cypp.synth.published import calendar_years, conceptions_rows
from cypp.synth.roll import build_pupils, build_roll
from cypp.synth.schools import assign_schools, build_schools
from cypp.synth.survey import survey_table
from cypp.synth.years import DEFAULT_YEARS, SynthError, academic_years

Progress = Callable[[str, int, int], None]
Scale = Literal["county", "nation"]
STAGES = 3  # progress steps per council: pupils, young people, care


@dataclass(frozen=True)
class CouncilSummary:
    """What was generated for one council."""

    code: str
    number: str
    name: str
    folder: str  # relative to the output folder ("" for a county)
    pupils: tuple[int, ...]  # on roll at each year's spring census
    looked_after: tuple[int, ...]  # at each 31 March (short breaks aside)
    young_people: tuple[int, ...]  # known to NCCIS in each year's November snapshot
    children_in_returns: tuple[int, ...]  # Header rows of each year's SSDA903 return


@dataclass(frozen=True)
class SynthSummary:
    """What ``generate`` wrote: per council figures, files, and any planted defects."""

    out: Path
    scale: str
    seed: int
    years: tuple[str, ...]
    councils: tuple[CouncilSummary, ...]
    files: tuple[tuple[str, int], ...]
    defects: tuple[defects.PlantedDefect, ...]

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.files)

    def as_json(self) -> dict[str, Any]:
        """The summary without the output path (so it is the same wherever it was written)."""
        data = asdict(self)
        data.pop("out")
        return data


def generate(
    out: Path,
    *,
    scale: Scale,
    seed: int,
    area: str = DEFAULT_AREA,
    years: Sequence[str] = DEFAULT_YEARS,
    with_errors: bool = False,
    progress: Progress | None = None,
    fraction: float = 1.0,
    councils: Sequence[str] | None = None,
) -> SynthSummary:
    """Generate a synthetic county (``area``) or the nation into ``out``.

    ``fraction`` shrinks every council (tests use a few hundredths); ``councils`` limits the
    nation to the councils named (ONS codes, LA numbers or names). The same arguments always
    write byte-identical files.
    """
    if scale not in ("county", "nation"):
        raise SynthError(f"scale {scale!r}: expected 'county' or 'nation'")
    if seed < 0:
        raise SynthError(f"seed {seed!r}: expected a whole number 0 or more")
    if not 0 < fraction <= 1:
        raise SynthError(f"fraction {fraction!r}: expected more than 0 and at most 1")
    academic = academic_years(tuple(years))
    out = Path(out)
    written = Written(out)
    if scale == "county":
        frames = [county_frame(seed, area, academic, fraction=fraction, with_errors=with_errors)]
    else:
        only = tuple(councils) if councils is not None else None
        frames = nation_frames(
            seed, academic, only=only, fraction=fraction, with_errors=with_errors
        )
    summaries: list[CouncilSummary] = []
    planted: list[defects.PlantedDefect] = []
    lookups: list[Any] = []
    total = len(frames) * STAGES
    for index, frame in enumerate(frames):
        folder = out if scale == "county" else out / frame.council.code
        step = index * STAGES

        def report(stage: str, done: int, frame: Frame = frame, step: int = step) -> None:
            if progress is not None:
                progress(f"{frame.council.name}: {stage}", step + done, total)

        summary, council_defects, lookup = _council(frame, folder, written, report)
        summaries.append(summary)
        planted.extend(council_defects)
        lookups.append(lookup)
    areas = [f.council for f in frames]
    rows = conceptions_rows(calendar_years(academic[0].start, academic[-1].end), seed, areas)
    write_rows(rows, out / "published" / "under18_conceptions.csv", written)
    lookup_rows = pa.concat_tables(lookups).to_pylist()  # a few hundred rows; names hold commas
    write_rows(lookup_rows, out / "synth" / "postcode_districts.csv", written)
    result = SynthSummary(
        out=out,
        scale=scale,
        seed=seed,
        years=tuple(y.label for y in academic),
        councils=tuple(summaries),
        files=tuple(written.files),
        defects=tuple(planted),
    )
    summary_path = out / "synth" / "summary.json"
    summary_path.write_text(json.dumps(result.as_json(), indent=1) + "\n", encoding="utf-8")
    if progress is not None:
        progress("done", total, total)
    return result


def _council(
    frame: Frame, folder: Path, written: Written, report: Callable[[str, int], None]
) -> tuple[CouncilSummary, list[defects.PlantedDefect], Any]:
    report("children", 0)
    geography = build_geography(frame.council, frame.rng("geography"))
    population = build_population(frame, geography)
    care = build_care(frame, population, geography)
    population = care.population
    schools = build_schools(frame, geography)
    placements = assign_schools(frame, population, schools)
    pupils = build_pupils(frame, population, schools, placements)
    planter = defects.Planter(frame, written.root) if frame.with_errors else None
    last = frame.last
    counts: list[int] = []
    for year in frame.years:
        census_day = day(year.census_day)
        march = day(year.march_31)
        roll = build_roll(frame, year, population, pupils, care.in_care(census_day),
                          care.been_in_care(census_day))  # fmt: skip
        counts.append(roll.size)
        files = {
            ("census", "school_census"): census_table(frame, roll, population, pupils, geography),
            ("census", "attendance"): attendance_table(frame, roll, pupils),
        }
        a_year, been = care.in_care_a_year(march), care.been_in_care(march)
        for stage, make in (("ks2", ks2_table), ("ks3", ks3_table), ("ks4", ks4_table)):
            files[("attainment", stage)] = make(frame, roll, population, pupils, a_year, been)
        files[("survey", "tellus")] = survey_table(frame, roll, population, pupils)
        for (kind, stem), table in files.items():
            path = folder / kind / year.folder / f"{stem}_{year.folder}.csv"
            if planter is not None and year == last:
                table = planter.plant(kind, stem, table, path)
            write_csv(table, path, written)
    report("young people", 1)
    uasc = _uasc_mask(care)
    months = MONTHS if frame.all_months else NI117_MONTHS
    known: list[int] = []
    for year in frame.years:
        for end, table in monthly_tables(frame, year, population, pupils, geography, uasc, months):
            path = folder / "nccis" / year.folder / f"nccis_{as_date(end).isoformat()}.csv"
            if _month(end) == 11:
                known.append(table.num_rows)
            if planter is not None and year == last and _month(end) == 11:
                table = planter.plant("nccis", "activity", table, path)
            write_csv(table, path, written)
    report("care", 2)
    remove_single_return(folder / "ssda903", folder / "ssda903-xml")
    header_rows: list[int] = []
    for name, tables in ssda903_returns(frame, care, pupils, geography):
        csv_folder = folder / "ssda903" / name
        if planter is not None and name == last.folder:
            tables = planter.plant_ssda903(tables, csv_folder)
        write_ssda903(tables, csv_folder, folder / "ssda903-xml" / name, written)
        header_rows.append(tables["Header"].num_rows)
    summary = CouncilSummary(
        code=frame.council.code,
        number=frame.council.number,
        name=frame.council.name,
        folder="" if folder == written.root else folder.relative_to(written.root).as_posix(),
        pupils=tuple(counts),
        looked_after=tuple(int(care.in_care(d).sum()) for d in frame.march_ends),
        young_people=tuple(known),
        children_in_returns=tuple(header_rows),
    )
    return summary, (planter.planted if planter is not None else []), postcode_districts(geography)


def _month(number: int) -> int:
    return as_date(number).month


def _uasc_mask(care: Care) -> Mask:
    out = np.zeros(care.population.size, dtype=bool)
    out[care.spells.person[care.spells.uasc]] = True
    return out
