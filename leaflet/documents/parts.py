"""The pieces every document is made of: titled parts of text, blocks, panels, numbered citations.

A document definition (data/documents/<kind>.yaml) lists its sections, or its panels and their sections; a kind
(handout.py, brochure.py) fills them from the content for one clinic, topic and language and returns a
`Document` that its template lays out. Nothing here knows about HTML layout or PDF.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from leaflet import content
from leaflet.content import Reference, Reviewed, Section
from leaflet.spec.definitions import Definition, read_definition

# A citation marker sits against the word it supports ("symptoms⁵."), as in print: a space before it is a place
# to break the line, and WeasyPrint, finding "⁵." too wide for the line's end, then breaks after the paragraph's
# first word instead ("Medicines" alone on a line, on A4). Spaces between two markers stay.
_SPACE_BEFORE_CITATION = re.compile(r"(?<=[^\s\]])\s+(?=\[@)")


@dataclass(frozen=True)
class Part:
    """A titled piece of text: a content section, or one route of the routes block."""

    id: str
    heading: str
    html: Markup
    route: str | None = None


@dataclass(frozen=True)
class Block:
    """One section of a document: `text` carries a part; the other kinds are laid out by the template."""

    kind: str  # "text" or a special section the kind's template lays out ("routes", "contact", ...)
    id: str
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Panel:
    """One panel of a folded document: where it sits (which face of the sheet, which column from the left, how
    wide) and its blocks, in reading order."""

    id: str
    sheet: int  # 1: the outside (printed first), 2: the inside
    column: int  # 1, 2, 3 from the left as that face is printed
    width: str  # a CSS length: "3.6875in"
    side: str  # "left" or "right": which way it floats to reach its column from its place in reading order
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Citation:
    number: int
    reference: Reference


@dataclass(frozen=True)
class Document:
    kind: str  # a key of leaflet.documents.KINDS
    name: str  # the output file's stem: "ptsd", "brochure.north"
    topic: str | None  # what it is about within its kind: a condition, a location id, or None
    language: str
    title: str
    summary: str
    blocks: tuple[Block, ...]  # documents that flow from page to page
    citations: tuple[Citation, ...]
    review: Reviewed
    inputs: tuple[Path, ...]  # every data file this document was made from
    panels: tuple[Panel, ...] = ()  # folded documents: each panel fills one face of the sheet
    guide_url: str | None = None  # where this document's long guide is on the web: its QR code opens it
    fit: int = 0  # how many of its kind's fit steps (DocumentKind.fit_steps) its paper layout takes


@cache
def definition(path: Path, allowed: frozenset[str], panels: frozenset[str] = frozenset()) -> Definition:
    """Read a definition file, checking every section against `allowed` (and, for kinds laid out in panels, that
    it lists each of `panels` once), so a typo fails with its line and column, not in a template."""
    return read_definition(path, allowed, panels)


class Numbering:
    """Numbers sources in the order a reader first meets them."""

    def __init__(self, label: str) -> None:
        self._known = content.references()
        self._label = label  # "source %(number)d", translated: what a screen reader says for a marker
        self._order: dict[str, int] = {}

    def number(self, ref_id: str) -> int:
        if ref_id not in self._known:
            raise KeyError(f"content cites '{ref_id}', which is not in data/content/references.yaml")
        return self._order.setdefault(ref_id, len(self._order) + 1)

    def number_all(self, ref_ids: Collection[str]) -> None:
        """Number sources a file lists but its text does not cite, after those it cites."""
        for ref_id in ref_ids:
            self.number(ref_id)

    def marker(self, ref_id: str) -> str:
        n = self.number(ref_id)
        label = escape(self._label % {"number": n})
        return f'<a class="cite" href="#ref-{ref_id}" aria-label="{label}"><sup>{n}</sup></a>'

    def citations(self) -> tuple[Citation, ...]:
        return tuple(Citation(n, self._known[ref_id]) for ref_id, n in self._order.items())


def text_block(section: Section, numbering: Numbering, offered: frozenset[str]) -> Block:
    return Block("text", section.id, (part(section, numbering, offered),))


def part(section: Section, numbering: Numbering, offered: frozenset[str], route: str | None = None) -> Part:
    html = rich_text(section.body, numbering, offered)
    return Part(id=section.id, heading=section.heading, html=html, route=route)


def rich_text(body: str, numbering: Numbering, offered: frozenset[str]) -> Markup:
    """A content body as HTML for a clinic that offers `offered` (leaflet.content.offers: its gated paragraphs
    kept or dropped), its [@id] citations as numbered markers."""
    html = _SPACE_BEFORE_CITATION.sub("", content.markdown_to_html(body, offered))
    return Markup(content.CITATION.sub(lambda m: numbering.marker(m.group(1)), html))
