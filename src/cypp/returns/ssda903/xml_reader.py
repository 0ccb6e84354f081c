"""Reading the DfE's EXPSSDA903 XML into the same tables as the CSV form.

Layout (as the DfE's XML and the fake data have it)::

    EXPSSDA903/CHILD/HEADER/{CHILDID, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB, UASC, DUC,
                             IN_TOUCH, ACTIV, ACCOM, DATE_INT, ..., LS_ADOPTR}
    EXPSSDA903/CHILD/HEADER/{AREVIEW, AMISSING, OC2, PERMANENCE, AD_PLACED}/...
    EXPSSDA903/CHILD/EPISODE/{DECOM, RNE, LS, CIN, PL, ...}

CHILDID becomes CHILD and PL becomes PLACE. Child-level fields (CHILD, SEX, DOB) are repeated
into every table that carries them. UASC, OC3 and AD1 rows exist only for children with any
of their own fields. Parsing goes through defusedxml's SAX parser, which refuses entity
expansion and external references, and gives each element's line for ``_line``.
"""

from __future__ import annotations

import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field

import defusedxml
import defusedxml.sax

from cypp.problems import Problem
from cypp.returns.build import RawRecord, build_table
from cypp.returns.reader import FileContent, FileResult, ReturnKind
from cypp.returns.ssda903.tables import XML_TABLES

