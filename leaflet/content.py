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
from leaflet.schema import CONDITIONS

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

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


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # imported on first use: planning a build needs no Markdown

    md = MarkdownIt("commonmark", {"html": False, "typographer": True}).disable("heading").disable("lheading")
    md.validateLink = lambda url: bool(_SAFE_LINK.match(url))  # type: ignore[method-assign]
    return md


def markdown_to_html(body: str) -> str:
    """Render a content body; raw HTML in it is shown as text, links are limited to web, phone and mail."""
    html: str = _markdown().render(body)
    return html
