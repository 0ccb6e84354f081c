"""docs/returns.md documents every canonical table, column by column, as the specs define it."""

from __future__ import annotations

import re
from pathlib import Path

from cypp.returns.catalogue import returns

DOC = Path(__file__).resolve().parents[2] / "docs" / "returns.md"
TYPES = {"string": "string", "date32[day]": "date32", "int32": "int32", "bool": "bool"}


def test_every_table_and_column_is_documented_with_its_type() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r"#### `(\w+)`\n(.*?)(?=\n#### |\n## |\Z)", text, re.S))
    for kind in returns():
        for spec in kind.specs:
            assert spec.name in sections, spec.name
            rows = re.findall(r"^\| `(\w+)` \| (\w+) \| (yes|no) \|", sections[spec.name], re.M)
            expected = [
                (c.name, TYPES.get(str(c.type), "float64"), "yes" if c.required else "no")
                for c in spec.columns
            ]
            assert rows == expected, spec.name


# Hyphenated string literals in the reader sources that are not rule names.
NOT_RULES = {"utf-8", "utf-16", "latin-1", "pre-16", "re-engagement"}


def test_every_rule_a_reader_can_report_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    source = Path(__file__).resolve().parents[2] / "src" / "cypp" / "returns"
    rules: set[str] = set()
    for path in source.rglob("*.py"):
        if "rules" in path.parts:
            continue  # the SSDA903 business rules are documented with them
        code = path.read_text(encoding="utf-8")
        rules |= set(re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', code)) - NOT_RULES
    assert rules >= {"date-format", "boolean-format", "not-text", "weight-positive"}
    for rule in sorted(rules):
        assert f"`{rule}`" in text, rule
