"""The content files, declared once: data/content/<lang>/*.yaml (a condition, the shared ketamine file, the
brochure's words) and data/content/references.yaml.

Each `read_*` walks a file against its shape, so a reviewer or translator sees every problem with its line and
column, and builds leaflet.content's objects from the walked values; the dates' order and a clinician's review
of an older text are checked after the walk (`_reviewed`).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from leaflet import content
from leaflet.content import (
    BROCHURE_SECTIONS,
    CONDITION_SECTIONS,
    CONDITION_SHEET_SECTIONS,
    SHARED_SECTIONS,
    SHARED_SHEET_SECTIONS,
    SPRAYS,
    BrochureContent,
    ClinicianReview,
    ConditionContent,
    ConditionSheet,
    Reference,
    Reviewed,
    Section,
    SharedContent,
)
from leaflet.lint.text import Text as PlacedText
from leaflet.load import Mapping as MappingNode
from leaflet.load import Scalar, read_yaml
from leaflet.schema import REVIEWER_MAX, ROUTES, SETTINGS
from leaflet.spec.kinds import INVALID, Bad, DictOf, Key, ListOf, Mapping, Retired, Walk, did_you_mean
from leaflet.spec.scalars import Date, Hash, Line, Pattern, Text


class Body(Text):
    """A body of Markdown whose paragraphs and list items may start with a gate (`{only: iv}`, `{not: self_home}`:
    leaflet.content.GATE): each gate names known ids and starts what it gates, or the file is refused there."""

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = super().read(node, path, walk)
        placed = PlacedText(path, node, walk.source)
        found = content.gates(node.value)
        problems = [(gate.start, problem) for gate in found for problem in _gate_problems(gate)]
        starts = {gate.start for gate in found}
        problems += [
            (match.start(), "a gate must start a paragraph or a list item: move it there, or split the paragraph")
            for match in content.GATE.finditer(node.value)
            if match.group(1) in content.GATE_WORDS and match.start() not in starts
        ]
        for offset, problem in problems:
            line, column = placed.position(offset)
            walk.problem(Scalar(node.value, line, column), path, problem)
        return INVALID if problems else text


def _gate_problems(gate: content.Gate) -> list[str]:
    marker = f"{{{gate.word}: {', '.join(gate.ids)}}}"
    if gate.word not in content.GATE_WORDS:
        return [
            f"{marker} is not a gate: write {{only: ...}} or {{not: ...}}{did_you_mean(gate.word, content.GATE_WORDS)}"
        ]
    if not gate.ids:
        return [f"{marker} names nothing: name routes, settings or sprays ({', '.join(content.GATE_IDS)})"]
    return [
        f"{marker}: '{name}' is not a route, setting or spray a gate can name"
        f"{did_you_mean(name, content.GATE_IDS) or ' (' + ', '.join(content.GATE_IDS) + ')'}"
        for name in gate.ids
        if name not in content.GATE_IDS
    ]


class Heading(Text):
    """A section's heading: never gated (a section true of one route has each of its paragraphs gated)."""

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = super().read(node, path, walk)
        if any(match.group(1) in content.GATE_WORDS for match in content.GATE.finditer(text)):
            raise Bad("a heading cannot be gated: gate each paragraph of its section instead")
        return text


# The shipped content's words: a reviewer checks them, the tests check its characters against the fonts.
PROSE = Text(fonts=False)
BODY = Body(fonts=False)
HEADING = Heading(fonts=False)
REFERENCE_ID = Pattern(r"[a-z0-9_-]+", "a reference id like 'vadod2023' (a-z, 0-9, _ and -)", "vadod2023")
REFERENCE_IDS = ListOf(REFERENCE_ID, allow_empty=True)
ROUTES_BUT_INTRANASAL = tuple(route for route in ROUTES if route != "intranasal")  # the spray words say that one


def _section(name: str) -> Mapping:
    return Mapping(
        Key("heading", HEADING, "The section's heading.", required=True),
        Key("body", BODY, "The section's text in Markdown, with [@id] citations and {only: ...} gates.", required=True),
        build=partial(Section, name),
    )


def _section_keys(names: tuple[str, ...]) -> tuple[Key, ...]:
    return tuple(Key(name, _section(name), f"The {name} section: heading and body.", required=True) for name in names)


def _sections(names: tuple[str, ...]) -> Mapping:
    """A mapping of the sections `names`, each a heading and a body; walked, a dict of Section by name."""
    return Mapping(*_section_keys(names), entry="section")


def _lines(names: tuple[str, ...], what: str) -> Mapping:
    """A mapping of short Markdown texts, one for each of `names`; walked, a dict of str by name."""
    return Mapping(*(Key(name, BODY, f"The line for {what} {name}.", required=True) for name in names))


REVIEW_KEYS = (
    Key(
        "written", Date(past=False), "The day the text was last written or checked against its sources.", required=True
    ),
    Key("next_review", Date(past=False), "The day the text is next due to be checked.", required=True),
    Key(
        "review",
        Mapping(
            Key(
                "by",
                Line(max_length=REVIEWER_MAX, fonts=False),
                'Who reviewed it: a name and role, "Dr Jane Doe, MD, psychiatrist".',
                required=True,
            ),
            Key("on", Date(past=False), "The day of the review, YYYY-MM-DD.", required=True),
            build=ClinicianReview,
        ),
        "A named clinician's review of the text as it stands (data/content/README.md).",
    ),
    # The name once claimed a review that nobody had made.
    Key(
        "reviewed",
        Retired(
            "is now `written:` (when the text was last written or checked against its sources); a clinician's "
            "review goes in `review: {by: ..., on: ...}` (data/content/README.md)"
        ),
    ),
)
REFERENCES_KEY = Key(
    "references", REFERENCE_IDS, "Sources the text relies on, by their ids in references.yaml.", required=True
)
# A translation records, for each unit it translates (a path like sections.about, sheet_routes.iv or title), the
# hash of the English text it was made from, so a changed English text shows which translations are behind.
TRANSLATED_FROM = Key(
    "translated_from",
    DictOf(
        Pattern(r"[a-z_]+(\.[a-z0-9_-]+)*", "a unit path like 'sections.about' or 'title'"),
        Hash("give the 16 hex digits of the hash of the English text this unit was translated from"),
        entry="unit",
    ),
    "In a translation: for each unit (sections.about, title, ...), the hash of the English text it was made from.",
)

