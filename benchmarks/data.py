"""The benchmark's data: the synthetic nation at a scale, written once and loaded with
``cypp load`` into a warehouse of its own, all under the data folder (outside the repository).

Layout of ``DATA`` (default ``/work/bench-data``)::

    nation-0.125/            the synthetic nation at 1/8 (``cypp.synth``, seed 1)
    nation-0.125.json        which councils it holds (and which could not be made)
    warehouses/nation-0.125/ cypp.toml and warehouse.duckdb, loaded from it
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DATA = Path(os.environ.get("CYPP_BENCH_DATA", "/work/bench-data"))
SEED = 1
#: The benchmark's own pseudonym key: synthetic data only.
KEY = "cypp-benchmark-synthetic-data-only-0123456789"
ROOT_DIR = Path(__file__).resolve().parent.parent
PLAN = ROOT_DIR / "plans" / "demo"
#: The returns the plan's computed indicators read (published statistics feed only reported
#: indicators), in the order they are loaded.
RETURNS = ("ssda903", "census", "attainment", "nccis", "survey")
#: Returns whose rows all name their council (LA): loaded as one England batch per year.
NAMED = ("attainment", "nccis", "survey")
#: Returns with a table whose rows do not (SSDA903; the census's Attendance): per council.
PER_COUNCIL = ("ssda903", "census")
CYPP = str(Path(sys.executable).parent / "cypp")


def label(fraction: float) -> str:
    """``0.125`` -> ``"nation-0.125"``; the whole nation is ``"nation-1"``."""
    return f"nation-{fraction:g}"


def parse_scale(text: str) -> float:
    """``1/8``, ``0.125`` or ``1`` -> the fraction of the nation."""
    if "/" in text:
        top, bottom = text.split("/", 1)
        return float(top) / float(bottom)
    return float(text)


@dataclass(frozen=True)
class Nation:
    """A generated nation (or the county: ``fraction`` 0) and its loaded warehouse."""

    fraction: float
    folder: Path
    warehouse: Path
    councils: tuple[str, ...]
    skipped: tuple[str, ...]

    @property
    def home(self) -> Path:
        """Where ``cypp`` commands run: the folder of the warehouse and its ``cypp.toml``."""
        return self.warehouse.parent


def generated(fraction: float) -> Nation:
    """The nation at ``fraction``, generating it if it is not there yet.

    Councils are generated one by one (the same files as one ``generate`` call makes, since
    each council has its own random stream), so that a council the generator cannot make at
    a small fraction is left out and named rather than stopping the run.
    """
    from cypp.synth import generate
    from cypp.synth.councils import councils

    folder = DATA / label(fraction)
    manifest = DATA / f"{label(fraction)}.json"
    if not manifest.exists():
        made: list[str] = []
        skipped: list[str] = []
        for council in councils():
            try:
                generate(
                    folder, scale="nation", seed=SEED, fraction=fraction, councils=[council.code]
                )
                made.append(council.code)
            except Exception as exc:
                shutil.rmtree(folder / council.code, ignore_errors=True)
                skipped.append(f"{council.code} {council.name}: {type(exc).__name__}: {exc}")
        manifest.write_text(json.dumps({"councils": made, "skipped": skipped}, indent=1))
    info = json.loads(manifest.read_text())
    warehouse = DATA / "warehouses" / label(fraction) / "warehouse.duckdb"
    return Nation(fraction, folder, warehouse, tuple(info["councils"]), tuple(info["skipped"]))


def write_settings(nation: Nation, warehouse: Path | None = None) -> Path:
    """A ``cypp.toml`` for ``warehouse`` (default the nation's own), beside it."""
    target = warehouse or nation.warehouse
    target.parent.mkdir(parents=True, exist_ok=True)
    settings = target.parent / "cypp.toml"
    settings.write_text(
        f'[cypp]\nplan = "{PLAN}"\nwarehouse = "{target}"\npseudonym_key = "{KEY}"\n',
        encoding="utf-8",
    )
    return settings


def county() -> Nation:
    """The synthetic county (Leicestershire, seed 1, as the demo), generated if need be."""
    from cypp.synth import generate

    folder = DATA / "county"
    if not (folder / "synth" / "summary.json").exists():
        generate(folder, scale="county", seed=SEED)
    warehouse = DATA / "warehouses" / "county" / "warehouse.duckdb"
    return Nation(0.0, folder, warehouse, ("E10000018",), ())


def dataset(scale: str) -> Nation:
    """``county`` or a fraction of the nation (``1/8``), generated and loaded."""
    if scale == "county":
        return loaded(county())
    return loaded(generated(parse_scale(scale)))


def load_commands(nation: Nation) -> list[list[str]]:
    """The ``cypp load`` commands that load the data. The county: one command per return (a
    folder of year folders: a batch per year). The nation: attainment, NCCIS and the survey,
    whose rows name their council (``LA``), as one England batch per return and year, as a DfE
    analyst would; SSDA903 and the census per council (``--area``), each council's yearly
    returns in one command: SSDA903 rows and the census's Attendance rows carry no LA, so in
    an England batch they would all take the default area."""
    if nation.fraction == 0:
        return [[CYPP, "load", name, str(nation.folder / name), "--quiet"] for name in RETURNS]
    commands: list[list[str]] = []
    for name in PER_COUNCIL:
        for code in nation.councils:
            folder = nation.folder / code / name
            commands.append([CYPP, "load", name, str(folder), "--area", code, "--quiet"])
    years = sorted(p.name for p in (nation.folder / nation.councils[0] / "census").iterdir())
    for name in NAMED:
        for year in years:
            folders = [str(nation.folder / code / name / year) for code in nation.councils]
            commands.append([CYPP, "load", name, *folders, "--quiet"])
    return commands


def loaded(nation: Nation) -> Nation:
    """The nation's warehouse, loading it if it is not there yet: every ``cypp load`` command
    of ``load_commands``, run in one process (``load_all``; the load benchmark times them
    one process each, as a user runs them)."""
    done = nation.warehouse.parent / "loaded.json"
    if done.exists():
        return nation
    if nation.warehouse.parent.exists():
        shutil.rmtree(nation.warehouse.parent)
    write_settings(nation)
    commands = nation.home / "load-commands.json"
    commands.write_text(json.dumps([c[1:] for c in load_commands(nation)]))
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "benchmarks.load_all", str(nation.home), str(commands)],
        check=True,
        cwd=ROOT_DIR,
        stdout=subprocess.DEVNULL,
    )
    done.write_text(json.dumps({"seconds": time.monotonic() - started, "in_one_process": True}))
    return nation
