"""The report as a reader gets it: the HTML's sections, charts and words, and the PDF's pages
(A4, everything inside the margins, page numbers in the contents)."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cypp.report.content import BoardReport
from cypp.report.html import render_html, write_pdf
from tests.report.helpers import small_report

A4 = (595.28, 841.89)  # points
MARGIN_X = 16 / 25.4 * 72  # the stylesheet's 16 mm side margins, in points
FORBIDDEN = re.compile(r"\b(nan|NaN|None|null|undefined|inf)\b")


class Page(HTMLParser):
    """Collects the visible text, the ids, and each chart figure's parts."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.ids: set[str] = set()
        self.repeated_ids: list[str] = []
        self.figures: list[dict[str, str]] = []
        self._figure: dict[str, str] | None = None
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a and tag != "clippath":  # SVG's own clip paths are scoped to their svg
            if a["id"] in self.ids:
                self.repeated_ids.append(a["id"])
            self.ids.add(a["id"])
        if tag == "figure":
            self._figure = {"svg_label": "", "caption": "", "caption_id": "", "role": ""}
        if tag == "svg" and self._figure is not None and not self._figure["role"]:
            self._figure["svg_label"] = a.get("aria-labelledby", "")
            self._figure["role"] = a.get("role", "")
        if tag == "figcaption" and self._figure is not None:
            self._figure["caption_id"] = a.get("id", "")
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure" and self._figure is not None:
            self.figures.append(self._figure)
            self._figure = None
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        inside = set(self._in)
        if "style" in inside:
            return
        if self._figure is not None and "figcaption" in inside:
            self._figure["caption"] += data
        if "svg" not in inside:
            self.text.append(data)


@pytest.fixture(scope="module")
def report() -> BoardReport:
    return small_report()


@pytest.fixture(scope="module")
def html(report: BoardReport) -> str:
    return render_html(report)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    parsed = Page()
    parsed.feed(html)
    return parsed


@pytest.fixture(scope="module")
def pdf(report: BoardReport, html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_pdf(report, path, html=html)
    return path


def test_every_section_and_indicator_is_there(report: BoardReport, page: Page) -> None:
    expected = {"summary", "equity", "appendix-definitions", "appendix-lineage"}
    expected |= {f"priority-{p.priority.id}" for p in report.priorities}
    assert expected <= page.ids
    text = " ".join(page.text)
    for s in report.indicators:
        assert s.label in text
    assert "NI 75 (FSM gap)" in text
    assert "Illustrative targets." in text  # the demo plan's targets are invented
    assert "Not yet established" in text  # FSS, with what the plan says
    assert report.section("FSS").indicator.plan_says.split(".")[0] in text


def test_an_indicator_under_two_priorities_is_shown_once(page: Page) -> None:
    # NI 112 is measured under two priorities: one block, the other a cross-reference
    assert "ind-ni112" in page.ids
    assert not [i for i in page.repeated_ids if i.startswith("ind-")], page.repeated_ids
    assert "Shown in full under" in " ".join(page.text)


def test_no_missing_value_words_anywhere(html: str, page: Page) -> None:
    visible = " ".join(page.text)
    assert not FORBIDDEN.findall(visible)
    assert "NaN" not in html and ">None<" not in html


def test_every_chart_has_a_description(report: BoardReport, page: Page) -> None:
    drawn = [s for s in (*report.indicators, *report.equity) if s.established and s.series]
    assert len(page.figures) == len(drawn) + 2  # plus the two scorecard charts
    for figure in page.figures:
        # the chart is one image named by its caption, the text description
        assert figure["caption"].strip(), figure
        assert figure["role"] == "img"
        assert figure["svg_label"] and figure["svg_label"] == figure["caption_id"], figure


def test_figures_shown_by_unit_with_c_for_suppressed(page: Page) -> None:
    text = " ".join(page.text)
    assert "57.2%" in text and "55.9 to 58.5" in text
    assert "27.5 pp" in text
    # NI 101's 2010 row: the value is hidden
    assert re.search(r"2010-03-31\s*c\b", text)
    assert "Results rose after the maths programme." in text
    assert "No commentary yet." in text


def test_pdf_is_a4_with_everything_inside_the_margins(pdf: Path) -> None:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 10
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r'<page width="([\d.]+)" height="([\d.]+)"', bbox)
    assert len(sizes) == pages
    assert all(abs(float(w) - A4[0]) < 1 and abs(float(h) - A4[1]) < 1 for w, h in sizes)
    words = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        bbox,
    )
    assert words
    outside = [
        w
        for w in words
        if float(w[0]) < MARGIN_X - 2
        or float(w[2]) > A4[0] - MARGIN_X + 2
        or float(w[1]) < 0
        or float(w[3]) > A4[1]
    ]
    assert not outside, outside[:10]


def test_pdf_contents_have_page_numbers(pdf: Path) -> None:
    second = subprocess.run(
        ["pdftotext", "-layout", "-f", "2", "-l", "2", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Contents" in second
    assert re.search(r"Summary\s*\.+\s*\d+", second)
    first = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert re.search(r"Page 3 of \d+", first)


def test_pdf_pages_render(pdf: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    assert len(list(tmp_path.glob("p-*.png"))) == 2
