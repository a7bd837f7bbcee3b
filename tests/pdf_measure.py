"""Measure a PDF as a reader gets it: each word's box on its page, each line's words, each page's text.

Poppler's pdftotext does the reading (`-bbox-layout` for boxes, plain mode for text in reading order, right-to-left
scripts included), so a test asks what a PDF viewer would show, not what the renderer meant to draw. Any test of
a leaflet, a brochure or another document kind can use these.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pypdf

_NS = "{http://www.w3.org/1999/xhtml}"
# Embedding and isolate controls pdftotext writes around right-to-left runs; they are not on the page.
_BIDI_CONTROLS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MM = 72 / 25.4


@dataclass(frozen=True)
class Word:
    """One word as drawn, in points from the page's top-left corner. `text` is in drawing order: a right-to-left
    word reads backwards here (use `page_texts` for text in reading order)."""

    page: int  # from 1
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    """One line of words as pdftotext groups them, left to right as drawn, and the block (paragraph, list item,
    margin box) pdftotext found it in, numbered through the whole PDF."""

    page: int
    block: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def y0(self) -> float:
        return min(word.y0 for word in self.words)

    @property
    def y1(self) -> float:
        return max(word.y1 for word in self.words)


@dataclass(frozen=True)
class _Layout:
    sizes: tuple[tuple[float, float], ...]  # (width, height) of each page
    lines: tuple[Line, ...]


@cache
def _layout(pdf: Path) -> _Layout:
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = ET.fromstring(xhtml)
    sizes: list[tuple[float, float]] = []
    lines: list[Line] = []
    blocks = 0
    for number, page in enumerate(root.iter(f"{_NS}page"), start=1):
        sizes.append((float(page.attrib["width"]), float(page.attrib["height"])))
        for block in page.iter(f"{_NS}block"):
            blocks += 1
            for line in block.iter(f"{_NS}line"):
                words = tuple(
                    Word(number, word.text or "", *(float(word.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))
                    for word in line.iter(f"{_NS}word")
                )
                if words:
                    lines.append(Line(number, blocks, words))
    return _Layout(tuple(sizes), tuple(lines))


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    return list(_layout(pdf).sizes)


def page_size(pdf: Path) -> tuple[float, float]:
    """The size of the PDF's pages, in whole points; fails if they differ."""
    sizes = {(round(w), round(h)) for w, h in page_sizes(pdf)}
    assert len(sizes) == 1, f"pages of different sizes: {sorted(sizes)}"
    return sizes.pop()


def lines(pdf: Path) -> list[Line]:
    return list(_layout(pdf).lines)


def words(pdf: Path) -> list[Word]:
    return [word for line in _layout(pdf).lines for word in line.words]


def words_outside_page(pdf: Path, margin: float = 0.0, side_margin: float | None = None) -> list[Word]:
    """Words not wholly inside their page less `margin` points at the top and bottom and `side_margin` (by default
    `margin`) at the left and right."""
    sides = margin if side_margin is None else side_margin
    sizes = page_sizes(pdf)
    outside = []
    for word in words(pdf):
        width, height = sizes[word.page - 1]
        if word.x0 < sides or word.x1 > width - sides or word.y0 < margin or word.y1 > height - margin:
            outside.append(word)
    return outside


@cache
def page_texts(pdf: Path, top: float | None = None, bottom: float | None = None) -> list[str]:
    """Each page's text in reading order (right-to-left runs read right to left), white space as pdftotext gives
    it, bidirectional controls removed; only what lies between `top` and `bottom` points from the page's top edge,
    when given (a running head: `bottom=` the top margin)."""
    crop: list[str] = []
    if top is not None or bottom is not None:
        height = max(h for _, h in page_sizes(pdf))
        y0, y1 = top or 0.0, height if bottom is None else bottom
        width = max(w for w, _ in page_sizes(pdf))
        crop = ["-x", "0", "-y", str(round(y0)), "-W", str(round(width) + 1), "-H", str(round(y1 - y0))]
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *crop, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [_BIDI_CONTROLS.sub("", page) for page in pages]


def languages_of_tagged_text(pdf: Path) -> list[tuple[str, str]]:
    """(language, text) of each structure element that declares a language of its own (/Lang), in the order of
    the PDF's objects: what a screen reader reads in another voice. The text is what the element's marked content
    shows (pypdf reads it through the fonts' ToUnicode maps)."""
    texts = {
        (number, mcid): text
        for number, page in enumerate(pypdf.PdfReader(pdf).pages)
        for mcid, text in _marked_content_texts(page).items()
    }
    with pikepdf.open(pdf) as document:
        pages = {page.objgen: number for number, page in enumerate(document.pages)}
        return [
            (str(element.Lang), flat(texts.get((pages[element.Pg.objgen], int(element.K[0])), "")))
            for element in document.objects
            if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem" and "/Lang" in element
        ]


