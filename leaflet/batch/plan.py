"""Expand clinics into build jobs: one per clinic × document × (location) × language × format.

A job is small, pure data: everything a worker process needs to render one output file. Jobs know nothing about
whether they are up to date; `leaflet.batch.incremental` decides that from their keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from leaflet.document import handout_names
from leaflet.model import Clinic

FORMATS = ("pdf", "html")

# Expected render seconds, to start the slowest jobs first (so no worker is left alone with a long job at the
# end) and to estimate the time left. Measured on 2 shared cores: a handout PDF ~0.4 s, its HTML ~8 ms; a tri-fold
# brochure (later) costs about twice a handout. The last build's measured times replace these when known.
KIND_SECONDS = {"handout": 0.4, "brochure": 0.8}
FORMAT_FACTOR = {"pdf": 1.0, "html": 0.02}


@dataclass(frozen=True)
class Job:
    """One output file to build; a pure function of its inputs."""

    clinic: Clinic
    kind: str  # the document kind: "handout"
    name: str  # the document's name within the clinic: "ptsd"
    language: str
    format: str  # "pdf" or "html"
    location: str | None = None  # a location id, for documents made per location (brochures); None: the clinic

    @property
    def id(self) -> str:
        """The job's name and its output's path inside the output folder: "austin/ptsd.en.pdf"."""
        return str(self.output)

    @property
    def output(self) -> PurePosixPath:
        """Where the file goes, relative to the output folder: <clinic-id>[/<location>]/<document>.<lang>.<format>."""
        folder = PurePosixPath(self.clinic.id, self.location) if self.location else PurePosixPath(self.clinic.id)
        return folder / f"{self.name}.{self.language}.{self.format}"

    @property
    def thumbnail(self) -> PurePosixPath | None:
        """The gallery's picture of a PDF's first page. `_gallery` cannot clash with a clinic id (no `_` there)."""
        if self.format != "pdf":
            return None
        return PurePosixPath("_gallery") / self.output.with_suffix(".png")

    @property
    def files(self) -> tuple[PurePosixPath, ...]:
        """Every file this job writes."""
        return (self.output,) if self.thumbnail is None else (self.output, self.thumbnail)

    @property
    def cost(self) -> float:
        """Expected seconds to render, before any build has measured it."""
        return KIND_SECONDS.get(self.kind, 0.4) * FORMAT_FACTOR.get(self.format, 1.0)

    def describe(self) -> str:
        return self.id


def plan_jobs(clinics: list[Clinic], formats: tuple[str, ...] = FORMATS) -> list[Job]:
    """Every output of `clinics`, in a stable order: clinic, language, document, format."""
    jobs: list[Job] = []
    for clinic in clinics:
        for language in clinic.languages:
            for name in handout_names(clinic, language):
                jobs.extend(Job(clinic, "handout", name, language, fmt) for fmt in formats)
    return jobs


def plan_warnings(clinic: Clinic) -> list[str]:
    """What a clinic asks for that it will not get, for the gallery and the report."""
    warnings: list[str] = []
    for language in clinic.languages:
        built = set(handout_names(clinic, language))
        missing = [c for c in clinic.conditions if c not in built]
        if missing:
            warnings.append(f"no {language} handout for {', '.join(missing)}: there is no content for it yet")
    return warnings


def slowest_first(jobs: list[Job], known_seconds: dict[str, float]) -> list[Job]:
    """Jobs ordered by expected render time, longest first: last build's time when known, else the estimate.

    Ties keep the plan's order, so the dispatch order (not the outputs, which never depend on it) is stable.
    """
    return sorted(jobs, key=lambda job: -known_seconds.get(job.id, job.cost))


def by_document(jobs: list[Job]) -> list[tuple[Job, ...]]:
    """The jobs grouped by the document they render (its PDF and its HTML), in the order of each group's first
    job: a worker makes the document's HTML once for both, and the HTML job costs nothing more.

    Within a group the cheapest job comes first: the HTML result is written while the PDF renders, and the
    worker gets its next document as soon as the PDF is sent, instead of waiting while the PDF is written.
    """
    groups: dict[tuple[str, str | None, str, str, str], list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.clinic.id, job.location, job.kind, job.name, job.language), []).append(job)
    return [tuple(sorted(group, key=lambda job: job.cost)) for group in groups.values()]
