"""The SSDA903 return as the DfE's EXPSSDA903 XML, built without a loop over children.

Every element (a child's HEADER fields, each review, OC2 row, episode, ...) is made as a
string column with Arrow's element-wise joins; the pieces are then ordered by child and
section and their bytes written out in one go. Each row element sits on its own line, so the
reader's line numbers point somewhere useful. The OC3 and AD1 fields are written only for
children who have them, DUC only for unaccompanied asylum-seeking children. A child with rows
but no Header row (a planted defect) gets a HEADER holding only its CHILDID, as the XML cannot
hold a child's episodes without one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cypp.synth.days import dmy_text
from cypp.synth.output import Written

HEAD = "<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>\n"
TAIL = "</EXPSSDA903>\n"
#: (table, element, [(XML name, column)]) for the row elements under HEADER, in order.
ROWS = (
    ("Reviews", "AREVIEW", [("REVIEW", "REVIEW"), ("REVIEW_CODE", "REVIEW_CODE")]),
    ("Missing", "AMISSING", [("MISSING", "MISSING"), ("MIS_START", "MIS_START"),
                             ("MIS_END", "MIS_END")]),
    ("PrevPerm", "PERMANENCE", [("PREV_PERM", "PREV_PERM"), ("LA_PERM", "LA_PERM"),
                                ("DATE_PERM", "DATE_PERM")]),
    ("OC2", "OC2", [(c, c) for c in (
        "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
        "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED")]),
    ("PlacedAdoption", "AD_PLACED", [("DATE_PLACED", "DATE_PLACED"),
                                     ("DATE_PLACED_CEASED", "DATE_PLACED_CEASED"),
                                     ("REASON_PLACED_CEASED", "REASON_PLACED_CEASED")]),
)  # fmt: skip
EPISODE = [(c, c) for c in ("DECOM", "RNE", "LS", "CIN")] + [("PL", "PLACE")] + [
    (c, c) for c in ("PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST",
                     "PL_POST", "URN")
]  # fmt: skip
OC3 = ("IN_TOUCH", "ACTIV", "ACCOM")
AD1 = ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR")


def _text(column: Any) -> Any:
    if pa.types.is_date32(column.type):
        return dmy_text(column)
    return pc.cast(column, pa.string())


def _leaf(name: str, column: Any, *, keep_empty: bool = True) -> Any:
    """``<NAME>value</NAME>`` (``<NAME />`` when empty, or '' if not ``keep_empty``)."""
    joined = pc.binary_join_element_wise(f"<{name}>", _text(column), f"</{name}>", "")
    return pc.fill_null(joined, f"<{name} />" if keep_empty else "")


def _join(parts: list[Any]) -> Any:
    return pc.binary_join_element_wise(*parts, "")


def _by_child(table: Any, children: Any) -> Any:
    return pc.index_in(table["CHILD"], value_set=children)


def _children(tables: dict[str, Any]) -> Any:
    """Every child in any table, in CHILD order (a child missing from Header too)."""
    every = pa.chunked_array(
        [t["CHILD"].combine_chunks() for name, t in tables.items() if name != "SWEpisodes"]
    )
    unique = pc.unique(every.combine_chunks())
    return unique.take(pc.sort_indices(unique))


def write_xml(tables: dict[str, Any], path: Path, written: Written) -> Path:
    """Write the return's tables (all but SWEpisodes) as one EXPSSDA903 XML file."""
    children = _children(tables)
    n = len(children)
    header = tables["Header"]
    at = pc.index_in(children, value_set=header["CHILD"].combine_chunks())

    def own(column: str) -> Any:
        return pc.take(header[column].combine_chunks(), at)

    # A child missing from Header keeps a HEADER with only its CHILDID.
    fields = [_leaf("CHILDID", children), _leaf("UPN", own("UPN")), _leaf("SEX", own("SEX")),
              _leaf("DOB", own("DOB")), _leaf("ETHNIC", own("ETHNIC"))]  # fmt: skip
    uasc = tables["UASC"]
    uasc_at = pc.index_in(children, value_set=uasc["CHILD"].combine_chunks())
    flag = pc.if_else(pc.is_valid(uasc_at), "<UASC>1</UASC>", "<UASC />")
    duc = pc.take(uasc["DUC"].combine_chunks(), uasc_at)
    fields += [flag, _leaf("DUC", duc, keep_empty=False)]
    fields += [_leaf("MOTHER", own("MOTHER")), _leaf("MC_DOB", own("MC_DOB"))]
    for table_name, names in (("OC3", OC3), ("AD1", AD1)):
        table = tables[table_name]
        at = pc.index_in(children, value_set=table["CHILD"].combine_chunks())
        for name in names:
            fields.append(_leaf(name, pc.take(table[name].combine_chunks(), at), keep_empty=False))
    opening = _join(["<CHILD>\n<HEADER>", *fields, "\n"])
    pieces = [opening]
    keys = [(np.arange(n), np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64))]
    for position, (table_name, element, columns) in enumerate(ROWS, start=1):
        table = tables[table_name]
        pieces.append(_join([f"<{element}>", *(_leaf(x, table[c]) for x, c in columns),
                             f"</{element}>\n"]))  # fmt: skip
        keys.append(_keys(table, children, position))
    pieces.append(pa.array(["</HEADER>\n"] * n))
    keys.append((np.arange(n), np.full(n, 6), np.zeros(n, dtype=np.int64)))
    episodes = tables["Episodes"]
    pieces.append(_join(["<EPISODE>", *(_leaf(x, episodes[c]) for x, c in EPISODE),
                         "</EPISODE>\n"]))  # fmt: skip
    keys.append(_keys(episodes, children, 7))
    pieces.append(pa.array(["</CHILD>\n"] * n))
    keys.append((np.arange(n), np.full(n, 8), np.zeros(n, dtype=np.int64)))
    rank = np.concatenate([k[0] for k in keys])
    section = np.concatenate([k[1] for k in keys])
    seq = np.concatenate([k[2] for k in keys])
    every = pa.concat_arrays([p.combine_chunks() if isinstance(p, pa.ChunkedArray) else p
                              for p in pieces])  # fmt: skip
    ordered = every.take(pa.array(np.lexsort((seq, section, rank))))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.write(HEAD.encode("utf-8"))
        handle.write(_bytes(ordered))
        handle.write(TAIL.encode("utf-8"))
    written.add(path)
    return path


def _keys(table: Any, children: Any, section: int) -> tuple[Any, Any, Any]:
    rows = table.num_rows
    rank = np.asarray(_by_child(table, children).to_numpy(zero_copy_only=False), dtype=np.int64)
    return rank, np.full(rows, section), np.arange(rows)


def _bytes(strings: Any) -> memoryview:
    """The concatenated UTF-8 bytes of a string array."""
    strings = strings.cast(pa.large_string())
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int64)
    begin, end = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return memoryview(strings.buffers()[2])[begin:end]
