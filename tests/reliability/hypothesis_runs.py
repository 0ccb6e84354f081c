"""Running every kind of hostile file against a target, bounded for CI or long for fuzzing."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta

from hypothesis import HealthCheck, given, note, settings

from tests.reliability.contract import check_case
from tests.reliability.seeds import Target
from tests.reliability.strategies import KINDS, Case

#: Examples per (target, kind) in the test suite; ``HOSTILE_EXAMPLES`` raises it.
CI_EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "30"))
#: A single read slower than this fails (readers take milliseconds on these small files).
DEADLINE = timedelta(seconds=5)


def run_kind(
    target: Target,
    kind: str,
    *,
    max_examples: int = CI_EXAMPLES,
    derandomize: bool = True,
    counter: list[int] | None = None,
    before: Callable[[Case], None] | None = None,
) -> None:
    """Draw ``max_examples`` cases of ``kind`` for ``target`` and check each one
    (``counter[0]`` counts them; ``before`` sees each case first, to keep a failing one)."""
    strategy = KINDS[target.form][kind](target)

    @settings(
        max_examples=max_examples,
        deadline=DEADLINE,
        derandomize=derandomize,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def one(case: Case) -> None:
        if counter is not None:
            counter[0] += 1
        if before is not None:
            before(case)
        note(describe(case))  # pytest shows hypothesis's own repr of a case empty here
        check_case(target, case)

    one()


def describe(case: Case, limit: int = 300) -> str:
    """The case's files (name, size, first bytes) and expectations, for a failure report."""
    parts = [f"{name} ({len(data)} bytes): {data[:limit]!r}" for name, data in case.files]
    if case.formula is not None:
        parts.append(f"formula in {case.formula[0]}: {case.formula[1][:3]!r}")
    if case.refused_with is not None:
        parts.append(f"must be refused with {case.refused_with}")
    if case.same_as is not None:
        parts.append(f"must read as {case.same_as.name} does")
    return "\n".join(parts)


def pairs(*target_names: str) -> list[tuple[str, str]]:
    """Every (target, kind) of the named targets, for ``pytest.mark.parametrize``."""
    from tests.reliability.seeds import targets

    return [(name, kind) for name in target_names for kind in KINDS[targets()[name].form]]
