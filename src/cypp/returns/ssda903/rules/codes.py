"""DfE SSDA903 code lists, 2024/25 specification, as the DfE validator checks them.

One place for every list, so a new collection year's changes are made here and nowhere else.
"""

from __future__ import annotations

import datetime as dt

# Header
SEX = frozenset({"M", "F", "U"})  # 2024/25: the child's reported sex (was 1/2 before)
SEX_UNTIL_2023 = frozenset({"1", "2"})  # 1 male, 2 female: returns for years to 31 March 2023
SEX_CODES_CHANGED = dt.date(2023, 3, 31)  # last year-end of the 1/2 codes
ETHNIC = frozenset(
    {
        "WBRI", "WIRI", "WOTH", "WIRT", "WROM",
        "MWBC", "MWBA", "MWAS", "MOTH",
        "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH",
        "CHNE", "OOTH", "REFU", "NOBT",
    }
)  # fmt: skip

# Episodes
RNE = frozenset({"S", "P", "L", "T", "U", "B"})
RNE_CONTINUING = frozenset({"P", "L", "T", "U", "B"})  # every RNE but S (started care)
LS = frozenset({"C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"})
LS_RESPITE = frozenset({"V3", "V4"})
CIN = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"})
PLACE = frozenset(
    {
        "A3", "A4", "A5", "A6", "H5", "K1", "K2", "K3",
        "P1", "P2", "P3", "R1", "R2", "R3", "R5", "S1",
        "T0", "T1", "T2", "T3", "T4",
        "U1", "U2", "U3", "U4", "U5", "U6", "Z1",
    }
)  # fmt: skip
PLACE_ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
PLACE_WITHOUT_PROVIDER = frozenset({"T0", "T1", "T2", "T3", "T4", "Z1"})
PLACE_PROVIDER = frozenset({"PR0", "PR1", "PR2", "PR3", "PR4", "PR5"})
REC_NEW_EPISODE = "X1"  # episode ceased and a new one began the same day
REC_LEFT_CARE = frozenset(
    {
        "E2", "E3", "E4A", "E4B", "E5", "E6", "E7", "E8", "E9", "E11",
        "E12", "E13", "E14", "E15", "E16", "E17", "E41", "E45", "E46", "E47", "E48",
    }
)  # fmt: skip
REC = REC_LEFT_CARE | {REC_NEW_EPISODE}
REASON_PLACE_CHANGE = frozenset(
    {
        "CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
        "CREQO", "CHILD", "LAREQ", "PLACE", "CUSTOD", "OTHER",
    }
)  # fmt: skip

# Placement provider codes that cannot provide some placement types (rules 527-531)
PLACE_NOT_WITH_PROVIDER = {
    "527": ("PR1", frozenset({"P1", "R2", "R5"})),
    "528": ("PR2", frozenset({"P1", "R2", "R5"})),
    "529": (
        "PR3",
        frozenset({"P1", "A3", "A4", "A5", "A6", "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6"}),
    ),
    "530": ("PR4", frozenset({"P1"})),
    "531": ("PR5", frozenset({"P1"})),
}

# Reviews
REVIEW_CODE = frozenset({"PN0", "PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"})

# OC2
SDQ_REASON = frozenset({"SDQ1", "SDQ2", "SDQ3", "SDQ4", "SDQ5"})
SDQ_SCORE_MAX = 40

# OC3 (care leavers)
IN_TOUCH = frozenset({"YES", "NO", "DIED", "REFU", "NREQ", "RHOM"})
ACTIV = frozenset({"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5", "G4", "G5", "G6", "0"})
ACCOM = frozenset(
    {
        "B1", "B2", "C1", "C2", "D1", "D2", "E1", "E2", "G1", "G2", "H1", "H2",
        "K1", "K2", "R1", "R2", "S2", "T1", "T2", "U1", "U2", "V1", "V2", "W1", "W2",
        "X2", "Y1", "Y2", "Z1", "Z2", "0",
    }
)  # fmt: skip

# AD1 (adoptions)
FOSTER_CARE = frozenset({"0", "1"})
NB_ADOPTR = frozenset({"1", "2"})
SEX_ADOPTR = frozenset({"M1", "F1", "MM", "FF", "MF"})
SEX_ADOPTR_SINGLE = frozenset({"M1", "F1"})
LS_ADOPTR = frozenset({"L0", "L11", "L12", "L2", "L3", "L4"})

# PlacedAdoption
REASON_PLACED_CEASED = frozenset({"RD1", "RD2", "RD3", "RD4"})

# Missing
MISSING = frozenset({"M", "A"})

# PrevPerm
PREV_PERM = frozenset({"P1", "P2", "P3", "P4", "Z1"})

# SWEpisodes
SW_ID_PREFIXES = ("SW", "XX")


def listed(codes: frozenset[str]) -> str:
    """A code list as it reads in an ``expected`` text."""
    return ", ".join(sorted(codes))
