"""Measures cypp derives from published ones (never stored back as if published).

The Attainment 8 disadvantage gap is not a LAIT measure of its own: it is non-FSM minus
FSM average Attainment 8, for the same area and year. Its source is ``cypp`` so it cannot be
mistaken for a published figure; its polarity (a smaller gap is better) is cypp's.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from cypp.published.schema import PUBLISHED_SCHEMA
from cypp.published.symbols import VALUE

SOURCE = "cypp"
ATTAIN8_FSM_GAP = "Attain8_FSM_gap"
FSM = "FSM_AVG_Attain8_Score"
NON_FSM = "NonFSM_AVG_Attain8_Score"


def difference(
    published: pa.Table,
    minuend: tuple[str, str],
    subtrahend: tuple[str, str],
    *,
    measure: str,
    title: str,
    unit: str | None,
    polarity: str | None,
) -> pa.Table:
    """Rows of ``minuend - subtrahend`` (each a (source, measure)) per area and period.

    Where either side is a symbol the difference is null and its state is that symbol (the
    subtrahend's first), so suppression carries through. Differences are rounded to 6
    decimal places to drop float noise (37.2 - 24.1 = 13.100000000000001).
    """

    def rows(pair: tuple[str, str]) -> list[dict[str, object]]:
        mask = pc.and_(
            pc.equal(published["source"], pair[0]), pc.equal(published["measure"], pair[1])
        )
        found: list[dict[str, object]] = published.filter(mask).to_pylist()
        return found

    def key(row: dict[str, object]) -> tuple[object, ...]:
        return (row["source_la_number"], row["area_code"], row["time_period"])

    others = {key(r): r for r in rows(subtrahend)}
    out: list[dict[str, object]] = []
    for high in rows(minuend):
        low = others.get(key(high))
        if low is None:
            continue
        states = (low["state"], high["state"])
        value: float | None = None
        state = next((s for s in states if s != VALUE), VALUE)
        if state == VALUE:
            assert isinstance(high["value"], float) and isinstance(low["value"], float)
            value = round(high["value"] - low["value"], 6)
        out.append(
            high
            | {
                "source": SOURCE,
                "measure": measure,
                "measure_title": title,
                "breakdown": "all",
                "group": "all",
                "value": value,
                "state": state,
                "unit": unit,
                "polarity": polarity,
            }
        )
    return pa.Table.from_pylist(out, schema=PUBLISHED_SCHEMA)


def attainment8_fsm_gap(published: pa.Table) -> pa.Table:
    """Non-FSM minus FSM average Attainment 8 (LAIT), per area and year."""
    return difference(
        published,
        ("lait", NON_FSM),
        ("lait", FSM),
        measure=ATTAIN8_FSM_GAP,
        title="Attainment 8 gap: pupils not eligible for FSM minus pupils eligible for FSM",
        unit="Score per pupil",
        polarity="Low",
    )
