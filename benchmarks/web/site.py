"""A published site to serve: a folder with its ``cypp.toml``, a warehouse loaded from the
synthetic county, computed and published with the real commands, and a SQLite workspace.

    site = build(folder, PLAN, fraction=0.05)    # synth → cypp load → compute → publish
    add_accounts(site, [Account("lead-1", "lead", priorities=("emotional-health",))])
    site.cypp("publish", "--period", "2010/11")

The benchmark's site is the demo's (the whole county, seed 1, the demo plan as at 2010/11),
built once under ``$CYPP_BENCH_DATA/web/county`` (``county_site()``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.data import DATA

ROOT = Path(__file__).resolve().parents[2]
DEMO_PLAN = ROOT / "plans" / "demo"
SMALL_PLAN = ROOT / "tests" / "web" / "public" / "plan"  # NI 50, NI 75, NI 112, FSS
CYPP = str(Path(sys.executable).parent / "cypp")
RETURNS = ("ssda903", "census", "attainment", "nccis", "survey", "published")
PERIOD = "2010/11"
#: a password for the generated accounts (synthetic data only); passes the validators
PASSWORD = "load-test-password-not-secret-42"


@dataclass(frozen=True)
class Account:
    username: str
    role: str  # administrator, analyst, lead, partner, viewer
    priorities: tuple[str, ...] = ()
    agency: str = ""
    password: str = PASSWORD


@dataclass(frozen=True)
class Site:
    """A site folder: ``cypp.toml`` (plan, warehouse, workspace or database URL, keys)."""

    folder: Path
    plan: Path
    database_url: str = ""
    extra_env: dict[str, str] = field(default_factory=dict)

    def env(self, **settings: str) -> dict[str, str]:
        """This environment without the caller's CYPP_* settings, plus the site's."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("CYPP_")}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        if self.database_url:
            env["CYPP_DATABASE_URL"] = self.database_url
        env.update(self.extra_env)
        env.update({f"CYPP_{k.upper()}": v for k, v in settings.items()})
        return env

    def cypp(self, *args: str, stdin: str | None = None) -> str:
        """Run ``cypp ARGS`` in the site folder; its standard output, or an error with it all."""
        done = subprocess.run(
            [CYPP, *args],
            cwd=self.folder,
            env=self.env(),
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"cypp {' '.join(args)} failed ({done.returncode}):\n"
                               f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}")  # fmt: skip
        return done.stdout

    def python(self, module: str, payload: object) -> object:
        """``python -m MODULE`` in the site folder with Django set up there: JSON in, JSON out."""
        done = subprocess.run(
            [sys.executable, "-m", module],
            cwd=self.folder,
            env=self.env(),
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"python -m {module} failed ({done.returncode}):\n{done.stderr[-4000:]}"
            )
        return json.loads(done.stdout)

    def publish(self, period: str = PERIOD) -> str:
        return self.cypp("publish", "--period", period).strip()

    def settings(self) -> dict[str, str]:
        """The site's ``cypp.toml`` as environment variables, paths made absolute."""
        table = tomllib.loads((self.folder / "cypp.toml").read_text(encoding="utf-8"))["cypp"]
        out = {}
        for name, value in table.items():
            if name in ("warehouse", "workspace"):
                value = str((self.folder / value).resolve())
            out[f"CYPP_{name.upper()}"] = str(value)
        return out

    def cypp_here(self, *args: str) -> str:
        """``cypp ARGS`` in this process (no start-up cost), with the site's settings. Not
        for the web commands: this process's Django settings are its own."""
        from typer.testing import CliRunner

        from cypp.cli import app

        done = CliRunner().invoke(app, list(args), env=self.settings())
        if done.exit_code != 0:
            raise RuntimeError(f"cypp {' '.join(args)} failed ({done.exit_code}):\n"
                               f"{done.output[-4000:]}\n{done.exception!r}")  # fmt: skip
        return done.output


def write_settings(folder: Path, plan: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cypp.toml").write_text(
        "# A site for the web benchmarks: synthetic data only.\n"
        "[cypp]\n"
        f'plan = "{plan}"\n'
        'warehouse = "warehouse.duckdb"\n'
        'workspace = "workspace.sqlite3"\n'
        f'pseudonym_key = "{secrets.token_hex(32)}"\n'
        f'secret_key = "{secrets.token_urlsafe(50)}"\n',
        encoding="utf-8",
    )


def build(
    folder: Path,
    plan: Path,
    *,
    fraction: float = 1.0,
    years: str = "2006/07..2010/11",
    seed: int = 1,
    returns: tuple[str, ...] = RETURNS,
    period: str = PERIOD,
    database_url: str = "",
    publish: bool = True,
    in_process: bool = False,
) -> Site:
    """Synthesise the county into ``folder/county``, load, compute and (``publish``) publish
    it. ``in_process`` runs load and compute in this process, saving their start-up."""
    from cypp.synth import generate, parse_years

    if folder.exists():
        shutil.rmtree(folder)
    write_settings(folder, plan)
    site = Site(folder, plan, database_url)
    # cypp synth has no --fraction: the library call it makes, with one
    generate(folder / "county", scale="county", seed=seed, fraction=fraction,
             years=parse_years(years))  # fmt: skip
    run = site.cypp_here if in_process else site.cypp
    for name in returns:
        run("load", name, str(folder / "county" / name), "--quiet")
    run("compute", "--all", "--quiet")
    if publish:
        site.publish(period)
    return site


def add_accounts(site: Site, accounts: list[Account]) -> dict[str, Any]:
    """Staff accounts made with the workspace's own ``users.add_user`` (validators and all);
    with how many publications and pieces of commentary the workspace holds."""
    made = site.python("benchmarks.web.accounts", [asdict(a) for a in accounts])
    assert isinstance(made, dict)
    return made


def county_site() -> Site:
    """The demo's site (whole county, seed 1, the demo plan as at 2010/11), built once."""
    folder = DATA / "web" / "county"
    done = folder / "built.json"
    if not done.exists():
        started = time.monotonic()
        print(f"building the published county in {folder} (once) ...", flush=True)
        build(folder, DEMO_PLAN)
        done.write_text(json.dumps({"seconds": time.monotonic() - started}))
    return Site(folder, DEMO_PLAN)
