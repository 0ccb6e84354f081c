"""The main job on the embedded default, end to end (``./run demo``).

1. validate the seed plan and show it;
2. generate the synthetic county in the real return formats;
3. load every return into the embedded DuckDB warehouse (pseudonymised, atomic batches);
4. compute every indicator of the demo plan (the seed plan with illustrative targets);
5. assess progress against targets, trends and benchmarks;
6. write the board report (PDF, HTML, XLSX, CSV, JSON) to ``demo/report/``;
7. publish to the web app's workspace and serve the dashboard on localhost (Ctrl-C stops it).
Everything is written under ``demo/``; the demo's pseudonym key and web secret are generated
once and kept in ``demo/cypp.toml`` (a real council sets its own secrets).
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
DATA = DEMO / "data"
CYPP = str(Path(sys.executable).parent / "cypp")
RETURNS = ("ssda903", "census", "attainment", "nccis", "survey", "published")
PORT = 8000
DEMO_USERS = ("staff", "demo-users")  # analyst, priority leads, a partner: printed passwords


def step(title: str, *args: str) -> None:
    print(f"\n== {title}: cypp {' '.join(args)}", flush=True)
    started = time.monotonic()
    subprocess.run([CYPP, *args], cwd=DEMO, check=True)
    print(f"   ({time.monotonic() - started:.1f} s)", flush=True)


def settings() -> None:
    """The demo's own settings: a warehouse and workspace under demo/ and generated secrets."""
    DEMO.mkdir(exist_ok=True)
    toml = DEMO / "cypp.toml"
    if not toml.exists():
        toml.write_text(
            "# Settings of the demo (see docs/settings.md). The keys were generated for the demo;\n"
            "# a council keeps its own secret keys out of files like this one.\n"
            "[cypp]\n"
            f'plan = "{ROOT / "plans" / "demo"}"\n'
            'warehouse = "warehouse.duckdb"\n'
            f'pseudonym_key = "{secrets.token_hex(32)}"\n',
            encoding="utf-8",
        )
    text = toml.read_text(encoding="utf-8")
    extra = ""
    if "secret_key" not in text:
        extra += f'secret_key = "{secrets.token_urlsafe(50)}"\n'
    if "workspace" not in text:
        extra += 'workspace = "workspace.sqlite3"\n'
    if extra:
        toml.write_text(text + extra, encoding="utf-8")


def main() -> int:
    settings()
    seed_plan = str(ROOT / "plans" / "leicestershire-2008-2011")
    try:
        step("Validate the seed plan", "plan", "validate", seed_plan)
        step("Show the seed plan", "plan", "show", seed_plan)
        step("Generate the synthetic county", "synth", "--scale", "county", "--seed", "1",
             "--out", str(DATA))
        for name in RETURNS:
            step(f"Load {name}", "load", name, str(DATA / name), "--quiet")
        step("List the batches", "batches")
        step("Compute every indicator", "compute", "--all", "--quiet")
        step("Explain one figure", "explain", "NI063", "--period", "2010-03-31")
        step("Assess progress (targets are illustrative)", "assess")
        step("Write the board report", "report", "--period", "2010/11", "--out", "report")
        step("Publish to the dashboard", "publish", "--period", "2010/11")
        step("Demo staff accounts", *DEMO_USERS)
    except subprocess.CalledProcessError as exc:
        print(f"demo stopped: a step failed with status {exc.returncode}", file=sys.stderr)
        return 1
    print(f"\nThe warehouse is {DEMO / 'warehouse.duckdb'}; the synthetic returns are in {DATA}.")
    print(f"The board report is in {DEMO / 'report'}.")
    print(f"\n== The dashboard: http://127.0.0.1:{PORT}/  (staff: http://127.0.0.1:{PORT}/staff/)")
    print("   Ctrl-C stops it.", flush=True)
    try:
        subprocess.run([CYPP, "serve", "--port", str(PORT)], cwd=DEMO, check=True)
    except KeyboardInterrupt:
        print("\nstopped")
    except subprocess.CalledProcessError as exc:
        print(f"the dashboard stopped with status {exc.returncode}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