CONDITION_SHEET = Mapping(
    Key("summary", PROSE, "The sheet's summary, under its title.", required=True),
    *_section_keys(CONDITION_SHEET_SECTIONS),
    REFERENCES_KEY,
    build=lambda summary, references, **sections: ConditionSheet(summary, sections, references),
)
CONDITION = Mapping(
    Key("title", PROSE, "The title of the condition's handout and guide.", required=True),
    Key("summary", PROSE, "The guide's summary, under its title.", required=True),
    *REVIEW_KEYS,
    Key("sections", _sections(CONDITION_SECTIONS), "The guide's sections about the condition.", required=True),
    REFERENCES_KEY,
    Key("sheet", CONDITION_SHEET, "The condition's words on the one-sheet handout.", required=True),
    TRANSLATED_FROM,
)
SHARED = Mapping(
    *REVIEW_KEYS,
    Key("sections", _sections(SHARED_SECTIONS), "The guide's sections about ketamine.", required=True),
    Key("routes", _sections(ROUTES_BUT_INTRANASAL), "The guide's part for each route.", required=True),
    Key("sprays", _sections(SPRAYS), "The guide's intranasal route, by the spray a clinic names.", required=True),
    Key("settings", _sections(SETTINGS), "The guide's words for each place a dose is given.", required=True),
    REFERENCES_KEY,
    Key("sheet", _sections(SHARED_SHEET_SECTIONS), "The shared words on the one-sheet handout.", required=True),
    Key("sheet_routes", _lines(ROUTES_BUT_INTRANASAL, "the route"), "A line or two per route.", required=True),
    Key("sheet_sprays", _lines(SPRAYS, "the spray"), "The intranasal route's line, by spray.", required=True),
    Key("sheet_settings", _lines(SETTINGS, "the setting"), "A line or two per setting.", required=True),
    TRANSLATED_FROM,
)
BROCHURE = Mapping(
    Key("title", PROSE, "The brochure's title, on its cover.", required=True),
    Key("tagline", PROSE, "The line under the title.", required=True),
    *REVIEW_KEYS,
    Key("sections", _sections(BROCHURE_SECTIONS), "The brochure's sections.", required=True),
    REFERENCES_KEY,
    TRANSLATED_FROM,
)
REFERENCES = DictOf(
    REFERENCE_ID,
    Mapping(
        Key("authors", PROSE, "Who wrote it: people, or the agency.", required=True),
        Key("title", PROSE, "Its title.", required=True),
        Key("source", PROSE, "Where and when it was published.", required=True),
        Key("doi", PROSE, "Its DOI, without https://doi.org/."),
        Key("url", PROSE, "Its address on the web, when it has no DOI."),
    ),
    entry="reference",
)


def _read(path: Path, shape: Mapping) -> dict[str, Any]:
    """The file's values by field of its content class, its dates and review as one Reviewed; InvalidInput with
    every problem in the file, if it has any."""
    walk = Walk(read_yaml(path))
    values: dict[str, Any] = shape.walk(walk.source.root, "", walk)
    review = _reviewed(values, walk)
    walk.finish()
    for key in REVIEW_KEYS:
        del values[key.name]
    return {**values, "review": review}


def read_condition(path: Path, language: str, condition: str) -> ConditionContent:
    return ConditionContent(condition=condition, language=language, **_read(path, CONDITION))


def read_shared(path: Path, language: str) -> SharedContent:
    return SharedContent(language=language, **_read(path, SHARED))


def read_brochure(path: Path, language: str) -> BrochureContent:
    return BrochureContent(language=language, **_read(path, BROCHURE))


def read_references(path: Path) -> dict[str, Reference]:
    walk = Walk(read_yaml(path))
    entries: dict[str, dict[str, Any]] = REFERENCES.walk(walk.source.root, "", walk)
    walk.finish()
    return {ref_id: Reference(id=ref_id, **entry) for ref_id, entry in entries.items()}


def _reviewed(values: dict[str, Any], walk: Walk) -> Reviewed:
    """The file's dates in order, and a clinician's review only of the text as it stands."""
    root = walk.source.root
    written: date = values["written"] or date.min
    next_review: date | None = values["next_review"]
    if next_review is not None and next_review <= written:
        walk.problem(root.get("next_review") or root, "next_review", "must come after `written`")
    dates = Reviewed(written, next_review or date.min)
    clinician: ClinicianReview | None = values["review"]
    if clinician is None:
        return dates
    if written <= clinician.on:
        return Reviewed(dates.reviewed, dates.next_review, (clinician,))
    review = root.get("review")
    on = review.get("on") if isinstance(review, MappingNode) else None
    walk.problem(
        on or root,
        "review.on",
        "is before `written`: the text changed after this review; have it reviewed again, or remove the "
        "`review:` block",
    )
    return dates
