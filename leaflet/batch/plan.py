"""Expand clinics into build jobs: one per clinic × document × (location) × language × format.

A job is small, pure data: everything a worker process needs to render one output file. Jobs know nothing about
whether they are up to date; `leaflet.batch.incremental` decides that from their keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from leaflet import review, translation
from leaflet.documents import KINDS
from leaflet.model import Clinic
from leaflet.render.formats import DEFAULT_FORMATS, PRINT
from leaflet.render.formats import FORMATS as OUTPUT_FORMATS
from leaflet.render.print_ready import PrintOptions, PrintSetup

FORMATS = DEFAULT_FORMATS  # what a build makes unless asked for more (--print-ready)
ALL_KINDS = tuple(KINDS)


@dataclass(frozen=True)
class Job:
    """One output file to build; a pure function of its inputs."""

    clinic: Clinic
    kind: str  # a key of leaflet.documents.KINDS
    name: str  # the document's name within the clinic, its output's stem: "ptsd", "brochure.north"
    language: str
    format: str  # a key of leaflet.render.formats.FORMATS
    topic: str | None = None  # what the document is about within its kind: a condition, a location id, or None
    print_setup: PrintSetup | None = None  # a print file's marks and colour profile (its key hashes them)

    @property
    def location(self) -> str | None:
        """The location a document is made for, for documents made per location."""
        return self.topic if KINDS[self.kind].scope == "location" else None

    @property
    def id(self) -> str:
        """The job's name and its output's path inside the output folder: "austin/ptsd.en.pdf"."""
        return str(self.output)

    @property
    def output(self) -> PurePosixPath:
        """Where the file goes, relative to the output folder: <clinic-id>/<document>.<lang>.<format>."""
        return job_files(self.clinic.id, self.name, self.language, self.format)[0]

    @property
    def thumbnail(self) -> PurePosixPath | None:
        """The gallery's picture of a PDF's first page."""
        files = self.files
        return files[1] if len(files) > 1 else None

    @property
    def files(self) -> tuple[PurePosixPath, ...]:
        """Every file this job writes."""
        return job_files(self.clinic.id, self.name, self.language, self.format)

    @property
    def cost(self) -> float:
        """Expected seconds to render, before any build has measured it."""
        return KINDS[self.kind].seconds * OUTPUT_FORMATS[self.format].cost

    def describe(self) -> str:
        return self.id


def job_files(clinic_id: str, name: str, language: str, fmt: str) -> tuple[PurePosixPath, ...]:
    """Every file the job of that clinic, document, language and format writes, inside the output folder: its
    output, then the gallery's picture of it for a format that has one (`_gallery` cannot clash with a clinic id:
    no `_` there). Also what --prune may remove for a manifest entry (leaflet.batch.manifest)."""
    output = PurePosixPath(clinic_id, f"{name}.{language}.{fmt}")
    if fmt not in OUTPUT_FORMATS or not OUTPUT_FORMATS[fmt].thumbnail:
        return (output,)
    return (output, PurePosixPath("_gallery") / output.with_suffix(".png"))


def plan_jobs(
    clinics: list[Clinic],
    formats: tuple[str, ...] = FORMATS,
    kinds: tuple[str, ...] = ALL_KINDS,
    printing: PrintOptions | None = None,
    languages: tuple[str, ...] | None = None,
) -> list[Job]:
    """Every output of `clinics` (of `kinds`, in `formats`, in those of `languages` each clinic lists; None: all
    it lists), in a stable order: clinic, language, kind, document, format. Print files are made with
    `printing`'s setup for their clinic."""
    jobs: list[Job] = []
    printing = printing or PrintOptions()
    for clinic in clinics:
        setup = printing.setup(clinic) if PRINT in formats else None
        for language in (lang for lang in clinic.languages if languages is None or lang in languages):
            for kind in (KINDS[name] for name in KINDS if name in kinds):
                for topic in kind.topics(clinic, language):
                    jobs.extend(
                        Job(clinic, kind.name, kind.stem(topic), language, fmt, topic, setup if fmt == PRINT else None)
                        for fmt in formats
                    )
    return jobs


def plan_warnings(clinic: Clinic) -> list[str]:
    """What a clinic asks for that it will not get (a document, a sign-off printed on its leaflets, a translation
    in step with its English), for the gallery, the report and `leaflet validate`."""
    return (
        [
            warning
            for language in clinic.languages
            for kind in KINDS.values()
            for warning in kind.warnings(clinic, language)
        ]
        + review.warnings(clinic)
        + [warning for language in clinic.languages for warning in translation.warnings(language)]
    )


def language_notes(clinics: list[Clinic], languages: tuple[str, ...] | None) -> list[str]:
    """For `--lang`: each language asked for that a clinic does not list, and so does not get."""
    return [
        f"{clinic.source}: skipped {language}: the clinic lists {', '.join(clinic.languages)}"
        for clinic in clinics
        for language in languages or ()
        if language not in clinic.languages
    ]


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
    groups: dict[tuple[str, str, str], list[Job]] = {}
    for job in jobs:
        groups.setdefault((job.clinic.id, job.name, job.language), []).append(job)
    return [tuple(sorted(group, key=lambda job: job.cost)) for group in groups.values()]
