"""`cypp plan` as a user runs it: the installed console script, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import FIXTURES, ROOT, SEED_PLAN

CYPP = str(Path(sys.executable).parent / "cypp")


def cypp(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CYPP, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_validate_seed_prints_one_summary_line() -> None:
    run = cypp("plan", "validate", "plans/leicestershire-2008-2011")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    assert (
        "5 outcomes" in lines[0] and "6 key priorities" in lines[0] and "8 programmes" in lines[0]
    )
    for code in ("NI075", "NI102KS4", "LCLA-PARTICIPATION", "FSS", "HBR", "NI019", "NI056"):
        assert code in lines[0]


def test_validate_broken_lists_problems_and_exits_1() -> None:
    run = cypp("plan", "validate", str(FIXTURES / "plans" / "broken" / "many-problems"))
    assert run.returncode == 1
    assert (
        "indicators.yaml:7: [polarty] unknown key 'polarty'" in run.stdout
        or "indicators.yaml:7:" in run.stdout
    )
    assert "outcomes.yaml:8:" in run.stdout and "targets.yaml:6:" in run.stdout
    assert "3 problems" in run.stdout
    assert "Traceback" not in run.stdout + run.stderr


def test_default_plan_comes_from_settings(tmp_path: Path) -> None:
    (tmp_path / "cypp.toml").write_text(f'plan = "{SEED_PLAN}"\n')
    run = cypp("plan", "validate", cwd=tmp_path)
    assert run.returncode == 0 and "valid" in run.stdout


def test_show_prints_the_tree() -> None:
    run = cypp("plan", "show", "plans/leicestershire-2008-2011")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Voice, choice, safety and fulfilment" in out
    assert "Meeting needs of children in care by:" in out
    assert "Improving stability of placements for children in care → NI062, NI063" in out
    assert "NI 102 (KS4)" in out and "(not_yet_established)" in out


def test_show_of_an_invalid_plan_is_an_error_not_a_traceback() -> None:
    run = cypp("plan", "show", str(FIXTURES / "plans" / "broken" / "duplicate-id"))
    assert run.returncode == 1
    assert "error:" in run.stderr and "duplicate-id" in run.stderr
    assert "Traceback" not in run.stderr


def test_export_json_shape() -> None:
    run = cypp("plan", "export", "plans/leicestershire-2008-2011", "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    for key in ("outcomes", "priorities", "programmes", "indicators"):
        assert isinstance(data[key], list) and data[key]
        for item in data[key]:
            assert ("id" in item or "code" in item) and "title" in item
    ni63 = next(i for i in data["indicators"] if i["code"] == "NI063")
    assert ni63["priorities"] == ["children-in-care"]
    assert set(ni63["outcomes"]) == {"stay-safe"}


def test_schema_matches_the_documented_copy() -> None:
    run = cypp("plan", "schema")
    assert run.returncode == 0
    assert json.loads(run.stdout) == json.loads((ROOT / "docs" / "plan-schema.json").read_text()), (
        "docs/plan-schema.json is stale: regenerate it with `cypp plan schema > docs/plan-schema.json`"
    )


def test_settings_command_masks_secrets(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "CYPP_PSEUDONYM_KEY": "s3cret-key"}
    run = subprocess.run([CYPP, "settings"], cwd=tmp_path, capture_output=True, text=True, env=env)
    assert run.returncode == 0
    assert "s3cret-key" not in run.stdout and "pseudonym_key" in run.stdout
