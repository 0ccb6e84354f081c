"""The web app under load while an analyst publishes and priority leads write (issue 9.6).

    .venv/bin/python scripts/load-while-publishing.py [--minutes 5] [--users 100] [--leads 5]
        [--workers 2] [--postgres] [--site DIR]

100 users for 5 minutes against ``cypp serve`` (production settings, loopback) on a copy of the
published synthetic county: 5 priority leads submitting commentary, action updates and
milestones through the staff forms, an analyst approving it, the rest reading the public site
and the API; meanwhile another analyst enters a new figure and runs ``cypp publish`` again and
again. Exit status 0 when no request failed, every publish made a new publication and every
saved item is in the workspace afterwards. ``--postgres`` puts the workspace on a throwaway
PostgreSQL 15 server. Results: ``benchmarks/results/web-publishing[-postgresql].json``.
The same as ``python -m benchmarks.web publishing``; the CI version is
``tests/reliability/test_load_while_publishing.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.web.__main__ import main

if __name__ == "__main__":
    sys.exit(main(["publishing", *sys.argv[1:]]))
