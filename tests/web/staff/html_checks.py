"""Structural accessibility checks on a rendered page (axe-core runs in the browser tests):
labels for every field, headings in order, table headers with scope, no inline style or
script (the CSP forbids them), error summary links that lead to a field."""

from __future__ import annotations

from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str] = []
        self.labels: set[str] = set()
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.th_without_scope = 0
        self.inline: list[str] = []
        self.summary_links: list[str] = []
        self._in_summary = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if "style" in a:
            self.inline.append(f"style on <{tag}>")
        if tag == "script" and "src" not in a:
            self.inline.append("inline <script>")
        if tag in ("input", "select", "textarea") and a.get("type") not in (
            "hidden",
            "submit",
            "button",
        ):
            self.fields.append(str(a.get("id") or f"<{tag} name={a.get('name')} without id>"))
        if tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "th" and "scope" not in a:
            self.th_without_scope += 1
        if tag == "div" and "govuk-error-summary" in (a.get("class") or "").split():
            self._in_summary += 1
        href = str(a.get("href") or "")
        if tag == "a" and self._in_summary and href.startswith("#"):
            self.summary_links.append(href[1:])


def problems(html: str) -> list[str]:
    """Every structural accessibility problem found in ``html``; empty when there are none."""
    page = _Page()
    page.feed(html)
    found = [f"field {f!r} has no <label for>" for f in page.fields if f not in page.labels]
    if page.headings[:1] != [1]:
        found.append(f"the first heading is not h1: {page.headings[:3]}")
    if page.headings.count(1) != 1:
        found.append(f"{page.headings.count(1)} h1 headings")
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        if after > before + 1:
            found.append(f"heading h{after} follows h{before}")
    if page.th_without_scope:
        found.append(f"{page.th_without_scope} <th> without scope")
    found += page.inline
    found += [
        f"error summary links to missing #{i}" for i in page.summary_links if i not in page.ids
    ]
    return found
