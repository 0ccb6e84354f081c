"""The board report as open data in DfE's tidy layout: one CSV, one JSON, and the rows of the
XLSX workbook's data sheet, all from ``tidy_rows`` so no number can differ between them.

The layout follows DfE's open data standards (the analysts' guide, "Open Data Standards"):
``time_period`` and ``time_identifier`` first, then the geography columns of a local
authority row, then filters (``indicator``, ``breakdown_topic``, ``breakdown``) and
indicators (``value`` and so on). A cell with no number holds a GSS/DfE symbol, never a
blank, 0 or NaN: ``c`` confidential (suppressed), ``x`` not available, ``z`` not applicable.
docs/open-data.md describes every column and how each kind of period is mapped.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Final

from cypp.assess.series import BreakdownFigure
from cypp.exports import formula_safe_row
from cypp.periods import PeriodFormatError, PeriodType, parse_period
from cypp.published.areas import default_areas
from cypp.report.content import GAP_NAMES, BoardReport, IndicatorSection, SeriesPoint

SUPPRESSED: Final = "c"  # confidential
NOT_AVAILABLE: Final = "x"
NOT_APPLICABLE: Final = "z"
SYMBOLS: Final = {
    SUPPRESSED: "confidential: withheld by disclosure control (a count from 1 to the threshold)",
    NOT_AVAILABLE: "not available",
    NOT_APPLICABLE: "not applicable",
}
LICENCE: Final = "Open Government Licence v3.0"
LICENCE_URL: Final = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

COLUMNS: Final = (
    "time_period",
    "time_identifier",
    "period",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "new_la_code",
    "old_la_code",
    "la_name",
    "indicator",
    "indicator_name",
    "breakdown_topic",
    "breakdown",
    "value",
    "ci_lower",
    "ci_upper",
    "numerator",
    "denominator",
    "unit",
    "polarity",
    "target",
    "target_type",
    "status",
    "direction",
    "england_value",
    "neighbours_value",
    "quartile_band",
)
NUMBER_COLUMNS: Final = frozenset(
    {
        "value",
        "ci_lower",
        "ci_upper",
        "numerator",
        "denominator",
        "target",
        "england_value",
        "neighbours_value",
    }
)
# columns whose symbols become null in the JSON (names and identifiers never hold a symbol)
SYMBOL_COLUMNS: Final = NUMBER_COLUMNS | {
    "time_period",
    "time_identifier",
    "region_code",
    "region_name",
    "old_la_code",
    "target_type",
    "status",
    "direction",
    "quartile_band",
}
JUDGEMENT_COLUMNS: Final = (
    "target",
    "target_type",
    "status",
    "direction",
    "england_value",
    "neighbours_value",
    "quartile_band",
)

TOTAL: Final = "Total"  # DfE's value of a filter for everyone
ENGLAND: Final = ("E92000001", "England")

# DfE's time_identifier for each of cypp's kinds of period. A snapshot (children looked after
# at 31 March) is "Reporting year": DfE's identifier for data collected on a specific day.
TIME_IDENTIFIERS: Final = {
    PeriodType.ACADEMIC_YEAR: "Academic year",
    PeriodType.FINANCIAL_YEAR: "Financial year",
    PeriodType.CALENDAR_YEAR: "Calendar year",
    PeriodType.SNAPSHOT: "Reporting year",
}

# breakdown_topic for each of the engine's breakdowns (DfE writes filter values as words)
TOPICS: Final = {
    "gender": "Gender",
    "ethnicity": "Ethnicity",
    "fsm": "FSM",
    "sen": "SEN",
    "cla": "Children in care",
    "school": "School",
    "district": "District",
    "fsm_gap": "FSM gap",
    "sen_gap": "SEN gap",
    "cla_gap": "Children in care gap",
}

Row = dict[str, object]


def time_columns(label: str) -> tuple[int | str, str]:
    """``(time_period, time_identifier)`` of a period in cypp's notation, as DfE writes them:
    2010/11 → (201011, "Academic year"), 2010-11 → (201011, "Financial year"),
    2010 → (2010, "Calendar year"), 2011-03-31 → (2011, "Reporting year"). A label in no
    known notation gives ``("x", "x")`` (its own words stay in ``period``)."""
    try:
        p = parse_period(label)
    except PeriodFormatError:
        return NOT_AVAILABLE, NOT_AVAILABLE
    if p.type in (PeriodType.ACADEMIC_YEAR, PeriodType.FINANCIAL_YEAR):
        return p.start.year * 100 + p.end.year % 100, TIME_IDENTIFIERS[p.type]
    return p.end.year, TIME_IDENTIFIERS[p.type]


def latest_ended(kind: PeriodType, as_at: date) -> str:
    """The latest period of ``kind`` that has ended by ``as_at`` (a snapshot is taken at 31
    March, as most of the field's are): where an indicator with no figure is placed."""
    for end in (as_at.year, as_at.year - 1):
        label = {
            PeriodType.ACADEMIC_YEAR: f"{end - 1}/{end % 100:02d}",
            PeriodType.FINANCIAL_YEAR: f"{end - 1}-{end % 100:02d}",
            PeriodType.CALENDAR_YEAR: str(end),
            PeriodType.SNAPSHOT: f"{end}-03-31",
        }[kind]
        if parse_period(label).end <= as_at:
            return label
    raise AssertionError("every kind of period ends within a year")  # pragma: no cover


def number(value: float | None, absent: str = NOT_AVAILABLE) -> float | int | str:
    """A figure as open data writes it: rounded to 6 decimals (float noise such as
    0.30000000000000004 is not information), whole numbers as integers, and ``absent`` for
    no figure (NaN and infinity count as none)."""
    if value is None or not math.isfinite(value):
        return absent
    rounded = round(float(value), 6)
    return int(rounded) if rounded.is_integer() else rounded


def geography(report: BoardReport) -> Row:
    """The geography columns of the report's area, with its old LA number and region from
    the area registry (the plan's own LA number when the registry does not know the area)."""
    place = report.place
    area = default_areas().find(place.ons_code)
    plan_area = report.plan.plan.area
    old = area.la_number if area and area.la_number else None
    if old is None and plan_area.ons_code == place.ons_code:
        old = plan_area.la_number
    region_code = place.region_code or (area.region_code if area else None)
    region = default_areas().find(region_code) if region_code else None
    return {
        "geographic_level": "Local authority",
        "country_code": ENGLAND[0],
        "country_name": ENGLAND[1],
        "region_code": region_code or NOT_AVAILABLE,
        "region_name": region.name if region else NOT_AVAILABLE,
        "new_la_code": place.ons_code,
        "old_la_code": old or NOT_AVAILABLE,
        "la_name": place.name,
    }


def tidy_rows(report: BoardReport) -> list[Row]:
    """Every figure of the report as one tidy row each, in plan order: per indicator its
    whole-cohort series, its equity gaps' series, then its breakdowns' groups. An indicator
    with no figure at all (not yet established, or none published) has one row of ``x``."""
    geo = geography(report)
    gaps: dict[str, list[IndicatorSection]] = defaultdict(list)
    for gap in report.equity:
        gaps[gap.indicator.code].append(gap)
    groups: dict[str, list[BreakdownFigure]] = defaultdict(list)
    for figure in report.breakdowns:
        groups[figure.indicator].append(figure)
    rows: list[Row] = []
    for section in report.indicators:
        rows += _section_rows(section, geo, report.as_at)
        for gap in gaps.pop(section.key, []):
            rows += _section_rows(gap, geo, report.as_at)
        rows += [_group_row(f, section, geo) for f in groups.pop(section.key, [])]
    return rows


def _row(geo: Row, period: str, section: IndicatorSection, topic: str, group: str) -> Row:
    time_period, time_identifier = time_columns(period)
    return {
        "time_period": time_period,
        "time_identifier": time_identifier,
        "period": period,
        **geo,
        "indicator": section.indicator.code,
        "indicator_name": section.indicator.title,
        "breakdown_topic": topic,
        "breakdown": group,
        "unit": section.unit,
        "polarity": section.polarity,
    }


def _topic(section: IndicatorSection) -> tuple[str, str]:
    if section.gap_of is None:
        return TOTAL, TOTAL
    words = GAP_NAMES.get(section.gap_of, section.gap_of.replace("_", " "))
    return TOPICS.get(section.gap_of, section.gap_of), words[:1].upper() + words[1:]


def _section_rows(section: IndicatorSection, geo: Row, as_at: date) -> list[Row]:
    topic, group = _topic(section)
    if not section.series:
        period = latest_ended(section.indicator.period_type, as_at)
        row = _row(geo, period, section, topic, group)
        row |= dict.fromkeys(NUMBER_COLUMNS, NOT_AVAILABLE)
        row |= {
            "target": NOT_APPLICABLE,
            "target_type": NOT_APPLICABLE,
            "status": section.status,
            "direction": NOT_APPLICABLE,
            "quartile_band": NOT_APPLICABLE,
        }
        return [_ordered(row)]
    # DfE publishes whole-population figures without intervals: not applicable, not missing
    published = section.gap_of is None and bool(section.indicator.source_measure)
    return [_point_row(section, p, geo, topic, group, published) for p in section.series]


def _point_row(
    section: IndicatorSection,
    point: SeriesPoint,
    geo: Row,
    topic: str,
    group: str,
    published: bool,
) -> Row:
    row = _row(geo, point.period, section, topic, group)
    if point.suppressed:
        row |= dict.fromkeys(("value", "ci_lower", "ci_upper", "numerator", "denominator"), "c")
    else:
        no_ci = NOT_APPLICABLE if published else NOT_AVAILABLE
        row |= {
            "value": number(point.value),
            "ci_lower": number(point.ci_low, no_ci),
            "ci_upper": number(point.ci_high, no_ci),
            "numerator": number(point.numerator),
            "denominator": number(point.denominator),
        }
    has_target = point.target is not None
    row |= {
        "target": number(point.target, NOT_APPLICABLE),
        "target_type": (
            ("trajectory" if point.target_is_trajectory else "target")
            if has_target
            else NOT_APPLICABLE
        ),
        "england_value": number(point.england),
        "neighbours_value": number(point.neighbours),
    }
    a = section.assessment
    if a is not None and a.period == point.period:  # judged only as at the report's period
        row |= {
            "status": section.status,
            "direction": a.direction,
            "quartile_band": a.quartile_band or NOT_AVAILABLE,
        }
    else:
        row |= dict.fromkeys(("status", "direction", "quartile_band"), NOT_APPLICABLE)
    return _ordered(row)


def _group_row(figure: BreakdownFigure, section: IndicatorSection, geo: Row) -> Row:
    topic = TOPICS.get(figure.breakdown, figure.breakdown)
    row = _row(geo, figure.period, section, topic, figure.group)
    if figure.suppressed:
        row |= dict.fromkeys(("value", "ci_lower", "ci_upper", "numerator", "denominator"), "c")
    else:
        row |= {
            "value": number(figure.value),
            "ci_lower": number(figure.ci_low),
            "ci_upper": number(figure.ci_high),
            "numerator": number(figure.numerator),
            "denominator": number(figure.denominator),
        }
    # targets, status and benchmarks are of the whole cohort, never of a group
    row |= dict.fromkeys(JUDGEMENT_COLUMNS, NOT_APPLICABLE)
    return _ordered(row)


def _ordered(row: Row) -> Row:
    return {c: row[c] for c in COLUMNS}


def write_csv(report: BoardReport, path: Path) -> None:
    """The tidy rows as a UTF-8 CSV with a header; every text cell made formula-safe."""
    _write_csv_rows(tidy_rows(report), Path(path))


def _write_csv_rows(rows: Iterable[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(formula_safe_row([row[c] for c in COLUMNS]))


def json_row(row: Row) -> Row:
    """A tidy row for JSON: numbers as numbers, a symbol as null, and ``suppressed``."""
    found: Row = {
        c: None if c in SYMBOL_COLUMNS and isinstance(v, str) and v in SYMBOLS else v
        for c, v in row.items()
    }
    found["suppressed"] = row["value"] == SUPPRESSED
    return found


def open_data_document(report: BoardReport) -> dict[str, object]:
    """The JSON document: metadata and the tidy rows (schema: docs/open-data-schema.json)."""
    return {"metadata": metadata(report), "data": [json_row(r) for r in tidy_rows(report)]}


def metadata(report: BoardReport) -> dict[str, object]:
    """What the open data is: plan, area, period, dates, sources, licence, symbols."""
    geo = geography(report)
    plan = report.plan.plan
    return {
        "plan": {"id": plan.id, "title": plan.title},
        "area": {
            k: None if v in SYMBOLS else v
            for k, v in geo.items()
            if k in ("new_la_code", "old_la_code", "la_name", "region_code", "region_name")
        },
        "period": report.period,
        "as_at": report.as_at.isoformat(),
        "generated": report.generated.isoformat(),
        "illustrative_targets": report.illustrative,
        "suppression_threshold": report.suppression_threshold,
        "sources": list(report.sources),
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "symbols": dict(SYMBOLS),
        "columns": list(COLUMNS),
        "not_yet_established": [
            {
                "indicator": s.key,
                "indicator_name": s.title,
                "plan_says": s.indicator.plan_says or "",
            }
            for s in report.indicators
            if not s.established
        ],
    }


def write_json(report: BoardReport, path: Path) -> None:
    """The JSON document, UTF-8, one data row a line (readable in a diff, a third of the size
    of indenting every key); ``allow_nan=False`` so no NaN can ever be written."""

    def dump(value: object, indent: int | None = None) -> str:
        return json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)

    rows = ",\n".join("  " + dump(json_row(row)) for row in tidy_rows(report))
    text = f'{{"metadata": {dump(metadata(report), 1)},\n"data": [\n{rows}\n]}}\n'
    Path(path).write_text(text, encoding="utf-8")
