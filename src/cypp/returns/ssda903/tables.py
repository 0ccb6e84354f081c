"""The SSDA903 (children looked after) tables, with the DfE's own column names.

Types are a contract with the SSDA903 rules: date columns are ``date32``, SDQ_SCORE is
``int32``, every other column is text exactly as submitted (codes such as SEX "1" and
identifiers such as CHILD "566910" stay strings). No code lists here: the DfE validation
rules check codes per collection year, and duplicating them would report each twice.
Columns the DfE added in later years (URN, REASON_PLACE_CHANGE, ...) are optional, so older
returns still read; absent optional columns are null.
"""

from __future__ import annotations

from cypp.returns.spec import TableSpec, date, integer, text

_CHILD = text("CHILD", "the LA's child identifier")
_DOB = date("DOB", "date of birth")

HEADER = TableSpec(
    "Header",
    "One row per child: sex, date of birth, ethnicity, UPN, and whether a mother.",
    (
        _CHILD,
        text("SEX", "1 male, 2 female"),
        _DOB,
        text("ETHNIC", "DfE ethnicity code"),
        text("UPN", "unique pupil number", required=False),
        text("MOTHER", "1 if the child is a mother", required=False),
        date("MC_DOB", "date of birth of the mother's child", required=False),
    ),
)

EPISODES = TableSpec(
    "Episodes",
    "One row per episode of care: legal status, placement, dates and reasons.",
    (
        _CHILD,
        date("DECOM", "date the episode commenced"),
        text("RNE", "reason for new episode"),
        text("LS", "legal status"),
        text("CIN", "category of need"),
        text("PLACE", "placement type (PL in the XML)"),
        text("PLACE_PROVIDER", "placement provider", required=False),
        date("DEC", "date the episode ceased"),
        text("REC", "reason the episode ceased"),
        text("REASON_PLACE_CHANGE", "reason for placement change", required=False),
        text("HOME_POST", "home postcode", required=False),
        text("PL_POST", "placement postcode", required=False),
        text("URN", "Ofsted URN of the placement", required=False),
    ),
)

UASC = TableSpec(
    "UASC",
    "Children who were unaccompanied asylum-seeking children, with the date UASC ceased.",
    (_CHILD, text("SEX"), _DOB, date("DUC", "date UASC status ceased")),
)

OC2 = TableSpec(
    "OC2",
    "Outcomes for children looked after 12 months or more: health, offending, substance misuse.",
    (
        _CHILD,
        _DOB,
        integer("SDQ_SCORE", "strengths and difficulties questionnaire score"),
        text("SDQ_REASON", "reason no SDQ score"),
        text("CONVICTED"),
        text("HEALTH_CHECK"),
        text("IMMUNISATIONS"),
        text("TEETH_CHECK"),
        text("HEALTH_ASSESSMENT"),
        text("SUBSTANCE_MISUSE"),
        text("INTERVENTION_RECEIVED", required=False),
        text("INTERVENTION_OFFERED", required=False),
    ),
)

OC3 = TableSpec(
    "OC3",
    "Care leavers: in touch, activity and accommodation around their birthday.",
    (_CHILD, _DOB, text("IN_TOUCH"), text("ACTIV"), text("ACCOM")),
)

AD1 = TableSpec(
    "AD1",
    "Adoptions: dates of decision and match, and the adopters.",
    (
        _CHILD,
        _DOB,
        date("DATE_INT", "date of the decision that the child should be placed for adoption"),
        date("DATE_MATCH", "date matched with adopters"),
        text("FOSTER_CARE", "adopted by foster carers"),
        text("NB_ADOPTR", "number of adopters"),
        text("SEX_ADOPTR", "sex of adopters"),
        text("LS_ADOPTR", "legal status of adopters"),
    ),
)

REVIEWS = TableSpec(
    "Reviews",
    "Looked-after reviews and how the child participated.",
    (_CHILD, _DOB, date("REVIEW", "date of review"), text("REVIEW_CODE", "participation code")),
)

MISSING = TableSpec(
    "Missing",
    "Episodes of being missing or away from placement without authorisation.",
    (
        _CHILD,
        _DOB,
        text("MISSING", "M missing, A away without authorisation"),
        date("MIS_START"),
        date("MIS_END"),
    ),
)

PLACED_ADOPTION = TableSpec(
    "PlacedAdoption",
    "Decisions that the child should be placed for adoption, and when they ceased.",
    (
        _CHILD,
        _DOB,
        date("DATE_PLACED"),
        date("DATE_PLACED_CEASED"),
        text("REASON_PLACED_CEASED"),
    ),
)

PREV_PERM = TableSpec(
    "PrevPerm",
    "Previous permanence (adoption, special guardianship, residence) before care.",
    (
        _CHILD,
        _DOB,
        text("PREV_PERM"),
        text("LA_PERM", required=False),
        date("DATE_PERM", required=False),
    ),
)

SW_EPISODES = TableSpec(
    "SWEpisodes",
    "Social worker episodes (from 2023/24): social worker and dates.",
    (
        _CHILD,
        _DOB,
        text("SW_ID", "social worker identifier"),
        date("SW_DECOM"),
        date("SW_DEC"),
        text("SW_REASON"),
    ),
)

DOLO = TableSpec(
    "DoLo",
    "Deprivation of liberty orders (from 2024/25).",
    (_CHILD, _DOB, date("DOLO_START"), date("DOLO_END")),
)

SSDA903_TABLES: tuple[TableSpec, ...] = (
    HEADER,
    EPISODES,
    UASC,
    OC2,
    OC3,
    AD1,
    REVIEWS,
    MISSING,
    PLACED_ADOPTION,
    PREV_PERM,
    SW_EPISODES,
    DOLO,
)

#: The tables the DfE's EXPSSDA903 XML layout carries (no social worker or DoLo elements).
XML_TABLES = tuple(t.name for t in SSDA903_TABLES if t.name not in ("SWEpisodes", "DoLo"))
