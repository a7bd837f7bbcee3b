"""The guide: everything a patient may want to read about ketamine for one condition, study by study, with the
full list of sources. HTML first, for the clinic's website (a handout's QR code can open it there: see
`url`), and a PDF beside it.

Its sections, in order, are listed in data/documents/guide.yaml: sections of the condition's file, sections of
the shared ketamine file, and the special blocks its template lays out (the crisis lines on page 1, the clinic's
routes and settings, contact, review dates, references).
"""

from __future__ import annotations

from pathlib import Path

from leaflet import content, crisis, i18n
from leaflet.documents.base import ConditionKind
from leaflet.documents.parts import Block, Document, Numbering, Part, definition, part, text_block
from leaflet.model import Clinic

SPECIAL_SECTIONS = ("crisis", "routes", "contact", "review", "references")
SECTIONS = frozenset(
    {f"condition.{s}" for s in content.CONDITION_SECTIONS}
    | {f"shared.{s}" for s in content.SHARED_SECTIONS}
    | set(SPECIAL_SECTIONS)
)


class Guide(ConditionKind):
    name = "guide"
    stylesheets = ("css/leaflet.css",)
    orientation = "portrait"
    max_pages = None  # as long as the evidence needs
    seconds = 0.45  # a 5-7 page Letter PDF on 2 shared cores

    def stem(self, topic: str | None) -> str:
        return f"{topic}.guide"

    def inputs(self, topic: str | None, language: str) -> tuple[Path, ...]:
        return (*super().inputs(topic, language), *crisis.crisis_paths())  # and the crisis lines it prints

    def url(self, clinic: Clinic, topic: str, language: str) -> str | None:
        """Where the guide's HTML is on the web, when the clinic publishes its leaflets (`publish_url`)."""
        if clinic.publish_url is None:
            return None
        return f"{clinic.publish_url.rstrip('/')}/{self.stem(topic)}.{language}.html"

    def make(self, clinic: Clinic, topic: str | None, language: str) -> Document:
        assert topic is not None, "a guide is about a condition"
        about = content.condition_content(language, topic)
        shared = content.shared_content(language)
        numbering = Numbering(i18n.translations(language).gettext(i18n.SOURCE_LABEL))
        offered = content.offers(clinic)
        blocks: list[Block] = []
        for entry in definition(self.definition_path, SECTIONS).sections:
            if entry.startswith("condition."):
                blocks.append(text_block(about.sections[entry.removeprefix("condition.")], numbering, offered))
            elif entry.startswith("shared."):
                blocks.append(text_block(shared.sections[entry.removeprefix("shared.")], numbering, offered))
            elif entry == "routes":
                blocks.append(Block("routes", "routes", self._routes(clinic, shared, numbering, offered)))
            else:
                blocks.append(Block(entry, entry))
        lines = crisis.crisis_lines(clinic.country, language).lines
        numbering.number_all(
            about.references + shared.references + tuple(line.reference for line in lines if line.reference)
        )
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

    @staticmethod
    def _routes(
        clinic: Clinic, shared: content.SharedContent, numbering: Numbering, offered: frozenset[str]
    ) -> tuple[Part, ...]:
        """A part for each route the clinic offers (the nasal spray it names), then for each place it gives doses."""
        parts = [
            part(
                shared.sprays[clinic.spray] if route == "intranasal" else shared.routes[route],
                numbering,
                offered,
                route,
            )
            for route in clinic.routes
        ]
        parts.extend(part(shared.settings[setting], numbering, offered) for setting in clinic.settings)
        return tuple(parts)
