"""Identifiers as the real systems make them: UPNs with their check letter, CHILD numbers.

A UPN is a check letter and 12 digits: the LA number (3), the establishment number of the
school that allocated it (4), the year of allocation (2) and a serial (3). The check letter is
the DfE's: each digit times its position (2-13), summed, modulo 23, as a letter of
``ABCDEFGHJKLMNPQRTUVWXYZ``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.days import Ints

CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn_check(digits: Ints) -> np.ndarray:
    """The check letter of each 12-digit number."""
    total = np.zeros(digits.size, dtype=np.int64)
    rest = digits.copy()
    for position in range(13, 1, -1):  # the last digit sits at position 13
        total += (rest % 10) * position
        rest //= 10
    return np.array(list(CHECK_LETTERS))[total % 23]


def upns(la: int, estab: Ints, year: Ints, serial: Ints) -> Any:
    """UPNs (Arrow strings) from their parts."""
    digits = la * 10**9 + estab * 10**5 + (year % 100) * 10**3 + serial
    text = pc.utf8_lpad(pa.array(digits).cast(pa.string()), width=12, padding="0")
    return pc.binary_join_element_wise(pa.array(upn_check(digits)), text, "")


def serials(*keys: Ints) -> Ints:
    """0, 1, 2, ... within each group of equal keys (in the order given)."""
    n = keys[0].size
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(tuple(reversed(keys)))
    sorted_keys = [k[order] for k in keys]
    new = np.ones(n, dtype=bool)
    new[1:] = np.any([k[1:] != k[:-1] for k in sorted_keys], axis=0)
    group_start = np.maximum.accumulate(np.where(new, np.arange(n), 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n) - group_start
    return rank


def scrambled(index: Ints, *, low: int, high: int, step: int = 387_017) -> Ints:
    """Distinct numbers in [low, high) for distinct indexes, spread so neighbours differ
    (``step`` must share no factor with ``high - low``)."""
    span = high - low
    result: Ints = low + (index * step + 104_729) % span
    return result
