"""Make a chart's SVG safe to put inline in a page whose CSP allows no inline style or script.

vl-convert draws with presentation attributes, but a ``style`` attribute, a ``<style>`` or
``<script>`` element or an event handler would be blocked by the browser (and logged as an
error), so they are converted or removed here once, at publish time. The chart becomes one
image to assistive technology (``role="img"`` with a label); its text description and data
table beside it carry the detail.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # only to build and write; parsing is defusedxml's

import defusedxml.ElementTree as SafeET

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

_DROP = {f"{{{SVG}}}script", f"{{{SVG}}}style", f"{{{SVG}}}foreignObject"}


def inline_svg(svg: str, *, label: str) -> str:
    """``svg`` without scripts, styles or handlers, labelled as one image."""
    root = SafeET.fromstring(svg)
    _clean(root)
    for el in root.iter():
        if el is root:
            continue
        for name in [n for n in el.attrib if n == "role" or n.startswith("aria-")]:
            del el.attrib[name]
    root.set("role", "img")
    root.set("aria-label", label)
    root.set("focusable", "false")
    root.set("class", "cypp-chart__svg")
    return ET.tostring(root, encoding="unicode")


def _clean(el: ET.Element) -> None:
    for child in list(el):
        if child.tag in _DROP:
            el.remove(child)
        else:
            _clean(child)
    for name in list(el.attrib):
        value = el.attrib[name]
        external = name in ("href", f"{{{XLINK}}}href") and not value.startswith("#")
        if name.lower().startswith("on") or external:
            del el.attrib[name]
        elif name == "style":
            del el.attrib[name]
            for part in value.split(";"):
                prop, _, val = part.partition(":")
                prop, val = prop.strip(), val.strip()
                if prop and val and prop not in el.attrib:
                    el.set(prop, val)
