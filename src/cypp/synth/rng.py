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
