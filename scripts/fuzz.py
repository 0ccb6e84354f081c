#!/usr/bin/env python3
"""Fuzz every return reader and importer with hostile files for a set number of minutes.

    .venv/bin/python scripts/fuzz.py --minutes 10
    .venv/bin/python scripts/fuzz.py --minutes 2 --only ssda903-xml --no-pathological

The test suite runs the same cases bounded (tests/reliability, about a minute); this runs
them for as long as asked:

1. **pathological files** (unless ``--no-pathological``): the whole matrix of
   tests/reliability/pathological.py at full size (5,000 empty files, a million nested XML
   elements), each in a subprocess with a timeout;
2. **hypothesis**, for the time left but atheris's share: every kind of hostile file
   (tests/reliability/strategies.py) for every reader, round robin, fresh random examples;
3. **atheris** (coverage-guided, libFuzzer), if it can be imported, for ``--atheris-share`` of
   the time: ``pip install atheris`` (into the venv, or ``--target DIR`` and PYTHONPATH=DIR).

Every failing case is saved under ``out/fuzz/`` with its traceback; the exit status is 1 if
any was found. ``--json FILE`` writes the counts (docs/reliability.md quotes them).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "out" / "fuzz"
CHUNK = 100  # hypothesis examples per (target, kind) turn


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, required=True, help="total time to fuzz")
    parser.add_argument("--only", nargs="*", default=None, help="targets (default: all)")
    parser.add_argument("--no-pathological", action="store_true")
    parser.add_argument(
        "--atheris-share", type=float, default=0.3, help="share of the time for atheris"
    )
    parser.add_argument("--json", type=Path, default=None, help="write the counts here")
    parser.add_argument("--atheris-child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=int, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.atheris_child:
        return atheris_child(args.atheris_child, args.seconds)

    from tests.reliability.seeds import targets

    names = args.only or list(targets())
    deadline = time.monotonic() + args.minutes * 60
    report: dict[str, object] = {"minutes": args.minutes, "targets": names}
    failures: list[str] = []
    atheris_ok = _atheris_available()
    share = args.atheris_share if atheris_ok else 0.0
    if not args.no_pathological:  # a fixed amount of work: first, then share what is left
        report["pathological"] = run_pathological(names, failures)
    hypothesis_end = time.monotonic() + (1 - share) * max(0.0, deadline - time.monotonic())
    report["hypothesis"] = run_hypothesis(names, hypothesis_end, failures)
    if atheris_ok:
        remaining = max(10.0 * len(names), deadline - time.monotonic())
        report["atheris"] = run_atheris(names, remaining, failures)
    else:
        report["atheris"] = "not available: pip install atheris"
    report["failures"] = failures
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 1 if failures else 0


def _save(kind: str, files: list[tuple[str, bytes]], error: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"{kind}-", dir=_out()))
    for name, data in files:
        (folder / name).write_bytes(data)
    (folder / "error.txt").write_text(error)
    return folder


def _out() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def run_hypothesis(names: list[str], end: float, failures: list[str]) -> dict[str, int]:
    """Round robin over (target, kind) until ``end``; examples per target."""
    from tests.reliability.hypothesis_runs import pairs, run_kind
    from tests.reliability.seeds import targets
    from tests.reliability.strategies import Case

    counts: dict[str, int] = dict.fromkeys(names, 0)
    seen: set[tuple[str, str, str, str]] = set()
    all_pairs = pairs(*names)
    last: list[Case] = []  # the case being checked: the failing one when a check fails

    def remember(case: Case) -> None:
        last[:] = [case]

    turn = 0
    while time.monotonic() < end:
        target_name, kind = all_pairs[turn % len(all_pairs)]
        turn += 1
        target = targets()[target_name]
        counter = [0]
        last.clear()
        try:
            run_kind(target, kind, max_examples=CHUNK, derandomize=False, counter=counter,
                     before=remember)  # fmt: skip
        except Exception as err:
            # one report per distinct failure: the same bug found again is not news
            signature = (target_name, kind, type(err).__name__, _where(err))
            if signature not in seen:
                seen.add(signature)
                case = last[0] if last else None
                files = list(case.files) if case else []
                where = _save(f"{target_name}-{kind}", files, traceback.format_exc())
                failures.append(f"hypothesis {target_name} {kind}: {where}")
                print(f"FAILED {target_name} {kind}: saved in {where}", flush=True)
        counts[target_name] += counter[0]
    return counts


def _where(err: BaseException) -> str:
    """The file and line an exception was raised at."""
    frames = traceback.extract_tb(err.__traceback__)
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""


def run_pathological(names: list[str], failures: list[str]) -> dict[str, dict[str, object]]:
    """The whole pathological matrix at full size, each read in a subprocess."""
    from tests.reliability import pathological
    from tests.reliability.seeds import targets

    pathological.EMPTY_FILES = 5000
    pathological.DEPTH = 1_000_000
    results: dict[str, dict[str, object]] = {}
    for name in names:
        target = targets()[name]
        for case, build in pathological.CASES.get(target.form, {}).items():
            with tempfile.TemporaryDirectory(prefix="pathological-") as tmp:
                paths = build(target, Path(tmp))
                result = pathological.read_in_subprocess(target.reader, paths)
            summary: dict[str, object] = {
                k: result[k] for k in ("outcome", "seconds", "max_rss_mb") if k in result
            }
            results[f"{name} {case}"] = summary
            print(f"{name:18} {case:24} {summary}", flush=True)
            if result["outcome"] not in ("read", "refused"):
                failures.append(f"pathological {name} {case}: {result}")
    return results


def _atheris_available() -> bool:
    try:
        import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


def run_atheris(names: list[str], seconds: float, failures: list[str]) -> dict[str, object]:
    """Coverage-guided fuzzing, one child process per target, sharing ``seconds``."""
    each = max(10, int(seconds / len(names)))
    results: dict[str, object] = {}
    for name in names:
        run = subprocess.run(
            [sys.executable, __file__, "--minutes", "0", "--atheris-child", name,
             "--seconds", str(each)],
            capture_output=True, text=True, timeout=each + 300, cwd=_out(),
        )  # fmt: skip
        output = run.stdout + run.stderr
        done = re.findall(r"Done (\d+) runs in (\d+) second", output)
        runs = int(done[-1][0]) if done else None
        crashed = run.returncode != 0
        results[name] = {"runs": runs, "seconds": each, "crashed": crashed}
        print(f"atheris {name:18} runs={runs} crashed={crashed}", flush=True)
        if crashed:
            where = _save(f"atheris-{name}", [], output[-20000:])
            failures.append(f"atheris {name}: {where}")
    return results


def atheris_child(name: str, seconds: int) -> int:
    """Run libFuzzer on one target; an input is a seed's name (by its first byte) and bytes."""
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]

    with atheris.instrument_imports(include=["cypp"]):
        from cypp.errors import CyppError
        from cypp.returns.registry import readers

        read = readers()[_reader_of(name)]
    from tests.reliability.contract import assert_names_files
    from tests.reliability.seeds import targets

    seeds = targets()[name].seeds
    corpus = _out() / "corpus" / name  # kept: the next run starts from what this one found
    corpus.mkdir(parents=True, exist_ok=True)
    for i, seed in enumerate(seeds):
        (corpus / f"seed{i}").write_bytes(bytes([i]) + seed.data)
    work = Path(tempfile.mkdtemp(prefix="atheris-"))  # in /tmp: Fuzz() ends the process

    def one_input(data: bytes) -> None:
        seed = seeds[data[0] % len(seeds)] if data else seeds[0]
        path = work / seed.name
        path.write_bytes(data[1:])
        try:
            read([path])
        except CyppError as err:
            assert_names_files(err, [path])

    atheris.Setup(
        [sys.argv[0], f"-max_total_time={seconds}", "-timeout=30", "-rss_limit_mb=4096",
         f"-artifact_prefix={_out()}/atheris-{name}-", str(corpus)],
        one_input,
    )  # fmt: skip
    atheris.Fuzz()
    return 0


def _reader_of(name: str) -> str:
    from tests.reliability.seeds import targets

    return targets()[name].reader


if __name__ == "__main__":
    sys.exit(main())
