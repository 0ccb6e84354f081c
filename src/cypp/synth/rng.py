"""Independent, reproducible random streams: one per seed, council and purpose.

Each part of the generator draws from its own stream, named by purpose, so changing how one
return is generated never shifts the numbers of another, and a council of the nation gets
the same numbers whichever councils are generated with it.
"""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, council: int, purpose: str) -> np.random.Generator:
    """The generator for ``purpose`` in council number ``council`` (its LA number)."""
    tag = zlib.crc32(purpose.encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence([seed, council, tag]))


def draw(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    """``n`` codes drawn with the given weights."""
    names = np.array(list(weights), dtype="<U6")
    p = np.array(list(weights.values()))
    return names[rng.choice(names.size, n, p=p / p.sum())]


def dealt(rng: np.random.Generator, weights: dict[str, float], n: int) -> np.ndarray:
    """``n`` codes in the weights' proportions, as near exactly as whole rows allow (largest
    remainders), in random order: for small cohorts whose share should not swing by chance."""
    names = np.array(list(weights), dtype="<U6")
    p = np.array(list(weights.values()))
    quota = p / p.sum() * n
    counts = np.floor(quota).astype(np.int64)
    short = n - int(counts.sum())
    counts[np.argsort(-(quota - counts), kind="stable")[:short]] += 1
    return rng.permutation(np.repeat(names, counts))
