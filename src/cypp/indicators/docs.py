"""``docs/indicators.md``, generated from the definitions' docstrings and parameters.

Regenerate with ``cypp definitions --markdown > docs/indicators.md``; a test fails when the
file is stale, so the documentation cannot drift from the code.
"""

from __future__ import annotations

from cypp.indicators.definition import all_definitions
from cypp.indicators.pupils import ETHNIC_MAJOR_GROUPS

HEADER = """# Indicator definitions

Generated from the code by `cypp definitions --markdown`; do not edit by hand.

Every computed indicator is a backend-free Ibis expression producing one row per unit of its
cohort (a pupil, a child, a review, a respondent) with its contribution to the numerator and
denominator; the engine sums them inside the warehouse by area, period and breakdown. A
proportion is shown as a percentage with a Wilson score interval; a mean score with a t
interval; gaps in percentage points with Newcombe's interval. Counts from 1 to the suppression
threshold are shown as `c` (see the engine's disclosure control).

**Breakdowns** of pupil-level indicators come from the spring School Census of the year
(joined by UPN): `gender`, `ethnicity` (major groups: {groups}, Unclassified), `fsm`
(FSM / non-FSM), `sen` (none / support / statement), `school` (URN), `district` (postcode
district), and `cla` (in care on 31 March of the year, matched by UPN through SSDA903).
Pupils with no census record fall in the group `unknown`.
"""


def render() -> str:
    lines = [HEADER.format(groups=", ".join(ETHNIC_MAJOR_GROUPS))]
    for name, d in sorted(all_definitions().items()):
        lines.append(f"## `{name}`\n")
        lines.append(
            f"Kind: {d.kind.value}. Breakdowns: {', '.join(d.breakdowns) or 'none'}."
            + (
                f" Gap: {d.gap.minuend} minus {d.gap.subtrahend} ({d.gap.breakdown})."
                if d.gap
                else ""
            )
            + "\n"
        )
        lines.append(d.doc + "\n")
        if d.parameters:
            lines.append("| parameter | default | meaning |\n|---|---|---|")
            for p in d.parameters:
                lines.append(f"| `{p.name}` | `{p.default!r}` | {p.help} |")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