def _marked_content_texts(page: pypdf.PageObject) -> dict[int, str]:
    """The text each marked-content sequence of `page` shows, by its MCID."""
    texts: dict[int, str] = {}
    open_ids: list[int | None] = []  # the MCID of each marked-content sequence open at this point

    def before(operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            open_ids.append(properties.get("/MCID") if isinstance(properties, dict) else None)
        elif operator == b"BMC":
            open_ids.append(None)
        elif operator == b"EMC" and open_ids:
            open_ids.pop()

    def shown(text: str, *_: Any) -> None:
        mcid = next((m for m in reversed(open_ids) if m is not None), None)
        if mcid is not None:
            texts[mcid] = texts.get(mcid, "") + text

    page.extract_text(visitor_operand_before=before, visitor_text=shown)
    return texts


def flat(text: str) -> str:
    """`text` with every run of white space made one space: what a reader reads, across line breaks."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Picture:
    """A raster image as drawn, in points from the page's top-left corner, and its size in pixels."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    pixels: tuple[int, int]

    @property
    def drawn_ratio(self) -> float:
        return (self.x1 - self.x0) / (self.y1 - self.y0)

    @property
    def pixel_ratio(self) -> float:
        return self.pixels[0] / self.pixels[1]


_Matrix = tuple[float, float, float, float, float, float]


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n, as PDF concatenates a `cm` onto the current transformation."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _matrix(numbers: object) -> _Matrix:
    a, b, c, d, e, f = (float(n) for n in numbers)  # type: ignore[attr-defined]
    return (a, b, c, d, e, f)


def pictures(pdf: Path) -> list[Picture]:
    """Every raster image drawn on the pages (and in the forms they draw), with where it lands. SVG logos are
    drawn as paths, not images, and are not listed."""
    found: list[Picture] = []
    with pikepdf.open(pdf) as document:
        for number, page in enumerate(document.pages, start=1):
            height = float(page.mediabox[3]) - float(page.mediabox[1])
            _walk(page.obj, page.Resources, (1, 0, 0, 1, 0, 0), number, height, found, 0)
    return found


def _walk(
    content: pikepdf.Object,
    resources: pikepdf.Object,
    ctm: _Matrix,
    page: int,
    height: float,
    found: list[Picture],
    depth: int,
) -> None:
    stack: list[_Matrix] = []
    for instruction in pikepdf.parse_content_stream(content):
        operands, name = instruction.operands, str(instruction.operator)
        if name == "q":
            stack.append(ctm)
        elif name == "Q" and stack:
            ctm = stack.pop()
        elif name == "cm":
            ctm = _multiply(_matrix(operands), ctm)
        elif name == "Do":
            xobject = resources.XObject[str(operands[0])]
            if xobject.Subtype == "/Image":
                corners = [
                    (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]) for x, y in ((0, 0), (1, 1))
                ]
                xs, ys = sorted(c[0] for c in corners), sorted(height - c[1] for c in corners)
                found.append(Picture(page, xs[0], ys[0], xs[1], ys[1], (int(xobject.Width), int(xobject.Height))))
            elif xobject.Subtype == "/Form" and depth < 8:
                inner = xobject.get("/Resources", resources)
                matrix = _matrix(xobject.get("/Matrix", [1, 0, 0, 1, 0, 0]))
                _walk(xobject, inner, _multiply(matrix, ctm), page, height, found, depth + 1)


def words_printed_over(pdf: Path, share: float = 0.5) -> list[tuple[Word, Word]]:
    """Pairs of words on a page printed one over the other: their boxes overlap across by more than a point and
    their middles are less than `share` of the shorter's height apart, up or down. Lines that merely touch do not
    count: pdftotext draws each word's box from its font's ascent and descent, which reach past a tight line height
    into the next line (Noto Sans Arabic's, over two lines)."""
    crossing: list[tuple[Word, Word]] = []
    by_page: dict[int, list[Word]] = {}
    for word in words(pdf):
        by_page.setdefault(word.page, []).append(word)
    for page_words in by_page.values():
        page_words.sort(key=lambda word: word.y0)
        active: list[Word] = []
        for word in page_words:  # a sweep down the page: each word against those still reaching below its top
            active = [other for other in active if other.y1 > word.y0]
            for other in active:
                across = min(word.x1, other.x1) - max(word.x0, other.x0)
                apart = abs((word.y0 + word.y1) - (other.y0 + other.y1)) / 2
                if across > 1 and apart < share * min(word.y1 - word.y0, other.y1 - other.y0):
                    crossing.append((other, word))
            active.append(word)
    return crossing


def trim_left(pdf: Path) -> list[float]:
    """How far each page's trim box starts from the left of what pdftotext measures (its media box), in points:
    a print file's bleed (0 for a PDF without one)."""
    with pikepdf.open(pdf) as document:
        return [float(page.trimbox[0]) - float(page.mediabox[0]) for page in document.pages]


def words_across(pdf: Path, edges: list[list[float]], slack: float = 0.5) -> list[Word]:
    """Words that cross one of their page's `edges` (x positions in points from the trim's left edge: the folds of a
    brochure), by more than `slack` points on both sides."""
    offsets = trim_left(pdf)
    across = []
    for word in words(pdf):
        left, right = word.x0 - offsets[word.page - 1], word.x1 - offsets[word.page - 1]
        if any(left < edge - slack and right > edge + slack for edge in edges[word.page - 1]):
            across.append(word)
    return across
