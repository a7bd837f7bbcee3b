"""What the render benchmarks share (browser.py, profile.py): the sample clinics' documents as the HTML leaflet
gives WeasyPrint, and one warm render of it as leaflet's worker does it.

The HTML comes from leaflet.render.html for each PDF job `leaflet build data/clinics` plans, made the way
leaflet.batch.worker makes it (kind.view, kind.make, render_html), so the figures are of the same documents a
build writes.
"""

from __future__ import annotations

import gc
import statistics
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "clinics"


@dataclass(frozen=True)
class Sample:
    job_id: str  # "austin/ptsd.en.pdf"
    kind: str  # a key of leaflet.documents.KINDS
    html: str


def sample_documents(folder: Path = SAMPLES) -> list[Sample]:
    """The HTML of every PDF a build of `folder` makes, in the plan's order."""
    from leaflet.batch.plan import plan_jobs
    from leaflet.documents import KINDS
    from leaflet.render.html import render_html
    from leaflet.validate import clinic_files, load_clinics

    clinics = load_clinics(clinic_files([folder]))
    samples = []
    for job in plan_jobs(clinics, formats=("pdf",)):
        kind = KINDS[job.kind]
        clinic = kind.view(job.clinic, job.topic)
        document = kind.make(clinic, job.topic, job.language)
        samples.append(Sample(job.id, job.kind, render_html(document, clinic)))
    return samples


_TUNED: list[bool] = []  # whether tune_like_worker() ran: then each render ends with a collection, as in a worker


def render_like_worker(sample: Sample) -> bytes:
    """The PDF of a sample as leaflet's worker renders it (leaflet.render.formats, with the kind's page limit)."""
    from leaflet.documents import KINDS
    from leaflet.render.formats import FORMATS

    pdf = FORMATS["pdf"].render(sample.html, KINDS[sample.kind], None)
    if _TUNED:
        gc.collect()  # leaflet.batch.worker collects after each document
    return pdf


def tune_like_worker() -> None:
    """The garbage collector's settings a worker takes once it is warm (leaflet.batch.worker): call after a first
    render, as the worker does after its first document."""
    from leaflet.batch.worker import _tune_gc

    _tune_gc()
    _TUNED.append(True)


def by_kind(samples: list[Sample]) -> dict[str, list[Sample]]:
    kinds: dict[str, list[Sample]] = {}
    for sample in samples:
        kinds.setdefault(sample.kind, []).append(sample)
    return kinds


def median_ratio(ones: list[float], others: list[float]) -> float:
    """The median of each round's own ratio: the machine's speed drifts between rounds, not within one."""
    return statistics.median(one / other for one, other in zip(ones, others, strict=True))


def runs(values: list[float], scale: float = 1.0, digits: int = 0) -> str:
    return "[" + ", ".join(f"{scale * value:.{digits}f}" for value in values) + "]"
