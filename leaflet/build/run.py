"""Run build jobs: render each leaflet and write it in place atomically."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from leaflet.build.output import output_path, write_atomic
from leaflet.build.plan import Job
from leaflet.document import handout
from leaflet.errors import LeafletError
from leaflet.render import render_html, render_pdf


@dataclass
class BuildReport:
    built: list[Path] = field(default_factory=list)
    failed: list[tuple[Job, str]] = field(default_factory=list)
    seconds: float = 0.0


def source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isdigit() else None


def render_job(job: Job) -> bytes:
    """The bytes of one output: a pure function of the job's inputs."""
    document = handout(job.clinic, job.name, job.language)
    html = render_html(document, job.clinic, source_date_epoch())
    if job.format == "html":
        return html.encode("utf-8")
    return render_pdf(html)


def build(
    jobs: list[Job],
    out_dir: Path,
    keep_going: bool = False,
    on_done: Callable[[Job, str | None], None] | None = None,
) -> BuildReport:
    """Build every job into `out_dir`. A failing job stops the build unless `keep_going`."""
    report = BuildReport()
    started = time.perf_counter()
    for job in jobs:
        target = output_path(out_dir, job.output)
        try:
            write_atomic(target, render_job(job))
        except LeafletError as exc:
            report.failed.append((job, str(exc)))
            if on_done:
                on_done(job, str(exc))
            if not keep_going:
                break
            continue
        report.built.append(target)
        if on_done:
            on_done(job, None)
    report.seconds = time.perf_counter() - started
    return report
