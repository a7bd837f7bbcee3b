"""Step 3 of the pipeline: the shipped educational content, read from data/content/ and checked.

Content is data, kept apart from layout: a medical reviewer or translator edits YAML files with Markdown bodies
(see data/content/README.md). This module holds what they are read into (frozen objects; each file's shape and
its checks are declared in leaflet.spec.content) and turns bodies into HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from leaflet import resources
from leaflet.schema import CONDITIONS, ROUTES, SETTINGS

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

    from leaflet.model import Clinic

SHARED_SECTIONS = (
    "what_it_is",
    "status",
    "expect_before",
    "expect_during",
    "expect_after",
    "side_effects",
    "not_for_you",
    "driving",
    "get_help",
    "disclaimer",
)
CONDITION_SECTIONS = ("about", "usual_care", "evidence")
# The one-sheet handout's words: a short `sheet` block in each condition file and in the shared file.
CONDITION_SHEET_SECTIONS = ("evidence", "alternatives")
SHARED_SHEET_SECTIONS = ("what_it_is", "risks", "session", "not_for_you", "get_help", "questions")
# The words for the intranasal route by the spray a clinic names (leaflet.model.Clinic.spray): "unknown" tells
# the patient to ask which one they will get.
SPRAYS = ("esketamine", "compounded", "unknown")
BROCHURE_SECTIONS = (
    "what_it_is",
    "conditions",
    "routes",
    "visit",
    "side_effects",
    "not_for_you",
    "get_help",
    "questions",
    "bring",
    "disclaimer",
)
CITATION = re.compile(r"\[@([a-z0-9_-]+)\]")
# A paragraph or list item true of one route or setting only starts with a gate: `{only: iv, oral}` prints it for a
# clinic that offers one of them, `{not: self_home}` for a clinic that offers none. The ids a gate may name: the
# routes, the settings, and the two nasal sprays (a clinic offers one when it gives the intranasal route and does
# not rule that spray out: see `offers`).
GATE_IDS = (*ROUTES, *SETTINGS, "esketamine", "compounded")
# The gate's words and its ids; the marker and one space after it are not printed. Loose enough to catch a
# misspelt gate (`{onyl: iv}`), which leaflet.spec.content then refuses by name.
GATE = re.compile(r"\{\s*([a-z_]+)\s*:\s*([^{}\n]*?)\s*\} ?")
GATE_WORDS = ("only", "not")
_SAFE_LINK = re.compile(r"^(https?:|tel:|sms:|mailto:|#)", re.IGNORECASE)


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    body: str  # Markdown, with [@id] citations


@dataclass(frozen=True)
class Reference:
    id: str
    authors: str
    title: str
    source: str
    doi: str | None
    url: str | None

    @property
    def link(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


@dataclass(frozen=True)
class ClinicianReview:
    """A named clinician's review of a content file's current text: its `review: {by, on}` block."""

    by: str  # "Dr Jane Doe, MD, psychiatrist"
    on: date


@dataclass(frozen=True)
class Reviewed:
    """A content file's dates, and who reviewed it. Only `clinicians` is a review: `reviewed` is when the text was
    last written or checked against its sources by its writer (the file's `written:`; the field keeps its older
    name for the code that reads it: templates, the PDF's creation date)."""

    reviewed: date
    next_review: date
    # Named clinicians' reviews of every file behind the text; empty unless each file records one, so a document
    # made without them (or from a file nobody reviewed) never claims a review.
    clinicians: tuple[ClinicianReview, ...] = ()


def combined(*reviews: Reviewed) -> Reviewed:
    """The dates of a document made from several content files: its oldest text, its earliest check due, and the
    clinicians' reviews only when every file has one."""
    signed = all(review.clinicians for review in reviews)
    return Reviewed(
        reviewed=min(review.reviewed for review in reviews),
        next_review=min(review.next_review for review in reviews),
        clinicians=tuple(dict.fromkeys(c for r in reviews for c in r.clinicians)) if signed else (),
    )


@dataclass(frozen=True)
class ConditionSheet:
    """A condition's words on the one-sheet handout."""

    summary: str
    sections: dict[str, Section]  # CONDITION_SHEET_SECTIONS
    references: tuple[str, ...]


@dataclass(frozen=True)
class ConditionContent:
    condition: str
    language: str
    title: str
    summary: str
    review: Reviewed
    sections: dict[str, Section]
    references: tuple[str, ...]
    sheet: ConditionSheet
    # In a translation: for each unit it translates (a path like "sections.about"), the hash of the English text
    # it was made from (leaflet.spec.content); empty in the English files.
    translated_from: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SharedContent:
    language: str
    review: Reviewed
    sections: dict[str, Section]
    routes: dict[str, Section]
    sprays: dict[str, Section]  # the guide's intranasal route, by spray (SPRAYS)
    settings: dict[str, Section]  # the guide's words for each place a dose is given (leaflet.schema.SETTINGS)
    references: tuple[str, ...]
    sheet: dict[str, Section]  # SHARED_SHEET_SECTIONS
    sheet_routes: dict[str, str]  # a line or two per route but intranasal, Markdown
    sheet_sprays: dict[str, str]  # the intranasal route's line, by spray
    sheet_settings: dict[str, str]  # a line or two per setting
    # In a translation: for each unit it translates (a path like "sections.about"), the hash of the English text
    # it was made from (leaflet.spec.content); empty in the English files.
    translated_from: dict[str, str] = field(default_factory=dict)

    def route_line(self, route: str, spray: str) -> str:
        """The short line for `route` on a sheet or brochure; the intranasal one names the clinic's spray."""
        return self.sheet_sprays[spray] if route == "intranasal" else self.sheet_routes[route]


@dataclass(frozen=True)
class BrochureContent:
    language: str
    title: str
    tagline: str
    review: Reviewed
    sections: dict[str, Section]
    references: tuple[str, ...]
    # In a translation: for each unit it translates (a path like "sections.about"), the hash of the English text
    # it was made from (leaflet.spec.content); empty in the English files.
    translated_from: dict[str, str] = field(default_factory=dict)


@cache
def available_languages() -> tuple[str, ...]:
    """Languages with shared ketamine content: the ones a clinic may ask for."""
    root = resources.content_dir()
    return tuple(sorted(p.parent.name for p in root.glob("*/ketamine.yaml")))


@cache
def conditions_with_content(language: str) -> frozenset[str]:
    root = resources.content_dir() / language
    return frozenset(p.stem for p in root.glob("*.yaml") if p.stem in CONDITIONS)


@cache
def references() -> dict[str, Reference]:
    from leaflet.spec.content import read_references  # the shapes build this module's objects

    return read_references(resources.content_dir() / "references.yaml")


def shared_path(language: str) -> Path:
    return resources.content_dir() / language / "ketamine.yaml"


def condition_path(language: str, condition: str) -> Path:
    return resources.content_dir() / language / f"{condition}.yaml"


def brochure_path(language: str) -> Path:
    return resources.content_dir() / language / "brochure.yaml"


@cache
def brochure_content(language: str) -> BrochureContent:
    from leaflet.spec.content import read_brochure

    return read_brochure(brochure_path(language), language)


@cache
def shared_content(language: str) -> SharedContent:
    from leaflet.spec.content import read_shared

    return read_shared(shared_path(language), language)


@cache
def condition_content(language: str, condition: str) -> ConditionContent:
    from leaflet.spec.content import read_condition

    return read_condition(condition_path(language, condition), language, condition)


def offers(clinic: Clinic) -> frozenset[str]:
    """What a gate may ask of `clinic` (GATE_IDS): its routes, its settings, and the sprays it may give: with the
    intranasal route, each spray its `nasal_spray` names (both, when it does not say)."""
    sprays: tuple[str, ...] = ()
    if "intranasal" in clinic.routes:
        sprays = ("esketamine", "compounded") if clinic.nasal_spray in (None, "both") else (clinic.nasal_spray,)
    return frozenset((*clinic.routes, *clinic.settings, *sprays))


@dataclass(frozen=True)
class Gate:
    """A gate at the start of a paragraph or list item of a body."""

    word: str  # "only" or "not", or what was written instead
    ids: tuple[str, ...]
    start: int  # the marker's offset in the body
    end: int  # after the marker and the one space it takes
    lines: tuple[int, int]  # the body's lines (0-based, end excluded) of what it gates: a paragraph or a list item

    def admits(self, offered: frozenset[str]) -> bool:
        named = offered.intersection(self.ids)
        return bool(named) if self.word == "only" else not named


def gates(body: str) -> list[Gate]:
    """The gates of a body, each where it starts a paragraph or a list item (a paragraph that is a list item's
    first gates the whole item, with its nested lists)."""
    tokens = _markdown().parse(body)
    starts = _line_starts(body)
    found: list[Gate] = []
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.map is None:
            continue
        match = GATE.match(tokens[index + 1].content)
        if match is None:
            continue
        # The inline text starts with the marker; in the source it follows the indent, a list bullet or a `>`.
        first_line = body[starts[token.map[0]] : starts[token.map[0] + 1]]
        at = first_line.find(match.group(0).rstrip(" "))
        if at < 0:
            continue
        start = starts[token.map[0]] + at
        end = start + len(match.group(0).rstrip(" "))
        end += body[end : end + 1] == " "
        unit = tokens[index - 1] if index and tokens[index - 1].type == "list_item_open" else token
        assert unit.map is not None
        ids = tuple(name.strip() for name in match.group(2).split(",") if name.strip())
        found.append(Gate(match.group(1), ids, start, end, (unit.map[0], unit.map[1])))
    return found


def gated(body: str, offered: frozenset[str]) -> str:
    """`body` as a clinic that offers `offered` reads it: each gated paragraph or list item kept without its marker,
    or dropped. A body without gates is returned as it is."""
    found = gates(body)
    if not found:
        return body
    starts = _line_starts(body)
    cuts = sorted(
        (gate.start, gate.end) if gate.admits(offered) else (starts[gate.lines[0]], starts[gate.lines[1]])
        for gate in found
    )
    kept: list[str] = []
    at = 0
    for start, end in cuts:
        if start >= at:
            kept.append(body[at:start])
        at = max(at, end)  # a gate inside a dropped list item goes with it
    kept.append(body[at:])
    return "".join(kept)


def _line_starts(body: str) -> list[int]:
    """The offset of each line of `body`, as Markdown counts lines, and its end."""
    return [0, *(match.end() for match in re.finditer("\n", body)), len(body)]


def without_gates(body: str) -> str:
    """`body` with each gate's marker blanked out (spaces, so every other character keeps its offset): the words
    as a reviewer or the lint reads them, every route's sentences together."""
    blanked = body
    for gate in gates(body):
        blanked = blanked[: gate.start] + " " * (gate.end - gate.start) + blanked[gate.end :]
    return blanked


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use: planning a build needs no Markdown

    md = MarkdownIt("commonmark", {"html": False, "typographer": True}).disable("heading").disable("lheading")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url))  # type: ignore[method-assign]
    return md


def markdown_to_html(body: str, offered: frozenset[str]) -> str:
    """Render a content body for a clinic that offers `offered` (see `gated`); raw HTML in it is shown as text,
    links are limited to web, phone and mail."""
    html: str = _markdown().render(gated(body, offered))
    return html
