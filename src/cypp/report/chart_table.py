"""A chart's data as a table, for readers who cannot see the chart and for anyone who wants
the numbers: one row per period, as the chart shows them."""

from __future__ import annotations

from cypp.report.chart_text import decimals
from cypp.report.content import IndicatorSection
from cypp.report.curve import curve, present

SUPPRESSED = "c"  # DfE's symbol: withheld to protect confidentiality
NOT_AVAILABLE = "x"  # DfE's symbol: not available


def _rounded(value: float | None, unit: str) -> float | int | None:
    if value is None or not present(value):
        return None
    places = decimals(unit)
    return round(value) if places == 0 else round(value, places) + 0.0  # no -0.0


def data_rows(section: IndicatorSection) -> list[dict[str, object]]:
    """The chart's data as a table, a row per period (and the baseline's): numbers rounded as
    the chart shows them, "c" for a suppressed figure, "x" for one not available, and "" where
    there is nothing (no target that year, no benchmark, a period still to come)."""
    c = curve(section)
    unit = section.unit
    points = {p.period: p for p in c.points}
    rows: list[dict[str, object]] = []

    def cell(v: float | None) -> object:
        shown = _rounded(v, unit)
        return "" if shown is None else shown

    for period in c.periods:
        p = points.get(period)
        if p is None:
            if section.baseline is None or section.baseline[0] != period:
                continue  # a year filled in on the axis, with nothing in it
            empty = dict.fromkeys(("value", "ci_low", "ci_high"), "")
            rows.append(
                {
                    "period": period,
                    **empty,
                    "target": cell(section.baseline[1]),
                    "England": "",
                    "neighbours": "",
                }
            )
            continue
        if p.suppressed:
            value: object = SUPPRESSED
        elif present(p.value):
            value = _rounded(p.value, unit)
        else:
            value = "" if c.future(period) else NOT_AVAILABLE
        rows.append(
            {
                "period": period,
                "value": value,
                "ci_low": SUPPRESSED if p.suppressed else cell(p.ci_low),
                "ci_high": SUPPRESSED if p.suppressed else cell(p.ci_high),
                "target": cell(p.target),
                "England": cell(p.england),
                "neighbours": cell(p.neighbours),
            }
        )
    return rows
