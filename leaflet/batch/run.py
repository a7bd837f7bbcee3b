"""Run a build plan: render what is out of date in worker processes, write each file atomically, record it in
the manifest, then prune, and write the gallery.

Only this process writes into the output folder, and only through leaflet.batch.output.write_output: a worker
killed for its time or memory limit, or Ctrl-C, can never leave half a file. Ctrl-C or SIGTERM only sets a flag;
the build then stops its workers, saves the manifest of what was written and raises KeyboardInterrupt (exit 130)
or Terminated (exit 143). One build at a time writes into a folder (leaflet.batch.lock): a second one waits.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from leaflet.batch import worker
from leaflet.batch.gallery import GALLERY_NAME, write_gallery
from leaflet.batch.incremental import BuildPlan, plan_build
from leaflet.batch.keys import JobKey
from leaflet.batch.lock import output_lock
from leaflet.batch.manifest import MANIFEST_NAME, Entry, Manifest, record, resolved
from leaflet.batch.output import write_output
from leaflet.batch.plan import ALL_KINDS, FORMATS, Job, by_document, slowest_first
from leaflet.batch.pool import Control, InlinePool, ProcessPool
from leaflet.batch.progress import Progress
from leaflet.batch.prune import prune
from leaflet.batch.report import BuildReport, BuildWarning, JobOutcome, left_alone
from leaflet.batch.thumbnail import thumbnail_png
from leaflet.clock import source_date_epoch
from leaflet.errors import LeafletError, Problem, Terminated
from leaflet.model import Clinic
from leaflet.render.formats import FORMATS as OUTPUT_FORMATS
from leaflet.render.formats import PRINT
from leaflet.render.print_ready import PrintOptions
from leaflet.validate import check_clinics, load_clinics

OnDone = Callable[[Job, str | None], None]
# More workers than this per usable core only add memory and start-up time: each render is CPU-bound.
WORKERS_PER_CORE = 4


@dataclass(frozen=True)
class BuildOptions:
    jobs: int | None = None  # worker processes; None: the usable cores; 0: render in this process, no limits
    keep_going: bool = False  # a failed job does not stop the others
    force: bool = False  # rebuild even what is up to date
    prune: bool = False  # remove stale outputs
    timeout: float = 60.0  # seconds one render may take before its worker is stopped
    max_memory_mib: int = 1536  # address space one worker may use (RLIMIT_AS)
    formats: tuple[str, ...] = FORMATS
    kinds: tuple[str, ...] = ALL_KINDS  # the document kinds to build; outputs of the others are left alone
    languages: tuple[str, ...] | None = None  # the languages to build (of those each clinic lists); None: all
    gallery: bool = True
    take_over: frozenset[str] = frozenset()  # clinic ids whose outputs another clinic file may replace
    printing: PrintOptions = field(default_factory=PrintOptions)  # print files' crop marks and colour profile


def usable_cores() -> int:
    """The cores this process may run on (its affinity, e.g. a container's CPU set), not the machine's."""
    counted = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counted is not None:
        return max(1, counted() or 1)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def read_clinics(paths: list[Path], keep_going: bool) -> tuple[list[Clinic], list[Problem]]:
    """Validate every clinic file before anything renders. One invalid file stops the build (InvalidInput: exit 2,
    nothing written) unless `keep_going`: then the valid clinics come back with the problems of the others."""
    if keep_going:
        return check_clinics(paths)
    return load_clinics(paths), []


def read_and_lint(
    paths: list[Path], keep_going: bool, lint: bool = True
) -> tuple[list[Clinic], list[Problem], list[BuildWarning]]:
    """read_clinics, then lint them (leaflet.lint.gate): a clinic with a lint error is refused like an invalid
    one; lint warnings come back as build warnings. `lint=False` (--no-lint) skips the lint."""
    clinics, problems = read_clinics(paths, keep_going)
    if not lint:
        return clinics, problems, []
    from leaflet.lint.gate import lint_before_build  # the lint's rules load only when a build lints

    clinics, refused, warnings = lint_before_build(clinics, keep_going)
    return clinics, problems + refused, [BuildWarning(clinic, None, message) for clinic, message in warnings]


def build_clinics(
    clinics: list[Clinic],
    out_dir: Path,
    options: BuildOptions | None = None,
    problems: list[Problem] | None = None,
    progress: Progress | None = None,
    *,
    inputs: list[Path] | None = None,
    report: BuildReport | None = None,
    workers: ProcessPool | None = None,
) -> BuildReport:
    """Build every output of `clinics` into `out_dir` that is not up to date.

    `inputs`: the paths the clinics were read from; a clinic file gone from a folder among them was deleted (its
    outputs are stale), while one gone from anywhere else may have moved. `report`: filled in as the build goes,
    so that a caller holding it can still report an interrupted build. `workers`: a lasting pool to render with
    (lasting_workers), instead of worker processes started for this build.
    """
    options = options or BuildOptions()
    progress = progress or Progress(out_dir)
    report = report or BuildReport(out_dir)
    report.problems = problems or report.problems
    with output_lock(out_dir, progress.waiting):
        plan = plan_build(
            clinics,
            out_dir,
            force=options.force,
            formats=options.formats,
            kinds=options.kinds,
            languages=options.languages,
            inputs=inputs or [],
            take_over=options.take_over,
            printing=options.printing,
        )
        if PRINT in options.formats and (srgb := options.printing.without_profile(clinics)):
            report.notices.append(BuildWarning(None, None, srgb))
        return run_plan(plan, options, report, progress, workers=workers)


def build(
    jobs: list[Job],
    out_dir: Path,
    keep_going: bool = False,
    on_done: OnDone | None = None,
    options: BuildOptions | None = None,
) -> BuildReport:
    """Build `jobs` (from plan_jobs) into `out_dir`; a failing job stops the build unless `keep_going`."""
    options = options or BuildOptions(keep_going=keep_going)
    clinics = list({job.clinic.id: job.clinic for job in jobs}.values())
    progress = Progress(out_dir)
    with output_lock(out_dir, progress.waiting):
        plan = plan_build(clinics, out_dir, force=options.force, jobs=jobs, take_over=options.take_over)
        return run_plan(plan, options, BuildReport(out_dir), progress, on_done)


def run_plan(
    plan: BuildPlan,
    options: BuildOptions,
    report: BuildReport,
    progress: Progress,
    on_done: OnDone | None = None,
    workers: ProcessPool | None = None,
) -> BuildReport:
    """Run `plan`, filling in `report`; the caller holds the output folder's lock."""
    started = time.perf_counter()
    out_dir, manifest = plan.out_dir, plan.manifest
    report.notes += [manifest.problem] if manifest.problem else []
    if manifest.foreign:
        named = f"{out_dir / MANIFEST_NAME} lists them, but not as the files of its own entries' jobs; ignored"
        report.notices.append(left_alone(manifest.foreign, f"{named}, and left out of the manifest from now on"))
    report.clinics = plan.clinics
    outcomes = {d.job.id: JobOutcome(d.job, "not run" if d.reason else "up to date", d.reason) for d in plan.decisions}
    report.outcomes = list(outcomes.values())
    for job_id, outcome in outcomes.items():
        if outcome.reason is None:  # up to date: its warnings still hold, and the manifest kept them
            outcome.warnings = list(manifest.entries[job_id].warnings)
    keys = {d.job.id: d.key for d in plan.decisions}
    known = {job_id: entry.seconds for job_id, entry in manifest.entries.items()}
    todo = slowest_first([d.job for d in plan.to_build], known)
    tasks = by_document(todo)
    size = min(_workers(options.jobs, report), len(tasks))
    if workers is not None and size > 0:
        pool: ProcessPool | InlinePool = workers
        size = min(workers.size, len(tasks))
    elif size > 0:
        warm_pdf = any("weasyprint" in OUTPUT_FORMATS[job.format].libraries for job in todo)
        pool = ProcessPool(size, _settings(options), options.timeout, warm_pdf)
    else:
        pool = InlinePool(_settings(options))
    report.workers = size
    control = Control()

    def finished(job: Job, result: worker.JobResult) -> None:
        outcome = outcomes[job.id]
        outcome.seconds, outcome.warnings = result.seconds, result.warnings
        outcome.error = result.error or _write(out_dir, job, result, keys[job.id], manifest.entries)
        outcome.status = "failed" if outcome.error else "built"
        outcome.files = [] if outcome.error else list(manifest.entries[job.id].files)
        if outcome.error and not options.keep_going:
            control.draining = True
        progress.finished(outcome)
        if on_done:
            on_done(job, outcome.error)

    progress.start({job.id: known.get(job.id, job.cost) for job in todo}, len(plan.up_to_date))
    try:
        with _signals_stop(control):
            pool.run(tasks, progress.started, finished, control)
        if control.aborted:
            raise Terminated if control.signal == signal.SIGTERM else KeyboardInterrupt
        report.stale = plan.stale
        if options.prune and plan.stale:
            pruned = prune(out_dir, manifest, plan.stale)
            report.pruned, report.kept, report.stale = pruned.remove, pruned.keep, []
            if pruned.foreign:
                why = f"in {out_dir}: a link, a FIFO or a device where a leaflet was; remove it if it is not yours"
                report.notices.append(left_alone(pruned.foreign, why))
    except BaseException:
        # Saved whatever happened (Ctrl-C, a bug): it lists what was written, for --prune and next time. If it
        # cannot be saved either (a full disk), the first error is the one to report.
        progress.close()
        with contextlib.suppress(LeafletError):
            _save_manifest(manifest, plan)
        raise
    progress.close()
    report.worker_stats = pool.stats
    _save_manifest(manifest, plan)
    if options.gallery and (manifest.entries or (out_dir / GALLERY_NAME).exists()):
        write_gallery(out_dir, manifest, report)
    report.seconds = time.perf_counter() - started
    return report


def lasting_workers(options: BuildOptions) -> ProcessPool:
    """Worker processes that outlast a build, for a caller that builds again and again (the preview): each build
    given them (`workers=`) hands them its jobs, and they stay warm for the next; the caller closes them."""
    size = usable_cores() if options.jobs is None else max(1, options.jobs)
    return ProcessPool(size, _settings(options), options.timeout, warm_pdf=True, lasting=True)


def _settings(options: BuildOptions) -> worker.Settings:
    return worker.Settings(source_date_epoch(), options.max_memory_mib, os.environ.get(worker.FAULT_VARIABLE, ""))


def _workers(requested: int | None, report: BuildReport) -> int:
    """The worker processes to start: the usable cores by default; at most WORKERS_PER_CORE per usable core."""
    cores = usable_cores()
    if requested is None:
        return cores
    cap = WORKERS_PER_CORE * cores
    if requested > cap:
        report.notices.append(
            BuildWarning(
                None,
                None,
                f"-j {requested} is more than {WORKERS_PER_CORE} workers for each of the {cores} usable cores, "
                f"which only costs memory; using -j {cap}",
            )
        )
        return cap
    return requested


def _write(out_dir: Path, job: Job, result: worker.JobResult, key: JobKey, entries: dict[str, Entry]) -> str | None:
    """Write a job's files (and a PDF's thumbnail) and record them; the error message if that fails."""
    files = {}
    try:
        outputs = list(result.files)
        if job.thumbnail is not None and outputs:
            outputs.append((str(job.thumbnail), thumbnail_png(outputs[0][1])))
        for path, data in outputs:
            files[path] = record(data, write_output(out_dir, path, data))
    except LeafletError as exc:  # a full disk, a path outside --out, a PDF PDFium cannot draw
        return str(exc)
    entries[job.id] = Entry(
        clinic=job.clinic.id,
        source=resolved(job.clinic.source),
        kind=job.kind,
        name=job.name,
        language=job.language,
        format=job.format,
        key=key.key,
        parts=key.parts,
        files=files,
        title=result.title,
        seconds=round(result.seconds, 3),
        warnings=result.warnings,
        location=job.location,
    )
    return None


def _save_manifest(manifest: Manifest, plan: BuildPlan) -> None:
    """Record this build's clinics (forgetting those with no outputs left that were not part of it), then save."""
    manifest.clinics.update(plan.clinics)
    with_outputs = {entry.clinic for entry in manifest.entries.values()}
    for clinic_id in list(manifest.clinics):
        if clinic_id not in with_outputs and clinic_id not in plan.clinics:
            del manifest.clinics[clinic_id]
    manifest.save(plan.out_dir)


@contextlib.contextmanager
def _signals_stop(control: Control) -> Iterator[None]:
    """While the pool runs, Ctrl-C (SIGINT) or SIGTERM sets a flag instead of raising in the middle of a write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        control.aborted = True
        control.signal = control.signal or signum  # the first one names the exit code

    previous = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
