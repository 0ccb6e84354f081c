"""``python -m benchmarks.web.verify`` in a site folder: look for every item the load test's
users saved, in the workspace database through Django (SQLite or PostgreSQL alike).

Input (JSON on standard input): ``items`` as ``locustfile`` records them (commentary,
approval, action_update, milestone) and ``values`` ([indicator, period, value] the analyst
entered last). Output (JSON): the counts found and every item missing.
"""

from __future__ import annotations

import json
import sys
from typing import Any


def main() -> int:
    from cypp.web import setup

    setup("development")
    from django.db import connection

    from cypp.web.published.models import Publication
    from cypp.web.workspace.models import (
        ActionMilestone,
        ActionStatusUpdate,
        AuditEntry,
        Commentary,
        ReportedValue,
        State,
    )

    given: dict[str, Any] = json.load(sys.stdin)
    missing: list[str] = []
    found = {"commentary": 0, "approval": 0, "action_update": 0, "milestone": 0, "value": 0}
    shown = (State.SUBMITTED, State.APPROVED, State.PUBLISHED)
    for item in given["items"]:
        kind = item["kind"]
        if kind == "commentary":
            ok = Commentary.objects.filter(
                indicator=item["code"], period=item["period"], story=item["story"], state__in=shown
            ).exists()
        elif kind == "approval":
            ok = Commentary.objects.filter(
                indicator=item["code"],
                period=item["period"],
                state__in=(State.APPROVED, State.PUBLISHED),
            ).exists()
        elif kind == "action_update":
            ok = ActionStatusUpdate.objects.filter(
                action_id=item["action"], note=item["note"]
            ).exists()
        elif kind == "milestone":
            ok = ActionMilestone.objects.filter(
                action_id=item["action"], text=item["text"]
            ).exists()
        else:
            ok = False
        found[kind] = found.get(kind, 0) + int(ok)
        if not ok:
            missing.append(json.dumps(item))
    for code, period, value in given["values"]:
        ok = ReportedValue.objects.filter(indicator=code, period=period, value=value).exists()
        found["value"] += int(ok)
        if not ok:
            missing.append(f"reported value {code} {period} = {value}")
    out: dict[str, Any] = {
        "found": found,
        "missing": missing,
        "publications": Publication.objects.count(),
        "current_publications": Publication.objects.filter(is_current=True).count(),
        "commentary_rows": Commentary.objects.count(),
        "action_updates": ActionStatusUpdate.objects.count(),
        "milestones": ActionMilestone.objects.count(),
        "audit_entries": AuditEntry.objects.count(),
    }
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            out["integrity"] = cursor.fetchone()[0]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
