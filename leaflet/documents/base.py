"""What every document kind declares: what it is made for, from which files, with which template, on what page.

A kind is one small class (see handout.py, brochure.py) listed once in leaflet.documents.KINDS. Planning, job
keys, the worker, rendering and the gallery read these declarations and never name a kind.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar, Literal

from leaflet import content, resources
from leaflet.documents.parts import Document
from leaflet.model import Clinic

Scope = Literal["clinic", "condition", "location"]
Orientation = Literal["portrait", "landscape"]


class DocumentKind(ABC):
    """A kind of document: the handout, the brochure, ..."""

    name: ClassVar[str]  # "handout": the key in KINDS, the definition file's and the template's name
    scope: ClassVar[Scope]  # one document per clinic, per condition it treats, or per location
    stylesheets: ClassVar[tuple[str, ...]]  # inside templates/, inlined in this order
    orientation: ClassVar[Orientation]  # on the clinic's paper
    max_pages: ClassVar[int | None]  # a PDF with more pages fails, naming what does not fit (see render.overflow)
    seconds: ClassVar[float]  # expected seconds to render its PDF, before a build has measured it
    # What its paper layout may leave out, in order, when the document does not fit max_pages: each step says
    # what it drops and where the reader finds it ("names no locations (the guide lists them)"). The templates
    # read Document.fit, the number of steps taken; the build tries 0, 1, ... and warns which it took.
    fit_steps: ClassVar[tuple[str, ...]] = ()

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"

    @property
    def definition_path(self) -> Path:
        return resources.documents_dir() / f"{self.name}.yaml"

    def topics(self, clinic: Clinic, language: str) -> tuple[str | None, ...]:
        """What each of the clinic's documents of this kind is about, in the clinic's order: conditions (those
        this kind has content for), location ids (None for a clinic without locations), or just None."""
        if self.scope == "condition":
            return tuple(c for c in clinic.conditions if self.has_content(c, language))
        if self.scope == "location":
            return tuple(location.id for location in clinic.locations) or (None,)
        return (None,)

    def has_content(self, topic: str, language: str) -> bool:
        """Whether this kind can be made about `topic` (kinds made per condition override this)."""
        return True

    def stem(self, topic: str | None) -> str:
        """The output file's name before `.<lang>.<format>`: "ptsd", "brochure.north", "brochure"."""
        if self.scope == "condition" and topic is not None:
            return topic
        return self.name if topic is None else f"{self.name}.{topic}"

    def view(self, clinic: Clinic, topic: str | None) -> Clinic:
        """The part of the clinic a document reads: all of it, unless a kind narrows it (a location's brochure
        sees only its location). Job keys hash this, so editing what a document does not read rebuilds nothing."""
        return clinic

    def warnings(self, clinic: Clinic, language: str) -> list[str]:
        """What the clinic asks for that this kind will not make, for the user."""
        return []

    @abstractmethod
    def inputs(self, topic: str | None, language: str) -> tuple[Path, ...]:
        """The data files a document is made from, found without reading them (for job keys)."""

    @abstractmethod
    def make(self, clinic: Clinic, topic: str | None, language: str) -> Document:
        """The document for `clinic` (already narrowed by `view`) about `topic` in `language`."""


class ConditionKind(DocumentKind):
    """A kind made for each condition the clinic treats that has content: from the condition's file and the shared
    ketamine file (the handout and the guide)."""

    scope: ClassVar[Scope] = "condition"

    def has_content(self, topic: str, language: str) -> bool:
        return topic in content.conditions_with_content(language)

    def inputs(self, topic: str | None, language: str) -> tuple[Path, ...]:
        assert topic is not None, f"a {self.name} is about a condition"
        return (
            self.definition_path,
            resources.content_dir() / "references.yaml",
            content.condition_path(language, topic),
            content.shared_path(language),
        )
