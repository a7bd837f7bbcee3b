"""The handout clinic staff give a patient: one sheet, front and back, one per condition the clinic treats.

The main messages first, as patient leaflets that work do it: what this is and its status, what the evidence
says in a number or two, the approved alternatives, the main risks and the driving rule, and the crisis lines on
page 1; then what happens at this clinic, who should not have it, when to get help, questions to ask before
deciding, and how to reach the clinic. The long read, study by study, is the guide (guide.py); the handout's QR
code opens it when the clinic publishes its leaflets. Its sections are listed in data/documents/handout.yaml.
"""

from __future__ import annotations

from pathlib import Path

from leaflet import content, crisis, i18n
from leaflet.documents.base import ConditionKind
from leaflet.documents.guide import Guide
from leaflet.documents.parts import Block, Document, Numbering, Part, definition, rich_text, text_block
from leaflet.model import Clinic

SPECIAL_SECTIONS = ("crisis", "care", "contact", "review", "sources")
SECTIONS = frozenset(
    {f"condition.{s}" for s in content.CONDITION_SHEET_SECTIONS}
    | {f"shared.{s}" for s in content.SHARED_SHEET_SECTIONS}
    | set(SPECIAL_SECTIONS)
)


class Handout(ConditionKind):
    name = "handout"
    stylesheets = ("css/leaflet.css", "css/handout.css")
    orientation = "portrait"
    max_pages = 2  # one sheet, both sides: what does not fit fails the build (see leaflet.render.overflow)
    # At the schema's limits (eight long location names, a 120-character clinic name) and in longer languages
    # the sheet gives the health content its room: the clinic's details it drops are in the guide.
    fit_steps = (
        "names no locations and no other conditions, nor the clinic in the review line (the guide has them)",
        "gives its sources without their web addresses (the guide has them)",
    )
    seconds = 0.25

    def warnings(self, clinic: Clinic, language: str) -> list[str]:
        made = set(self.topics(clinic, language))
        missing = [c for c in clinic.conditions if c not in made]
        if not missing:
            return []
        return [f"no {language} handout for {', '.join(missing)}: there is no content for it yet"]

    def inputs(self, topic: str | None, language: str) -> tuple[Path, ...]:
        return (*super().inputs(topic, language), *crisis.crisis_paths())  # and the crisis lines it prints

    def make(self, clinic: Clinic, topic: str | None, language: str) -> Document:
        assert topic is not None, "a handout is about a condition"
        about = content.condition_content(language, topic)
        shared = content.shared_content(language)
        numbering = Numbering(i18n.translations(language).gettext(i18n.SOURCE_LABEL))
        offered = content.offers(clinic)
        blocks: list[Block] = []
        for entry in definition(self.definition_path, SECTIONS).sections:
            if entry.startswith("condition."):
                section = about.sheet.sections[entry.removeprefix("condition.")]
                blocks.append(text_block(section, numbering, offered))
            elif entry.startswith("shared."):
                blocks.append(text_block(shared.sheet[entry.removeprefix("shared.")], numbering, offered))
            elif entry == "care":
                blocks.append(Block("care", "care", self._care(clinic, shared, numbering, offered)))
            else:
                blocks.append(Block(entry, entry))
        lines = crisis.crisis_lines(clinic.country, language).lines
        numbering.number_all([line.reference for line in lines if line.reference] + list(about.sheet.references))
        return Document(
            kind=self.name,
            name=self.stem(topic),
            topic=topic,
            language=language,
            title=about.title,
            summary=about.sheet.summary,
            blocks=tuple(blocks),
            citations=numbering.citations(),
            review=content.combined(about.review, shared.review),
            inputs=self.inputs(topic, language),
            guide_url=Guide().url(clinic, topic, language),
        )

    @staticmethod
    def _care(
        clinic: Clinic, shared: content.SharedContent, numbering: Numbering, offered: frozenset[str]
    ) -> tuple[Part, ...]:
        """A line for each route the clinic offers (naming its nasal spray), then for each place it gives doses."""
        parts = [
            Part(route, "", rich_text(shared.route_line(route, clinic.spray), numbering, offered), route=route)
            for route in clinic.routes
        ]
        parts.extend(
            Part(setting, "", rich_text(shared.sheet_settings[setting], numbering, offered))
            for setting in clinic.settings
        )
        return tuple(parts)
