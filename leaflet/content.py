"""Step 3 of the pipeline: the shipped educational content, read from data/content/ and checked.

Content is data, kept apart from layout: a medical reviewer or translator edits YAML files with Markdown bodies
(see data/content/README.md). This module reads them into frozen objects and turns bodies into HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from leaflet import resources
from leaflet.errors import InvalidInput, Problem
from leaflet.load import Mapping, Node, Scalar, Sequence, read_yaml
from leaflet.schema import CONDITIONS, REVIEWER_MAX, ROUTES, SETTINGS

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
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    # A translation's `translated_from:`: each unit's hash of the English it was translated from (leaflet.translation).
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
    # A translation's `translated_from:`: each unit's hash of the English it was translated from (leaflet.translation).
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
    # A translation's `translated_from:`: each unit's hash of the English it was translated from (leaflet.translation).
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
    path = resources.content_dir() / "references.yaml"
    reader = _Reader(path)
    found: dict[str, Reference] = {}
    for key, node in reader.root.items:
        entry = reader.mapping(node, key.value, required=("authors", "title", "source"), optional=("doi", "url"))
        found[key.value] = Reference(
            id=key.value,
            doi=entry.get("doi"),
            url=entry.get("url"),
            authors=entry["authors"],
            title=entry["title"],
            source=entry["source"],
        )
    reader.finish()
    return found


def shared_path(language: str) -> Path:
    return resources.content_dir() / language / "ketamine.yaml"


def condition_path(language: str, condition: str) -> Path:
    return resources.content_dir() / language / f"{condition}.yaml"


def brochure_path(language: str) -> Path:
    return resources.content_dir() / language / "brochure.yaml"


@cache
def brochure_content(language: str) -> BrochureContent:
    path = brochure_path(language)
    reader = _Reader(path)
    content = BrochureContent(
        language=language,
        title=reader.text(reader.require("title"), "title"),
        tagline=reader.text(reader.require("tagline"), "tagline"),
        review=reader.review(),
        sections=reader.sections("sections", BROCHURE_SECTIONS),
        references=reader.ids("references"),
        translated_from=reader.translated_from(),
    )
    reader.finish()
    return content


@cache
def shared_content(language: str) -> SharedContent:
    path = shared_path(language)
    reader = _Reader(path)
    content = SharedContent(
        language=language,
        review=reader.review(),
        sections=reader.sections("sections", SHARED_SECTIONS),
        routes=reader.sections("routes", tuple(r for r in ROUTES if r != "intranasal")),
        sprays=reader.sections("sprays", SPRAYS),
        settings=reader.sections("settings", SETTINGS),
        references=reader.ids("references"),
        sheet=reader.sections("sheet", SHARED_SHEET_SECTIONS),
        sheet_routes=reader.mapping(
            reader.require("sheet_routes"), "sheet_routes", required=tuple(r for r in ROUTES if r != "intranasal")
        ),
        sheet_sprays=reader.mapping(reader.require("sheet_sprays"), "sheet_sprays", required=SPRAYS),
        sheet_settings=reader.mapping(reader.require("sheet_settings"), "sheet_settings", required=SETTINGS),
        translated_from=reader.translated_from(),
    )
    reader.finish()
    return content


@cache
def condition_content(language: str, condition: str) -> ConditionContent:
    path = condition_path(language, condition)
    reader = _Reader(path)
    content = ConditionContent(
        condition=condition,
        language=language,
        title=reader.text(reader.require("title"), "title"),
        summary=reader.text(reader.require("summary"), "summary"),
        review=reader.review(),
        sections=reader.sections("sections", CONDITION_SECTIONS),
        references=reader.ids("references"),
        sheet=_condition_sheet(reader.nested("sheet")),
        translated_from=reader.translated_from(),
    )
    reader.finish()
    return content


def _condition_sheet(reader: _Reader) -> ConditionSheet:
    return ConditionSheet(
        summary=reader.text(reader.require("summary"), "sheet.summary"),
        sections={name: reader.section(reader.require(name), f"sheet.{name}") for name in CONDITION_SHEET_SECTIONS},
        references=reader.ids("references"),
    )


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


class _Reader:
    """Reads one content file strictly; collects problems so a reviewer sees all of them at once."""

    def __init__(self, path: Path, root: Mapping | None = None, problems: list[Problem] | None = None) -> None:
        self.path = path
        self.root: Mapping = read_yaml(path).root if root is None else root
        self.problems: list[Problem] = [] if problems is None else problems

    def nested(self, key: str) -> _Reader:
        """A reader of the mapping under `key`, reporting into this one's problems."""
        node = self.require(key)
        if not isinstance(node, Mapping):
            self.problem(node, key, "must be a mapping")
            node = Mapping((), node.line, node.column)
        return _Reader(self.path, node, self.problems)

    def finish(self) -> None:
        if self.problems:
            raise InvalidInput(self.problems)

    def problem(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, field, message))

    def require(self, key: str) -> Node:
        node = self.root.get(key)
        if node is None:
            self.problem(self.root, key, "is missing")
            return Scalar("", self.root.line, self.root.column)
        return node

    def text(self, node: Node, field: str) -> str:
        if not isinstance(node, Scalar) or not node.value.strip():
            self.problem(node, field, "must be non-empty text")
            return ""
        return node.value.strip()

    def parse_date(self, node: Node, field: str) -> date:
        text = self.text(node, field)
        try:
            if _DATE.fullmatch(text):
                return date.fromisoformat(text)
        except ValueError:
            pass
        if text:
            self.problem(node, field, "must be a date like 2026-11-15")
        return date.min

    def required_date(self, key: str) -> date:
        node = self.root.get(key)
        if node is None:
            self.problem(self.root, key, "is missing")
            return date.min
        return self.parse_date(node, key)

    def review(self) -> Reviewed:
        old = self.root.get("reviewed")
        if old is not None:  # the name once claimed a review that nobody had made
            self.problem(
                old,
                "reviewed",
                "is now `written:` (when the text was last written or checked against its sources); a clinician's "
                "review goes in `review: {by: ..., on: ...}` (data/content/README.md)",
            )
        written = self.required_date("written")
        review = Reviewed(written, self.required_date("next_review"))
        if review.next_review <= review.reviewed:
            self.problem(self.root, "next_review", "must come after `written`")
        node = self.root.get("review")
        if node is None:
            return review
        entry = self.mapping(node, "review", required=("by", "on"))
        by = entry["by"]
        if "\n" in by or len(by) > REVIEWER_MAX:
            self.problem(node, "review.by", f"must be one line of at most {REVIEWER_MAX} characters")
        on_node = node.get("on") if isinstance(node, Mapping) else None
        on = self.parse_date(on_node, "review.on") if on_node is not None else date.min
        if written <= on:
            return Reviewed(review.reviewed, review.next_review, (ClinicianReview(by, on),))
        if on_node is not None and on != date.min:
            self.problem(
                on_node,
                "review.on",
                "is before `written`: the text changed after this review; have it reviewed again, or remove "
                "the `review:` block",
            )
        return review

    def mapping(
        self, node: Node, field: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, str]:
        values: dict[str, str] = {}
        if not isinstance(node, Mapping):
            self.problem(node, field, "must be a mapping")
            return {name: "" for name in required}
        for key, value in node.items:
            if key.value not in required + optional:
                self.problem(key, f"{field}.{key.value}", f"is not a field ({', '.join(required + optional)})")
            else:
                values[key.value] = self.text(value, f"{field}.{key.value}")
        for name in required:
            if name not in values:
                self.problem(node, f"{field}.{name}", "is missing")
                values[name] = ""
        return values

    def section(self, node: Node, field: str) -> Section:
        entry = self.mapping(node, field, required=("heading", "body"))
        return Section(id=field.rsplit(".", 1)[-1], heading=entry["heading"], body=entry["body"])

    def sections(self, key: str, expected: tuple[str, ...]) -> dict[str, Section]:
        node = self.require(key)
        if not isinstance(node, Mapping):
            self.problem(node, key, "must be a mapping of sections")
            return {}
        found = {k.value: self.section(v, f"{key}.{k.value}") for k, v in node.items}
        for name in expected:
            if name not in found:
                self.problem(node, f"{key}.{name}", "is missing")
        for name in found:
            if name not in expected:
                self.problem(node, f"{key}.{name}", f"is not a section here ({', '.join(expected)})")
        return found

    def translated_from(self) -> dict[str, str]:
        """The optional `translated_from:` mapping of a translation: unit path -> hash (leaflet.translation)."""
        node = self.root.get("translated_from")
        if node is None:
            return {}
        if not isinstance(node, Mapping):
            self.problem(node, "translated_from", "must be a mapping of unit to hash (`leaflet translation-hash`)")
            return {}
        return {key.value: self.text(value, f"translated_from.{key.value}") for key, value in node.items}

    def ids(self, key: str) -> tuple[str, ...]:
        node = self.require(key)
        if not isinstance(node, Sequence) or not all(isinstance(i, Scalar) for i in node.items):
            self.problem(node, key, "must be a list of reference ids")
            return ()
        return tuple(i.value for i in node.items if isinstance(i, Scalar))
