"""``python -m benchmarks.web.accounts`` in a site folder: make the staff accounts given as
JSON on standard input with the workspace's own ``users.add_user`` (an existing username is
left as it is). Prints, as JSON, the usernames made and what the workspace holds already (the
publications and commentary), for the load test to start from."""

from __future__ import annotations

import json
import sys


def main() -> int:
    from cypp.cli.staff_commands import ready

    ready()  # Django set up, the workspace migrated
    from django.contrib.auth.models import User

    from cypp.web.published.models import Publication
    from cypp.web.workspace import users
    from cypp.web.workspace.models import Commentary

    made: list[str] = []
    for a in json.load(sys.stdin):
        if User.objects.filter(username=a["username"]).exists():
            continue
        users.add_user(
            a["username"],
            users.parse_role(a["role"]),
            a["password"],
            priorities=tuple(a["priorities"]),
            agency=a["agency"],
        )
        made.append(a["username"])
    print(
        json.dumps(
            {
                "made": made,
                "publications": Publication.objects.count(),
                "commentary_rows": Commentary.objects.count(),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
