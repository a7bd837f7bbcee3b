"""The tri-fold brochure marketing hands out at events and in waiting rooms: one per location.

A letter fold (C-fold): the clinic's paper turned landscape, printed on both sides, folded in three. The outside
face carries, left to right, the panel that folds in, the back and the front cover; the inside face the three
inside panels. The panel that folds in is a little narrower, so it tucks inside without buckling.

Panels are written in reading order (the order of the HTML and of the PDF's tag tree): the cover, the panel a
reader meets on opening it, the back, then the inside from left to right. Which sections each panel holds is
data (data/documents/brochure.yaml); where each panel sits, and how wide it is, is declared here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from leaflet import content, crisis, i18n, resources
from leaflet.documents.base import DocumentKind
from leaflet.documents.parts import Block, Document, Numbering, Panel, Part, definition, part, rich_text, text_block
from leaflet.model import Clinic

# Where each panel sits: for each paper, the two faces of the sheet, each its panels from left to right with
# their widths (Letter 11 in = 3.625 + 3.6875 + 3.6875; A4 297 mm = 97 + 100 + 100).
SHEETS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "letter": (
        (("fold_in", "3.625in"), ("back", "3.6875in"), ("cover", "3.6875in")),
        (("inside_left", "3.6875in"), ("inside_middle", "3.6875in"), ("inside_right", "3.625in")),
    ),
    "a4": (
        (("fold_in", "97mm"), ("back", "100mm"), ("cover", "100mm")),
        (("inside_left", "100mm"), ("inside_middle", "100mm"), ("inside_right", "97mm")),
    ),
}
PANELS = frozenset(panel for face in SHEETS["letter"] for panel, _ in face)
# Blocks the template lays out from the clinic and the content: the cover; the crisis lines of the clinic's
# country (data/crisis/), on the outside; the clinic's conditions and routes,
# each after its content section's words; the location's contact block with the QR code; dates; sources.
SPECIAL_SECTIONS = ("cover", "crisis", "conditions", "routes", "location", "review", "sources")
_INTRODUCES = {"conditions": "conditions", "routes": "routes"}  # special block -> the content section it opens with
SECTIONS = frozenset(
    {f"brochure.{s}" for s in content.BROCHURE_SECTIONS if s not in _INTRODUCES.values()} | set(SPECIAL_SECTIONS)
)


class Brochure(DocumentKind):
    name = "brochure"
    scope = "location"
    stylesheets = ("css/leaflet.css", "css/brochure.css")
    orientation = "landscape"
    max_pages = 2  # one sheet, both sides: a panel that does not fit fails the build (see leaflet.render.overflow)
    # The panel that folds in holds only shipped words and the sources, so a clinic's font is what can make it run
    # over (DejaVu Sans sets Spanish about 15% wider than the shipped families): its sources shrink first. The back
    # holds the location's details at their longest; in a wide font they need smaller type. The cover holds the
    # longest name with the crisis lines under it; in a wide font its logo, title and phone take less room.
    fit_steps = (
        "gives its sources without their web addresses (the guide has them)",
        "gives its sources without their titles (the guide has them)",
        "sets the location's details on its back in smaller type (8.5 pt)",
        "sets its cover tighter (a smaller logo, title and phone)",
    )
    seconds = 0.25

    def inputs(self, topic: str | None, language: str) -> tuple[Path, ...]:
        return (
            self.definition_path,
            resources.content_dir() / "references.yaml",
            content.brochure_path(language),
            content.shared_path(language),  # the route and setting lines
            *crisis.crisis_paths(),  # the crisis lines on its outside
        )

    def view(self, clinic: Clinic, topic: str | None) -> Clinic:
        """Only this location: its brochure carries its own address, hours and phone, and no other's."""
        if topic is None:
            return clinic
        location = next(location for location in clinic.locations if location.id == topic)
        return replace(clinic, phone=location.phone or clinic.phone, locations=(location,))

    def make(self, clinic: Clinic, topic: str | None, language: str) -> Document:
        words = content.brochure_content(language)
        numbering = Numbering(i18n.translations(language).gettext(i18n.SOURCE_LABEL))
        place = {
            panel: (sheet, column, width)
            for sheet, face in enumerate(SHEETS[clinic.paper], 1)
            for column, (panel, width) in enumerate(face, 1)
        }
        laid_out = definition(self.definition_path, SECTIONS, PANELS).panels
        offered = content.offers(clinic)
        panels = []
        for index, (panel_id, sections) in enumerate(laid_out):
            sheet, column, width = place[panel_id]
            # Floats fill a face from both edges in reading order: a panel read before one that sits to its left
            # floats right (the cover, read first, on the right of the outside face); the others float left.
            later = [place[other][1] for other, _ in laid_out[index + 1 :] if place[other][0] == sheet]
            side = "right" if any(other < column for other in later) else "left"
            blocks = tuple(self._block(entry, words, clinic, numbering, offered) for entry in sections)
            panels.append(Panel(panel_id, sheet, column, width, side, blocks))
        numbering.number_all(words.references)
        return Document(
            kind=self.name,
            name=self.stem(topic),
            topic=topic,
            language=language,
            title=words.title,
            summary=words.tagline,
            blocks=(),
            citations=numbering.citations(),
            review=words.review,
            inputs=self.inputs(topic, language),
            panels=tuple(sorted(panels, key=lambda panel: panel.sheet)),
        )

    def _block(
        self,
        entry: str,
        words: content.BrochureContent,
        clinic: Clinic,
        numbering: Numbering,
        offered: frozenset[str],
    ) -> Block:
        if entry.startswith("brochure."):
            return text_block(words.sections[entry.removeprefix("brochure.")], numbering, offered)
        parts: list[Part] = []
        if entry in _INTRODUCES:
            parts.append(part(words.sections[_INTRODUCES[entry]], numbering, offered))
        if entry == "routes":
            # The same short lines as the handout's, from the shared file: the spray the clinic names, the places
            # it gives doses other than its own rooms.
            shared = content.shared_content(words.language)
            parts += [
                Part(route, "", rich_text(shared.route_line(route, clinic.spray), numbering, offered), route=route)
                for route in clinic.routes
            ]
            parts += [
                Part(setting, "", rich_text(shared.sheet_settings[setting], numbering, offered))
                for setting in clinic.settings
                if setting != "clinic"
            ]
        return Block(entry, entry, tuple(parts))
