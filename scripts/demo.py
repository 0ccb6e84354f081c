"""The main job on the embedded default, step by step (``./run demo``).

For now: validate and show the seed plan. Later steps (synthetic county, load, compute,
assess, report, dashboard) are added here as they land, so the README's command stays true.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CYPP = str(Path(sys.executable).parent / "cypp")
SEED = "plans/leicestershire-2008-2011"


def step(title: str, *args: str) -> None:
    print(f"\n== {title}: cypp {' '.join(args)}", flush=True)
    subprocess.run([CYPP, *args], cwd=ROOT, check=True)


def main() -> int:
    try:
        step("Validate the seed plan", "plan", "validate", SEED)
        step("Show the seed plan", "plan", "show", SEED)
    except subprocess.CalledProcessError as exc:
        print(f"demo stopped: a step failed with status {exc.returncode}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
