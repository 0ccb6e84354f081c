"""Assemble a board report from the settings: the plan, the warehouse's latest results and
lineage, the published statistics and (when the web app has one) the workspace."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cypp.assess.gather import gather_figures, latest_runs, place_of, returns_read
from cypp.assess.series import BreakdownFigure, Figures, computed_breakdowns
from cypp.engine.store import Store
from cypp.plan.model import Plan, Source
from cypp.report.content import BoardReport, LineageNote, Workspace, build_report
from cypp.settings import Settings

RETURN_NAMES = {
    "ssda903": "SSDA903 children looked after return",
    "census": "School census (pupils, attendance)",
    "attainment": "Attainment (Key Stage results)",
    "nccis": "NCCIS young people's activity (CCIS)",
    "survey": "Pupil survey (TellUs-style)",
    "published": "Published statistics loaded by the council",
}

PUBLISHED_SOURCES = {
    "lait": "DfE Local Authority Interactive Tool (LAIT)",
    "dfe": "DfE statistical releases (tidy data)",
    "csc": "DfE children's social care outcomes",
    "nccis": "DfE NEET and participation (NCCIS) dashboard",
    "ons": "ONS population and conception statistics",
    "cypp": "Derived by cypp from published statistics (e.g. a gap between two LAIT measures)",
}


def report_for(
    plan: Plan,
    settings: Settings,
    *,
    area: str | None = None,
    period: str | None = None,
    workspace: Workspace | None = None,
    generated: datetime | None = None,
    extra_figures: Figures | None = None,
) -> BoardReport:
    """The report for ``area`` as at ``period``. ``extra_figures`` are figures from outside
    the warehouse (the workspace's approved reported values); for the same indicator, area
    and period they take the place of the warehouse's or the published data's."""
    warehouse = Path(settings.warehouse)
    place = place_of(area or plan.plan.area.ons_code, settings.neighbour_model)
    figures = gather_figures(plan, warehouse)
    for code, by_area in (extra_figures or {}).items():
        for area_code, by_period in by_area.items():
            figures.setdefault(code, {}).setdefault(area_code, {}).update(by_period)
    runs = latest_runs(warehouse, plan)
    breakdowns: list[BreakdownFigure] = []
    if warehouse.exists():
        with Store(warehouse, read_only=True) as store:
            breakdowns = computed_breakdowns(store, set(runs), place.ons_code)
    lineage = {
        code: LineageNote(
            definition=str(run["definition"]),
            definition_version=str(run["definition_version"]),
            run_started=run["started"],  # type: ignore[arg-type]
            batches=tuple(
                (b["return"], b["period"] or "", (b["content_hash"] or "")[:12])
                for b in run["batches"]  # type: ignore[attr-defined]
            ),
        )
        for code, run in runs.items()
    }
    return build_report(
        plan,
        figures,
        place,
        period=period,
        lineage=lineage,
        workspace=workspace,
        sources=sources(plan, runs),
        tolerance_percent=settings.status_tolerance_percent,
        suppression_threshold=settings.suppression_threshold,
        generated=generated,
        breakdowns=tuple(breakdowns),
    )


def sources(plan: Plan, runs: dict[str, dict[str, object]]) -> tuple[str, ...]:
    """The data sources behind the report, in words: returns with their collection periods
    (from lineage), then published statistics by publisher."""
    found = []
    for name, periods in returns_read(runs).items():
        span = f"{periods[0]} to {periods[-1]}" if len(periods) > 1 else "".join(periods)
        found.append(f"{RETURN_NAMES.get(name, name)}: {span}".rstrip(": "))
    publishers = sorted(
        {i.source_measure.split(":", 1)[0] for i in plan.indicators if i.source_measure}
    )
    found += [f"{PUBLISHED_SOURCES.get(p, p)} (Open Government Licence v3.0)" for p in publishers]
    if any(i.source is Source.WORKSPACE for i in plan.indicators):
        found.append("Figures entered and approved by staff in the cypp workspace")
    return tuple(found)
