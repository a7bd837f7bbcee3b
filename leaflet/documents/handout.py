"""The handout clinic staff print for a patient: one per condition the clinic treats that has content.

Its sections, in order, are listed in data/documents/handout.yaml: sections of the condition's file, sections of
the shared ketamine file, and the special blocks its template lays out (the clinic's routes, contact, review
dates, references).
"""

from __future__ import annotations

from pathlib import Path

from leaflet import content, i18n, resources
from leaflet.documents.base import DocumentKind
from leaflet.documents.parts import Block, Document, Numbering, definition, part, text_block
from leaflet.model import Clinic

SPECIAL_SECTIONS = ("routes", "contact", "review", "references")
SECTIONS = frozenset(
    {f"condition.{s}" for s in content.CONDITION_SECTIONS}
    | {f"shared.{s}" for s in content.SHARED_SECTIONS}
    | set(SPECIAL_SECTIONS)
)


class Handout(DocumentKind):
    name = "handout"
    scope = "condition"
    stylesheets = ("css/leaflet.css",)
    orientation = "portrait"
    max_pages = None
    seconds = 0.4  # a 5-7 page Letter PDF on 2 shared cores

    def has_content(self, topic: str, language: str) -> bool:
        return topic in content.conditions_with_content(language)

    def warnings(self, clinic: Clinic, language: str) -> list[str]:
        built = set(self.topics(clinic, language))
        missing = [c for c in clinic.conditions if c not in built]
        if not missing:
            return []
        return [f"no {language} handout for {', '.join(missing)}: there is no content for it yet"]

    def inputs(self, topic: str | None, language: str) -> tuple[Path, ...]:
        assert topic is not None, "a handout is about a condition"
        return (
            self.definition_path,
            resources.content_dir() / "references.yaml",
            content.condition_path(language, topic),
            content.shared_path(language),
        )

    def make(self, clinic: Clinic, topic: str | None, language: str) -> Document:
        assert topic is not None, "a handout is about a condition"
        about = content.condition_content(language, topic)
        shared = content.shared_content(language)
        numbering = Numbering(i18n.translations(language).gettext("source %(number)d"))
        blocks: list[Block] = []
        for entry in definition(self.definition_path, SECTIONS).sections:
            if entry.startswith("condition."):
                blocks.append(text_block(about.sections[entry.removeprefix("condition.")], numbering))
            elif entry.startswith("shared."):
                blocks.append(text_block(shared.sections[entry.removeprefix("shared.")], numbering))
            elif entry == "routes":
                parts = [part(shared.routes[route], numbering, route=route) for route in clinic.routes]
                if clinic.in_home:
                    parts.append(part(shared.in_home, numbering))
                blocks.append(Block("routes", "routes", tuple(parts)))
            else:
                blocks.append(Block(entry, entry))
        numbering.number_all(about.references + shared.references)
        return Document(
            kind=self.name,
            name=self.stem(topic),
            topic=topic,
            language=language,
            title=about.title,
            summary=about.summary,
            blocks=tuple(blocks),
            citations=numbering.citations(),
            review=content.combined(about.review, shared.review),
            inputs=self.inputs(topic, language),
        )
