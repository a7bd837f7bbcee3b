"""What a build did, as a summary for people, a plan for --dry-run and a JSON report for scripts (--json).

The JSON report (`BuildReport.to_json()`), format 1. It is written however the build ends: built, failed,
interrupted (exit 130 or 143), or refused before building (invalid input, an unusable output folder: exit 2).

    {
      "format": 1,
      "leaflet": "0.1.0",                     # leaflet's version
      "out": "output",                        # the output folder
      "seconds": 12.3,                        # wall time of the build
      "workers": 2,                           # worker processes (0: rendered in the leaflet process)
      "interrupted": false,                   # stopped by Ctrl-C (exit 130) or SIGTERM (exit 143)
      "exit_code": 0,                         # what `leaflet build` exits with
      "error": null,                          # why the build stopped before the end, when it did
      "summary": {"built": 26, "up_to_date": 0, "failed": 0, "not_run": 0,
                  "input_problems": 0, "stale": 0, "pruned": 0, "warnings": 1},
      "jobs": [                               # one per output, in plan order
        {"id": "austin/ptsd.en.pdf", "clinic": "austin", "location": null, "kind": "handout",
         "document": "ptsd", "language": "en", "format": "pdf",
         "status": "built",                   # built | up to date | failed | not run
         "reason": "new",                     # why it was (to be) built; null when up to date
         "files": ["austin/ptsd.en.pdf", "_gallery/austin/ptsd.en.png"],   # inside "out"
         "seconds": 0.41, "error": null, "warnings": []}
      ],
      "problems": [{"file": "x.yaml", "line": 3, "column": 14, "field": "routes[1]", "message": "..."}],
      "warnings": [                           # what the terminal prints as `warning: ...` (the gallery too)
        {"clinic": "austin", "job": null, "message": "no en handout for ocd: there is no content for it yet"}
      ],                                      # a job's warnings (WeasyPrint's) name the job; the build's
                                              # own (e.g. -j capped) name neither
      "stale": ["old/ptsd.en.pdf"],          # outputs no job makes any more (left in place without --prune)
      "pruned": ["old/ptsd.en.pdf"],         # files --prune removed
      "kept": [],                            # stale files --prune kept because they were changed by hand
      "worker_stats": [{"pid": 123, "jobs": 13, "peak_rss_kib": 98304,   # resident memory, KiB: its peak,
                        "first_rss_kib": 90000, "middle_rss_kib": 90800,  # after the first PDF, halfway
                        "last_rss_kib": 91000}]                           # and at the end
    }
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from leaflet import __version__
from leaflet.batch.incremental import BuildPlan
from leaflet.batch.manifest import ClinicRecord
from leaflet.batch.output import write_atomic
from leaflet.batch.plan import Job
from leaflet.batch.pool import WorkerStats
from leaflet.batch.prune import prune_plan
from leaflet.errors import (
    EXIT_INTERRUPTED,
    EXIT_LEAFLET_FAILED,
    EXIT_OK,
    EXIT_TERMINATED,
    InvalidInput,
    LeafletError,
    Problem,
    Terminated,
)
from leaflet.plain_text import shown_path

REPORT_FORMAT = 1


@dataclass
class JobOutcome:
    job: Job
    status: str  # "built", "up to date", "failed" or "not run"
    reason: str | None  # why it was to be built; None when up to date
    files: list[str] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class BuildWarning:
    """Something the user should know that is not an error: a document a clinic asks for but will not get, a
    WeasyPrint warning, an option leaflet adjusted. Printed, reported in JSON and shown in the gallery."""

    clinic: str | None  # the clinic it concerns; None for the build as a whole
    job: str | None  # the job it concerns ("austin/ptsd.en.pdf"); None for the clinic or the build
    message: str

    def __str__(self) -> str:
        subject = self.job or self.clinic
        return f"{subject}: {self.message}" if subject else self.message


@dataclass
class BuildReport:
    out_dir: Path
    outcomes: list[JobOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    worker_stats: list[WorkerStats] = field(default_factory=list)
    workers: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # e.g. an unreadable manifest
    clinics: dict[str, ClinicRecord] = field(default_factory=dict)  # this build's clinics, with their warnings
    notices: list[BuildWarning] = field(default_factory=list)  # the build's own warnings (-j capped, ...)
    stopped: int | None = None  # the exit code when the build ended early: 130, 143 or 2 (refused)
    error: str | None = None  # why it ended early

    @property
    def interrupted(self) -> bool:
        return self.stopped in (EXIT_INTERRUPTED, EXIT_TERMINATED)

    @property
    def warnings(self) -> list[BuildWarning]:
        """Every warning, from the one list each source feeds: the build's, each clinic's (its plan warnings,
        see leaflet.batch.plan.plan_warnings), each job's (WeasyPrint's; kept in the manifest while up to date)."""
        found = list(self.notices)
        for clinic_id, record in sorted(self.clinics.items()):
            found += [BuildWarning(clinic_id, None, message) for message in record.warnings]
        for outcome in self.outcomes:
            found += [BuildWarning(outcome.job.clinic.id, outcome.job.id, message) for message in outcome.warnings]
        return found

    def with_status(self, status: str) -> list[JobOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def built(self) -> list[Path]:
        return [self.out_dir / o.job.output for o in self.with_status("built")]

    @property
    def failed(self) -> list[tuple[Job, str]]:
        return [(o.job, o.error or "failed") for o in self.with_status("failed")]

    @property
    def skipped(self) -> list[Job]:
        return [o.job for o in self.with_status("up to date")]

    @property
    def exit_code(self) -> int:
        if self.stopped is not None:
            return self.stopped
        return EXIT_LEAFLET_FAILED if self.failed or self.problems else EXIT_OK

    def summary(self) -> str:
        counts = (
            f"{len(self.built)} built, {len(self.skipped)} up to date, {len(self.failed)} failed, "
            f"{len(self.problems)} input problems, in {self.seconds:.1f} s."
        )
        lines = [*self.notes, counts]
        not_run = self.with_status("not run")
        if not_run:
            lines.append(f"{len(not_run)} not built: the build stopped at the first failure (see --keep-going).")
        if self.failed:
            lines.append("Failed: " + ", ".join(job.id for job, _ in self.failed))
        if self.problems:
            lines.append("Invalid, not built: " + ", ".join(sorted({shown_path(p.file) for p in self.problems})))
        if self.stale:
            lines.append(f"{len(self.stale)} stale outputs (their clinic or document is gone): {_few(self.stale)}")
            lines.append("  remove them with --prune.")
        if self.pruned:
            lines.append(f"Removed {len(self.pruned)} stale files: {_few(self.pruned)}")
        if self.kept:
            lines.append(f"Kept {len(self.kept)} stale files changed since leaflet wrote them: {_few(self.kept)}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "leaflet": __version__,
            "out": str(self.out_dir),
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "interrupted": self.interrupted,
            "exit_code": self.exit_code,
            "error": self.error,
            "summary": {
                "built": len(self.built),
                "up_to_date": len(self.skipped),
                "failed": len(self.failed),
                "not_run": len(self.with_status("not run")),
                "input_problems": len(self.problems),
                "stale": len(self.stale),
                "pruned": len(self.pruned),
                "warnings": len(self.warnings),
            },
            "jobs": [_job_json(o) for o in self.outcomes],
            "problems": [{**asdict(p), "file": str(p.file)} for p in self.problems],
            "warnings": [asdict(w) for w in self.warnings],
            "stale": self.stale,
            "pruned": self.pruned,
            "kept": self.kept,
            "worker_stats": [asdict(s) for s in self.worker_stats],
        }

    def write_json(self, path: Path) -> None:
        write_atomic(path, (json.dumps(self.to_json(), indent=2) + "\n").encode("utf-8"))


@contextlib.contextmanager
def reporting(report: BuildReport, json_file: Path | None) -> Iterator[BuildReport]:
    """Fill in how the build ended if it ends early, and write the JSON report however it ends: scripts (CI) read
    it after an interrupted or refused build too (`json_file` checked first: leaflet.batch.report_file). The
    exception goes on to the caller (the CLI's exit code)."""
    try:
        yield report
    except KeyboardInterrupt:
        report.stopped, report.error = EXIT_INTERRUPTED, "interrupted (Ctrl-C)"
        raise
    except Terminated:
        report.stopped, report.error = EXIT_TERMINATED, "stopped by SIGTERM"
        raise
    except InvalidInput as exc:
        report.problems = exc.problems
        report.stopped, report.error = exc.exit_code, "invalid input; nothing was built"
        raise
    except LeafletError as exc:
        report.stopped, report.error = exc.exit_code, str(exc)
        raise
    except Exception as exc:
        report.stopped, report.error = EXIT_LEAFLET_FAILED, f"internal error: {type(exc).__name__}: {exc}"
        raise
    finally:
        if json_file is not None:
            report.write_json(json_file)


def left_alone(paths: list[str], why: str) -> BuildWarning:
    """The warning for files in the output folder that leaflet did not write, and so neither reads nor removes."""
    return BuildWarning(None, None, f"left alone: {_few(paths)}, not written by leaflet ({why})")


def format_plan(plan: BuildPlan, prune: bool = False) -> str:
    """The plan as `leaflet build --dry-run` prints it: every output, whether it would be built, and why; then
    every file --prune removes (or, with `prune`, would remove now) and every stale file it keeps."""
    rows = [("build" if d.reason else "ok", d.job.id, d.reason or "up to date") for d in plan.decisions]
    pruning = prune_plan(plan.out_dir, plan.manifest, plan.stale)
    action, why = ("remove", "no longer built") if prune else ("stale", "no longer built; --prune removes it")
    rows += [(action, shown_path(path), why) for path in pruning.remove]
    rows += [
        ("keep", shown_path(path), "no longer built, but changed since leaflet wrote it; --prune keeps it")
        for path in pruning.keep
    ]
    foreign = "not written by leaflet (a link, a FIFO or a device); left alone"
    rows += [("keep", shown_path(path), foreign) for path in pruning.foreign]
    rows += [
        ("keep", shown_path(path), "named by the manifest, but not written by leaflet; left alone")
        for path in plan.manifest.foreign
    ]
    width = max((len(row[1]) for row in rows), default=0)
    lines = [f"{action:<6} {job_id:<{width}}  {why}" for action, job_id, why in rows]
    if plan.manifest.problem:
        lines.insert(0, plan.manifest.problem)
    lines.append(
        f"{len(plan.to_build)} to build, {len(plan.up_to_date)} up to date, {len(plan.stale)} stale "
        f"(in {shown_path(plan.out_dir)}). Nothing was written."
    )
    return "\n".join(lines)


def _job_json(outcome: JobOutcome) -> dict[str, Any]:
    job = outcome.job
    return {
        "id": job.id,
        "clinic": job.clinic.id,
        "location": job.location,
        "kind": job.kind,
        "document": job.name,
        "language": job.language,
        "format": job.format,
        "status": outcome.status,
        "reason": outcome.reason,
        "files": outcome.files,
        "seconds": round(outcome.seconds, 3),
        "error": outcome.error,
        "warnings": outcome.warnings,
    }


def _few(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(shown_path(name) for name in names[:limit])  # names found in the output folder
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
