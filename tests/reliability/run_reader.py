"""Run one reader on some paths in a process of its own and report what it did, as JSON.

    python tests/reliability/run_reader.py READER PATH...

The pathological cases (a 10 MB value, a million columns, a million nested elements) run
here, under a timeout set by the caller, so that a hang or a memory blow-up fails one test
instead of the whole run. Prints one JSON object: ``outcome`` (``read``, ``refused`` or
``crash``), ``seconds``, ``max_rss_mb``, and the tables read or the problems (their
``file`` and ``rule``, and the longest message's length) or the exception.
"""

from __future__ import annotations

import json
import resource
import sys
import time
import traceback


def main(argv: list[str]) -> int:
    from cypp.errors import CyppError
    from cypp.returns.registry import readers

    reader_name, paths = argv[0], argv[1:]
    started = time.perf_counter()
    report: dict[str, object]
    try:
        read = readers()[reader_name](paths)
        report = {
            "outcome": "read",
            "tables": {name: table.num_rows for name, table in read.tables.items()},
        }
    except CyppError as err:
        problems = getattr(err, "problems", ())
        report = {
            "outcome": "refused",
            "problems": [{"file": p.file, "rule": p.rule, "line": p.line} for p in problems[:50]],
            "count": len(problems),
            "message_chars": len(str(err)),
        }
    except BaseException as err:  # the contract is broken: say how
        report = {
            "outcome": "crash",
            "error": type(err).__name__,
            "traceback": traceback.format_exc()[-3000:],
        }
    report["seconds"] = round(time.perf_counter() - started, 3)
    report["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
