"""Expand clinics into build jobs: one per clinic × document × language × format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from leaflet.document import handout_names
from leaflet.model import Clinic

FORMATS = ("pdf", "html")


@dataclass(frozen=True)
class Job:
    """One output file to build; a pure function of its inputs."""

    clinic: Clinic
    kind: str  # the document kind: "handout"
    name: str  # the document's name within the clinic: "ptsd"
    language: str
    format: str  # "pdf" or "html"

    @property
    def output(self) -> PurePosixPath:
        """Where the file goes, relative to the output folder: <clinic-id>/<document>.<lang>.<format>."""
        return PurePosixPath(self.clinic.id, f"{self.name}.{self.language}.{self.format}")

    def describe(self) -> str:
        return f"{self.clinic.id}/{self.name}.{self.language}.{self.format}"


def plan_jobs(clinics: list[Clinic], formats: tuple[str, ...] = FORMATS) -> list[Job]:
    jobs: list[Job] = []
    for clinic in clinics:
        for language in clinic.languages:
            for name in handout_names(clinic, language):
                jobs.extend(Job(clinic, "handout", name, language, fmt) for fmt in formats)
    return jobs
