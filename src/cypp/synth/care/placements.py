"""Placements: their type (PLACE), provider (PLACE_PROVIDER), Ofsted URN and postcode.

Types follow England's mix by age around 2010: three in four children in foster care (U1-U6),
older children in children's homes (K2) and semi-independent living (H5), some placed with
parents (P1, often just before going home), and adoptive placements (A3-A6) at the end of the
adoption path. Providers respect the DfE's pairings (rules 527-531: no parent provider outside
P1, no NHS or other public provider for foster, adoptive or children's home placements).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cypp.synth.days import Ints, Mask
from cypp.synth.rng import draw

#: PLACE by age at the placement's start: under 5, 5-10, 11-15, 16-17.
BY_AGE = (
    {"U5": 0.47, "U4": 0.2, "U1": 0.06, "U2": 0.09, "U3": 0.02, "P1": 0.05, "R3": 0.03,
     "U6": 0.01},
    {"U5": 0.42, "U4": 0.3, "U1": 0.06, "U2": 0.06, "K2": 0.05, "P1": 0.05, "S1": 0.02,
     "R1": 0.01},
    {"U5": 0.3, "U4": 0.28, "U1": 0.05, "U2": 0.05, "K2": 0.17, "P1": 0.04, "S1": 0.03,
     "R1": 0.02, "K1": 0.01, "R5": 0.01, "Z1": 0.01, "H5": 0.02, "R2": 0.01},
    {"U5": 0.2, "U4": 0.2, "U1": 0.04, "U2": 0.04, "K2": 0.16, "H5": 0.2, "P2": 0.05,
     "P1": 0.04, "R5": 0.02, "K1": 0.01, "Z1": 0.02, "P3": 0.01, "R2": 0.01},
)  # fmt: skip
#: PLACE_PROVIDER by PLACE (blank for temporary placements and Z1, as rule 178 asks).
PROVIDERS = {
    "U1": {"PR1": 0.9, "PR2": 0.05, "PR4": 0.05},
    "U2": {"PR1": 0.9, "PR2": 0.05, "PR4": 0.05},
    "U3": {"PR1": 0.8, "PR5": 0.2},
    "U4": {"PR1": 0.6, "PR4": 0.33, "PR5": 0.05, "PR2": 0.02},
    "U5": {"PR1": 0.6, "PR4": 0.33, "PR5": 0.05, "PR2": 0.02},
    "U6": {"PR1": 0.6, "PR4": 0.3, "PR5": 0.1},
    "K1": {"PR1": 0.3, "PR2": 0.5, "PR4": 0.2},
    "K2": {"PR1": 0.35, "PR4": 0.55, "PR5": 0.08, "PR2": 0.02},
    "R1": {"PR4": 0.6, "PR5": 0.3, "PR1": 0.1},
    "R2": {"PR3": 1.0},
    "R3": {"PR1": 0.5, "PR5": 0.5},
    "R5": {"PR3": 0.7, "PR4": 0.3},
    "H5": {"PR1": 0.4, "PR4": 0.4, "PR5": 0.2},
    "S1": {"PR1": 0.3, "PR2": 0.2, "PR4": 0.3, "PR5": 0.2},
    "P1": {"PR0": 1.0},
    "P2": {"PR1": 0.5, "PR4": 0.3, "PR5": 0.2},
    "P3": {"PR4": 1.0},
    "A3": {"PR1": 0.7, "PR2": 0.1, "PR5": 0.2},
    "A4": {"PR1": 0.7, "PR2": 0.1, "PR5": 0.2},
    "A5": {"PR1": 0.7, "PR2": 0.1, "PR5": 0.2},
    "A6": {"PR1": 0.7, "PR2": 0.1, "PR5": 0.2},
}
TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
#: Placements registered with Ofsted, whose URN the return carries.
REGISTERED = frozenset({"K1", "K2", "R1", "S1", "U4", "U5", "U6", "A3", "A4", "A5", "A6"})
#: After a move with the same carer, the placement's new type (e.g. foster care becoming
#: long-term with the same carers).
SAME_CARER = {"U5": "U4", "U2": "U1", "U6": "U4", "U3": "U1"}
OUT_OF_AREA = {"K2": 0.5, "K1": 0.8, "S1": 0.6, "R1": 0.5, "R5": 0.9, "R2": 0.4}
REASONS = {
    "CARPL": 0.2, "LAREQ": 0.18, "CHILD": 0.12, "APPRR": 0.12, "CREQB": 0.06, "CREQO": 0.05,
    "STAND": 0.05, "CLOSE": 0.03, "ALLEG": 0.04, "PLACE": 0.05, "CUSTOD": 0.02, "OTHER": 0.08,
}  # fmt: skip


@dataclass(frozen=True)
class Placements:
    """Placement instances: what each is and where (indexes into the geography's codes)."""

    place: np.ndarray
    provider: np.ndarray
    urn: np.ndarray
    away: Mask  # out of the council's area
    outward: Ints  # index into the council's outward codes, or into ``elsewhere`` if away
    inward: Ints


def place_by_age(rng: np.random.Generator, age: np.ndarray) -> np.ndarray:
    """A placement type for each age (in years) at the placement's start."""
    band = np.digitize(age, [5.0, 11.0, 16.0])
    out = np.empty(age.size, dtype="<U2")
    for b, weights in enumerate(BY_AGE):
        where = np.flatnonzero(band == b)
        out[where] = draw(rng, weights, where.size)
    return out


def providers(rng: np.random.Generator, place: np.ndarray) -> np.ndarray:
    """A provider for each placement type (blank where none is returned)."""
    out = np.full(place.size, "", dtype="<U3")
    for code, weights in PROVIDERS.items():
        where = np.flatnonzero(place == code)
        if where.size:
            out[where] = draw(rng, weights, where.size)
    return out


def urns(rng: np.random.Generator, place: np.ndarray, provider: np.ndarray) -> np.ndarray:
    """Ofsted URNs (``SC`` and six digits) of registered placements: the council's own
    fostering and adoption services, a pool of agencies, and a pool of homes."""
    registered = np.isin(place, list(REGISTERED))
    own = rng.integers(100000, 999999)
    agencies = rng.integers(100000, 999999, 25)
    homes = rng.integers(100000, 999999, 60)
    fostering = np.char.startswith(place, "U") | np.char.startswith(place, "A")
    number = np.where(
        fostering & (provider == "PR1"),
        own,
        np.where(
            fostering,
            agencies[rng.integers(0, 25, place.size)],
            homes[rng.integers(0, 60, place.size)],
        ),
    )
    text = np.char.add("SC", number.astype("<U6"))
    return np.where(registered, text, "")
