"""Step 4 of the pipeline: a document as data — which sections, in which order, with which words.

A document definition (data/documents/<kind>.yaml) lists its sections; `handout()` fills them from the content
for one clinic, condition and language, numbers the citations, and returns a `Document` that templates lay out.
Nothing here knows about HTML layout or PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from leaflet import content, i18n, resources
from leaflet.content import Reference, Reviewed, Section
from leaflet.errors import InvalidInput, Problem
from leaflet.load import Scalar, Sequence, read_yaml
from leaflet.model import Clinic

SPECIAL_SECTIONS = ("routes", "contact", "review", "references")
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
    """One section of a document: `text` carries a part; the special kinds are laid out by the template."""

    kind: str  # "text" or one of SPECIAL_SECTIONS
    id: str
    parts: tuple[Part, ...] = ()


@dataclass(frozen=True)
class Citation:
    number: int
    reference: Reference


@dataclass(frozen=True)
class Document:
    kind: str  # "handout"
    name: str  # the output file's stem: "ptsd"
    language: str
    title: str
    summary: str
    blocks: tuple[Block, ...]
    citations: tuple[Citation, ...]
    review: Reviewed
    inputs: tuple[Path, ...]  # every data file this document was made from


@cache
def definition(kind: str) -> tuple[str, ...]:
    """The ordered section list of a document kind, checked against what the content can fill."""
    path = resources.documents_dir() / f"{kind}.yaml"
    root = read_yaml(path).root
    node = root.get("sections")
    problems: list[Problem] = []
    entries: list[str] = []
    if not isinstance(node, Sequence):
        raise InvalidInput([Problem(path, root.line, root.column, "sections", "must be a list")])
    allowed = (
        {f"condition.{s}" for s in content.CONDITION_SECTIONS}
        | {f"shared.{s}" for s in content.SHARED_SECTIONS}
        | set(SPECIAL_SECTIONS)
    )
    for index, item in enumerate(node.items):
        if not isinstance(item, Scalar) or item.value not in allowed:
            problems.append(
                Problem(
                    path,
                    item.line,
                    item.column,
                    f"sections[{index}]",
                    f"is not a section; use one of {', '.join(sorted(allowed))}",
                )
            )
        else:
            entries.append(item.value)
    if problems:
        raise InvalidInput(problems)
    return tuple(entries)


def handout_names(clinic: Clinic, language: str) -> tuple[str, ...]:
    """The conditions of `clinic` that have a handout in `language`, in the clinic's order."""
    available = content.conditions_with_content(language)
    return tuple(c for c in clinic.conditions if c in available)


def handout(clinic: Clinic, condition: str, language: str) -> Document:
    """The handout about ketamine therapy for `condition`, for `clinic`, in `language`."""
    about = content.condition_content(language, condition)
    shared = content.shared_content(language)
    numbering = _Numbering(content.references(), i18n.translations(language).gettext("source %(number)d"))
    blocks: list[Block] = []
    for entry in definition("handout"):
        if entry.startswith("condition."):
            blocks.append(_text_block(about.sections[entry.removeprefix("condition.")], numbering))
        elif entry.startswith("shared."):
            blocks.append(_text_block(shared.sections[entry.removeprefix("shared.")], numbering))
        elif entry == "routes":
            parts = [_part(shared.routes[route], numbering, route=route) for route in clinic.routes]
            if clinic.in_home:
                parts.append(_part(shared.in_home, numbering))
            blocks.append(Block("routes", "routes", tuple(parts)))
        else:
            blocks.append(Block(entry, entry))
    for ref_id in about.references + shared.references:
        numbering.number(ref_id)
    return Document(
        kind="handout",
        name=condition,
        language=language,
        title=about.title,
        summary=about.summary,
        blocks=tuple(blocks),
        citations=numbering.citations(),
        review=Reviewed(
            reviewed=min(about.review.reviewed, shared.review.reviewed),
            next_review=min(about.review.next_review, shared.review.next_review),
        ),
        inputs=handout_inputs(condition, language),
    )


def handout_inputs(condition: str, language: str) -> tuple[Path, ...]:
    """The data files the handout about `condition` in `language` is made from, found without reading them: a
    no-op rebuild hashes these for every job instead of building the documents."""
    return (
        resources.documents_dir() / "handout.yaml",
        resources.content_dir() / "references.yaml",
        content.condition_path(language, condition),
        content.shared_path(language),
    )


def _text_block(section: Section, numbering: _Numbering) -> Block:
    return Block("text", section.id, (_part(section, numbering),))


def _part(section: Section, numbering: _Numbering, route: str | None = None) -> Part:
    html = content.markdown_to_html(section.body)
    html = content.CITATION.sub(lambda m: numbering.marker(m.group(1)), _SPACE_BEFORE_CITATION.sub("", html))
    return Part(id=section.id, heading=section.heading, html=Markup(html), route=route)


class _Numbering:
    """Numbers sources in the order a reader first meets them."""

    def __init__(self, known: dict[str, Reference], label: str) -> None:
        self._known = known
        self._label = label  # "source %(number)d", translated: what a screen reader says for a marker
        self._order: dict[str, int] = {}

    def number(self, ref_id: str) -> int:
        if ref_id not in self._known:
            raise KeyError(f"content cites '{ref_id}', which is not in data/content/references.yaml")
        return self._order.setdefault(ref_id, len(self._order) + 1)

    def marker(self, ref_id: str) -> str:
        n = self.number(ref_id)
        label = escape(self._label % {"number": n})
        return f'<a class="cite" href="#ref-{ref_id}" aria-label="{label}"><sup>{n}</sup></a>'

    def citations(self) -> tuple[Citation, ...]:
        return tuple(Citation(n, self._known[ref_id]) for ref_id, n in self._order.items())