ROOT = "EXPSSDA903"
_RENAMES = {"CHILDID": "CHILD", "PL": "PLACE"}
#: Elements holding one row each, and the table the row belongs to.
_ROW_ELEMENTS = {
    "EPISODE": "Episodes",
    "AREVIEW": "Reviews",
    "AMISSING": "Missing",
    "OC2": "OC2",
    "PERMANENCE": "PrevPerm",
    "AD_PLACED": "PlacedAdoption",
}
#: Tables made from HEADER's own fields, and the fields that mean the child has such a row.
_HEADER_TABLES = {
    "Header": (),
    "UASC": ("DUC",),
    "OC3": ("IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": ("DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
}
_FIX = "export the return again from the case-management system as the DfE SSDA903 XML"


@dataclass
class _Element:
    tag: str
    line: int
    children: list[_Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    def leaves(self) -> dict[str, str | None]:
        """This element's childless children, by canonical name: the fields of one row."""
        return {
            _RENAMES.get(c.tag, c.tag): ("".join(c.text).strip() or None)
            for c in self.children
            if not c.children
        }

    def leaf_lines(self) -> dict[str, int]:
        """The line of each of those fields."""
        return {_RENAMES.get(c.tag, c.tag): c.line for c in self.children if not c.children}


class _TreeBuilder(xml.sax.handler.ContentHandler):
    """Builds a light element tree that remembers each element's line."""

    def __init__(self) -> None:
        super().__init__()
        self.root: _Element | None = None
        self._stack: list[_Element] = []
        self._locator: xml.sax.xmlreader.Locator | None = None

    def setDocumentLocator(self, locator: xml.sax.xmlreader.Locator) -> None:
        self._locator = locator

    def startElement(self, name: str, attrs: object) -> None:
        line = self._locator.getLineNumber() if self._locator is not None else 0
        element = _Element(name, line or 0)
        if self._stack:
            self._stack[-1].children.append(element)
        else:
            self.root = element
        self._stack.append(element)

    def endElement(self, name: str) -> None:
        self._stack.pop()

    def characters(self, content: str) -> None:
        if self._stack:
            self._stack[-1].text.append(content)


def read_xml_file(content: FileContent, kind: ReturnKind) -> FileResult:
    """Read one EXPSSDA903 XML file into the SSDA903 tables it carries."""
    tree = _parse(content)
    if isinstance(tree, Problem):
        return FileResult(problems=[tree])
    result = FileResult(encoding="xml")
    records: dict[str, list[RawRecord]] = {name: [] for name in XML_TABLES}
    for child in (c for c in tree.children if c.tag == "CHILD"):
        _child_rows(child, records)
    for name in XML_TABLES:
        table, problems = build_table(kind.spec(name), records[name], content.name, iso_dates=True)
        result.parts.append((name, table))
        result.problems.extend(problems)
    # A child-level value (DOB, say) is repeated into several tables, giving equal problems
    # (they name the element, not the table): report it once.
    result.problems = sorted(dict.fromkeys(result.problems), key=lambda p: p.line or 0)
    return result


def _child_rows(child: _Element, records: dict[str, list[RawRecord]]) -> None:
    header = next((e for e in child.children if e.tag == "HEADER"), None)
    fields = header.leaves() if header is not None else {}
    lines = header.leaf_lines() if header is not None else {}
    who = f"CHILD {fields.get('CHILD') or '(no CHILDID)'}"
    line = header.line if header is not None else child.line
    origins = dict.fromkeys(fields, f"{who}, HEADER")
    for table, own in _HEADER_TABLES.items():
        if table == "UASC":
            present = fields.get("UASC") == "1" or fields.get("DUC") is not None
        else:
            present = not own or any(fields.get(name) is not None for name in own)
        if present:
            records[table].append(RawRecord(line, fields, origins, lines))
    # Row elements sit under HEADER in the DfE layout (EPISODE under CHILD); accept either.
    containers = [child] + ([header] if header is not None else [])
    for container in containers:
        counts: dict[str, int] = {}
        for element in container.children:
            row_table = _ROW_ELEMENTS.get(element.tag)
            if row_table is None or not element.children:
                continue  # unknown elements are ignored, like extra CSV columns
            counts[element.tag] = counts.get(element.tag, 0) + 1
            own_values = element.leaves()
            where = f"{who}, {element.tag} {counts[element.tag]}"
            records[row_table].append(
                RawRecord(
                    element.line,
                    {**fields, **own_values},
                    {**origins, **dict.fromkeys(own_values, where)},
                    {**lines, **element.leaf_lines()},
                )
            )


def _parse(content: FileContent) -> _Element | Problem:
    builder = _TreeBuilder()
    try:
        # forbid_dtd: the DfE's XML has no DTD, and one can smuggle in what entities do
        defusedxml.sax.parseString(content.data, builder, forbid_dtd=True)
    except defusedxml.DefusedXmlException as err:
        return Problem(
            file=content.name,
            line=None,
            rule="xml-unsafe",
            found=f"the XML declares entities or external references, or has a DTD "
            f"(<!DOCTYPE>), which are refused for safety ({type(err).__name__})",
            expected="an SSDA903 XML file without a DTD, entity declarations or external "
            "references",
            fix=_FIX,
        )
    except xml.sax.SAXParseException as err:
        return Problem(
            file=content.name,
            line=err.getLineNumber(),
            rule="xml-syntax",
            found=f"not well-formed XML: {err.getMessage()} (column {err.getColumnNumber()})",
            expected="a well-formed XML file",
            fix=_FIX + "; if it was edited by hand, check the tags around this line",
        )
    except (LookupError, ValueError) as err:
        # expat refuses an unknown or multi-byte encoding in the declaration this way
        return Problem(
            file=content.name,
            line=1,
            rule="xml-syntax",
            found=f"the XML declaration names an encoding that cannot be read ({err})",
            expected="an XML file encoded as UTF-8, UTF-16 or a single-byte encoding",
            fix=_FIX,
        )
    root = builder.root
    if root is None or root.tag != ROOT:
        found = root.tag if root is not None else "(none)"
        return Problem(
            file=content.name,
            line=root.line if root is not None else None,
            rule="not-ssda903-xml",
            found=f"the XML's root element is {found}, so it is not an SSDA903 XML return",
            expected=f"the root element {ROOT} holding CHILD elements",
            fix=_FIX,
        )
    return root
