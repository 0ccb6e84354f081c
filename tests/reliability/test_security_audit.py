"""Security audits (issue 9.5).

- bandit over ``src/cypp``: no finding of high severity, and every finding of medium severity
  is one that ``docs/reliability.md`` (section "Access", table "bandit") lists with the reason
  it is left, by test id and file: a new one fails here until it is fixed or explained.
- pip-audit over this environment's packages: no known vulnerability. It asks PyPI's advisory
  data about each installed version; when that service cannot be reached, or knows none of the
  installed versions (a private index or mirror), nothing can be audited and the test is
  skipped, saying so.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

DOC = ROOT / "docs" / "reliability.md"
# a row of the bandit table: | `B608` | `src/cypp/engine/store.py` | medium | reason |
ROW = re.compile(r"^\|\s*`(B\d{3})`\s*\|\s*`(src/cypp/[^`]+)`\s*\|")


@pytest.fixture(scope="module")
def bandit() -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "bandit", "-r", "src/cypp", "-f", "json", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.stdout, done.stderr  # bandit exits 1 when it finds anything: its JSON says what
    report = json.loads(done.stdout)
    assert not report["errors"], report["errors"]
    assert report["metrics"]["_totals"]["loc"] > 10_000  # it did read cypp
    findings: list[dict[str, Any]] = report["results"]
    return findings


def _where(f: dict[str, Any]) -> str:
    return f"{f['test_id']} {Path(f['filename']).as_posix()}:{f['line_number']} {f['issue_text']}"


def test_bandit_finds_nothing_of_high_severity(bandit: list[dict[str, Any]]) -> None:
    high = [_where(f) for f in bandit if f["issue_severity"] == "HIGH"]
    assert not high, "\n".join(high)


def test_every_medium_bandit_finding_is_explained_in_the_docs(
    bandit: list[dict[str, Any]],
) -> None:
    listed = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = ROW.match(line)
        if m:
            listed.add((m.group(1), m.group(2)))
    medium = [f for f in bandit if f["issue_severity"] == "MEDIUM"]
    unexplained = [
        _where(f) for f in medium if (f["test_id"], Path(f["filename"]).as_posix()) not in listed
    ]
    assert not unexplained, (
        "bandit findings of medium severity not in the table of docs/reliability.md: fix them, "
        "or add a row saying why each is left:\n" + "\n".join(unexplained)
    )


UNREACHABLE = (
    "ConnectionError",
    "NameResolutionError",
    "Max retries exceeded",
    "Temporary failure in name resolution",
    "timed out",
    "Timeout",
)


def test_pip_audit_finds_no_known_vulnerability() -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--skip-editable",
             "-f", "json"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.skip("pip-audit had no answer from the vulnerability service in 300 s")
    try:
        report = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        if any(mark in done.stderr for mark in UNREACHABLE):
            pytest.skip(f"pip-audit cannot reach the vulnerability service: {last}")
        raise AssertionError(
            f"pip-audit failed ({done.returncode}): {done.stderr[-3000:]}"
        ) from None
    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    if not audited:
        example = dependencies[0]["skip_reason"] if dependencies else "no packages"
        pytest.skip(
            f"pip-audit audited nothing: the vulnerability service (PyPI) knows none of the "
            f"{len(dependencies)} installed versions, e.g. {example!r}"
        )
    found = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v['fix_versions']) or '-'})"
        for d in audited
        for v in d["vulns"]
    ]
    assert not found, "\n".join(found)
