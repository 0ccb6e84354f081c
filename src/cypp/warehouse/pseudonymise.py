"""Pseudonymisation at load: identifiers become keyed hashes, postcodes their district.

A child's identifiers (SSDA903 CHILD, UPN, NCCIS person id, survey respondent) are replaced by
HMAC-SHA256 under the council's secret key, so the same child links across returns while the
raw identifier never reaches disk; without the key a pseudonym cannot be reversed or
recomputed. CHILD numbers are only unique within a council, so they are hashed with the area;
UPNs are national. Names are dropped. Postcodes are cut to their district (outward code).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Collection, Iterable

import pyarrow as pa
import pyarrow.compute as pc

from cypp.errors import WarehouseError

#: Columns holding a national identifier (hashed as-is, upper-cased).
NATIONAL_IDS = frozenset({"UPN"})
#: Columns holding an identifier local to a council or a collection (hashed with the area).
LOCAL_IDS = frozenset({"CHILD", "CCISID", "RespondentID"})
#: Columns holding a full postcode.
POSTCODES = frozenset({"HOME_POST", "PL_POST", "Postcode"})
#: Name columns are never stored.
_NAME = re.compile(r"(fore|sur|first|last|middle|legal|preferred)_?name|^name$", re.IGNORECASE)

TOKEN_HEX = 24  # 96 bits: no collisions among millions of children


def is_name_column(column: str) -> bool:
    return bool(_NAME.search(column))


def identifier_columns(columns: Iterable[str]) -> list[str]:
    return [c for c in columns if c in NATIONAL_IDS or c in LOCAL_IDS]


class Pseudonymiser:
    """Keyed hashing of identifiers; one instance per load, holding the key in memory only."""

    def __init__(self, key: str) -> None:
        if len(key) < 16:
            raise WarehouseError(
                "the pseudonym key is missing or shorter than 16 characters; set the setting "
                "'pseudonym_key' (env CYPP_PSEUDONYM_KEY) to a long random secret, e.g. the "
                "output of `python -c 'import secrets; print(secrets.token_hex(32))'`, and keep "
                "it: the same key must be used for every load so children link across returns"
            )
        self._key = key.encode("utf-8")
        # The keyed state, made once: copying it is cheaper than keying a new HMAC per value.
        self._keyed = hmac.new(self._key, digestmod=hashlib.sha256)
        # Values already hashed in this load, per namespace, as Arrow (value, token) arrays:
        # a pupil is in the census and attendance of each year, and in several years.
        self._seen: dict[str, tuple[pa.Array, pa.Array]] = {}

    def token(self, namespace: str, value: str) -> str:
        digest = self._keyed.copy()
        digest.update(f"{namespace}:{value}".encode())
        return digest.hexdigest()[:TOKEN_HEX]

    def _hash_array(self, values: pa.Array, namespace: str) -> pa.Array:
        # Hash each distinct value once: a nation's pupils repeat across tables and terms.
        encoded = pc.dictionary_encode(values)
        hashed = self._tokens(encoded.dictionary, namespace)
        return pa.DictionaryArray.from_arrays(encoded.indices, hashed).cast(pa.string())

    def _tokens(self, distinct: pa.Array, namespace: str) -> pa.Array:
        """The token of each (distinct, non-null) value, hashing only those not seen before."""
        seen_values, seen_tokens = self._seen.get(
            namespace, (pa.array([], pa.string()), pa.array([], pa.string()))
        )
        where = pc.index_in(distinct, value_set=seen_values)
        new = distinct.filter(pc.is_null(where))
        made = pa.array([self.token(namespace, v) for v in new.to_pylist()], pa.string())
        self._seen[namespace] = (
            pa.concat_arrays([seen_values, new]),
            pa.concat_arrays([seen_tokens, made]),
        )
        if len(made) == len(distinct):
            return made
        # a seen value takes its token; the new ones were appended after the seen, in order
        appended = pc.add(pc.cumulative_sum(pc.cast(pc.is_null(where), pa.int32())), -1)
        position = pc.coalesce(where, pc.add(appended, len(seen_values)))
        return self._seen[namespace][1].take(position)

    def table(self, table: pa.Table) -> pa.Table:
        """The table with identifiers hashed, names dropped and postcodes cut to district.

        Local identifiers are hashed together with the row's ``_area``: CHILD 1234 of one
        council is a different child from CHILD 1234 of another.
        """
        for name in list(table.column_names):
            if is_name_column(name):
                table = table.drop_columns([name])
        for i, name in enumerate(table.column_names):
            if name in NATIONAL_IDS or name in LOCAL_IDS:
                table = table.set_column(i, name, self._hash_array(_keyed(table, name), name))
            elif name in POSTCODES:
                table = table.set_column(i, name, postcode_district(table.column(i)))
        return table

    def raw_to_token(self, table: pa.Table, only: Collection[str] | None = None) -> dict[str, str]:
        """Each raw identifier in ``table`` with its pseudonym (to clean finding texts);
        ``only``: just these raw values (the words of the findings), so that a nation's
        millions of rows are not hashed one by one to clean a few messages."""
        mapping: dict[str, str] = {}
        for name in identifier_columns(table.column_names):
            rows = table
            if only is not None:
                wanted = pa.array(sorted(only), pa.string())
                rows = table.filter(pc.is_in(table.column(name), value_set=wanted))
            pairs = zip(rows.column(name).to_pylist(), _keyed(rows, name).to_pylist(), strict=True)
            mapping.update((raw, self.token(name, keyed)) for raw, keyed in pairs if raw and keyed)
        return mapping


def _keyed(table: pa.Table, name: str) -> pa.Array:
    """What is hashed for an identifier column: the value trimmed, and upper-cased when it
    is national (UPN), or prefixed with the row's area when it is local (CHILD)."""
    values = pc.utf8_trim_whitespace(table.column(name).combine_chunks())
    if name in NATIONAL_IDS:
        return pc.utf8_upper(values)
    return pc.binary_join_element_wise(table.column("_area").combine_chunks(), values, "|")


def postcode_district(column: pa.ChunkedArray) -> pa.Array:
    """The outward code of each postcode ("LE12 7AB" → "LE12"); null where not a postcode."""
    compact = pc.utf8_upper(pc.replace_substring(column.combine_chunks(), " ", ""))
    outward = pc.extract_regex(compact, r"^(?P<d>[A-Z]{1,2}[0-9][A-Z0-9]?)[0-9][A-Z]{2}$")
    return pc.struct_field(outward, "d")
