"""What runs inside a worker process: render one document's jobs at a time, keeping warm state between them.

Warm state lives in the render modules' per-process caches: the Jinja environments, the parsed content, the
inlined fonts and CSS, and WeasyPrint's FontConfiguration (leaflet.render.pdf keeps one per process, so memory
stays flat over hundreds of documents). A worker never writes to the output folder: it sends the bytes back and
the parent writes them, so killing a runaway worker can never leave half a file behind.
"""

from __future__ import annotations

import fnmatch
import gc
import importlib
import logging
import os
import resource
import signal
import tempfile
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from leaflet.batch.plan import Job
from leaflet.errors import DoesNotFit, LeafletError, RenderFailed

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from leaflet.documents import DocumentKind
    from leaflet.documents.parts import Document
    from leaflet.model import Clinic
    from leaflet.render.formats import OutputFormat
    from leaflet.render.print_ready import PrintSetup

FAULT_VARIABLE = "LEAFLET_BUILD_FAULT"


@dataclass(frozen=True)
class Settings:
    """Everything besides the job that shapes an output; sent with each job so a worker needs no environment."""

    source_date_epoch: int | None = None
    memory_mib: int = 0  # the worker's address-space limit, for the message when it is hit
    # A test hook: "<action>:<job-id pattern>", comma-separated; actions fail, sleep, hog, crash, bug.
    # Set from LEAFLET_BUILD_FAULT by the parent. It lets the tests make one job fail, hang or blow its limits.
    fault: str = ""


@dataclass
class JobResult:
    job_id: str
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (path inside the output folder, bytes)
    title: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    fatal: bool = False  # the worker's state may be damaged (out of memory): it exits and is replaced
    seconds: float = 0.0
    peak_rss_kib: int = 0
    rss_kib: int = 0


Task = tuple[Job, ...]  # the jobs of one document (its PDF and its HTML), sent to a worker together


def render_task(task: Task, settings: Settings) -> Iterator[JobResult]:
    """Render the jobs of one document, yielding each result as soon as it is made. The document's HTML is made
    once: it is the HTML output and the PDF's input. After a fatal result (out of memory) nothing more comes.

    Errors a user can cause become a result's error; a bug is logged to a file and named in the error.
    """
    # Imported by the process that renders, on its first document: the build's own process only plans and
    # writes (a no-op rebuild renders nothing), and these bring in Jinja, Markdown and Babel.
    from leaflet.documents import KINDS
    from leaflet.render.formats import FORMATS
    from leaflet.render.html import render_html

    html: str | None = None
    title = ""
    fitted: _Fitted | None = None  # the paper layout that fits the kind's pages, once one format found it
    for job in task:
        started = time.perf_counter()
        result = JobResult(job.id)
        collector = _Warnings()
        logging.getLogger("weasyprint").addHandler(collector)
        try:
            _apply_fault(job, settings.fault)
            kind = KINDS[job.kind]
            if html is None:
                clinic = kind.view(job.clinic, job.topic)
                document = kind.make(clinic, job.topic, job.language)
                title = document.title
                html = render_html(document, clinic, settings.source_date_epoch)
                fitted = _Fitted(document, clinic, html, settings.source_date_epoch)
            result.title = title
            assert fitted is not None
            output_format = FORMATS[job.format]
            data = fitted.render(output_format, kind, job.print_setup)
            if fitted.document.fit and output_format.paged:
                result.warnings.append(fitted.warning(kind))
            result.files.append((str(job.output), data))
        except LeafletError as exc:
            result.error = str(exc)
        except MemoryError:
            result.error = f"needed more than the {settings.memory_mib} MiB a render may use (--max-memory); stopped"
            result.fatal = True
        except Exception as exc:
            result.error = report_bug(exc)
        finally:
            logging.getLogger("weasyprint").removeHandler(collector)
        result.warnings = collector.messages + result.warnings
        result.seconds = time.perf_counter() - started
        result.peak_rss_kib, result.rss_kib = _memory_kib()
        yield result
        if result.fatal:  # this process may be damaged: the rest of the task is for another
            return


class _Fitted:
    """A document's HTML at the first of its kind's fit steps whose paper layout fits (DocumentKind.fit_steps).

    The HTML output is the document whole (a screen has no pages to fit); a format with pages that does not fit
    takes the next step, and the formats after it start from the step found."""

    def __init__(self, document: Document, clinic: Clinic, html: str, source_date_epoch: int | None) -> None:
        self.document, self.clinic, self.html, self.epoch = document, clinic, html, source_date_epoch
        self.whole = html

    def render(self, output_format: OutputFormat, kind: DocumentKind, setup: PrintSetup | None) -> bytes:
        if not output_format.paged:
            return output_format.render(self.whole, kind, setup)
        from leaflet.render.html import render_html

        while True:
            try:
                return output_format.render(self.html, kind, setup)
            except DoesNotFit:
                if self.document.fit >= len(kind.fit_steps):
                    raise
                self.document = replace(self.document, fit=self.document.fit + 1)
                self.html = render_html(self.document, self.clinic, self.epoch)

    def warning(self, kind: DocumentKind) -> str:
        steps = "; ".join(kind.fit_steps[: self.document.fit])
        return f"to fit on {kind.max_pages} pages, it {steps}"


def render(job: Job, settings: Settings) -> JobResult:
    """Render one job's output (the PDF's thumbnail is made by the caller: see leaflet.batch.thumbnail)."""
    return next(render_task((job,), settings))


def serve(conn: Connection, memory_mib: int, warm_pdf: bool) -> None:
    """A worker process's main loop: take a task, send its results, until told to stop or the parent goes."""
    # Ctrl-C (and `timeout`'s SIGTERM) reach the whole process group; the parent decides what they mean, so
    # workers ignore them. (The parent starts workers with both ignored and blocked: no window before this line.)
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if memory_mib:
        _limit_address_space(memory_mib * 1024 * 1024)
    try:
        if warm_pdf:
            importlib.import_module("weasyprint")  # so the first job's time limit measures rendering only
    except MemoryError:
        conn.send(("failed", f"a worker cannot even start within {memory_mib} MiB (--max-memory)"))
        return
    _tune_gc()
    try:
        conn.send(("ready", os.getpid()))
        tasks = 0
        while (task := conn.recv()) is not None:
            for result in render_task(*task):
                conn.send(result)
                if result.fatal:
                    return
            tasks += 1
            if tasks == 1:
                _tune_gc()  # the warm state the first document left: fonts, parsed CSS, templates, content
            else:
                gc.collect()  # the document's garbage, at once: only what is not frozen is walked
    except (EOFError, OSError):  # the parent is gone (killed, or stopped by a signal): so is the work
        return


# A render makes ~10^5 objects that live until its end (the box tree): the default first threshold (700) collects
# ~50 times a render to find little garbage. With 10,000, and the warm state frozen, a render collects a few times;
# a full collection after each document then frees its garbage at once, walking only what is not frozen. Measured
# over the 32 sample PDFs, 3 passes (issue 14): 357-368 ms a PDF against 408-412 ms with Python's defaults, and a
# peak of 105 MiB against 113 MiB. The threshold alone, without the collection after each document, left garbage to
# pile up in the oldest generation (186 MiB). The bytes rendered do not change.
GC_THRESHOLD = (10_000, 10, 10)


def _tune_gc() -> None:
    """Move what lives for the whole process (modules, then the warm caches) out of the collector's sight, so no
    collection walks it again, and collect less often while rendering."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _limit_address_space(limit: int) -> None:
    """RLIMIT_AS: a render that needs more gets MemoryError (or dies) instead of swapping the machine to a halt.
    A lower limit already set (ulimit -v) is kept."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def report_bug(exc: BaseException) -> str:
    """Log a bug's traceback to a file and return the one line that says so (as leaflet.cli does)."""
    with tempfile.NamedTemporaryFile("w", prefix="leaflet-crash-", suffix=".log", delete=False) as log:
        traceback.print_exception(exc, file=log)
    return (
        f"internal error (a bug in leaflet, not in your files): {type(exc).__name__}: {exc}. "
        f"The details are in {log.name}; please report it."
    )


class _Warnings(logging.Handler):
    """WeasyPrint's warnings for one render (errors already fail it in leaflet.render.pdf), for the gallery."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()[:300]
        if message not in self.messages:
            self.messages.append(message)


def _apply_fault(job: Job, spec: str) -> None:
    for item in filter(None, spec.split(",")):
        action, _, pattern = item.partition(":")
        if not fnmatch.fnmatchcase(job.id, pattern or "*"):
            continue
        if action == "fail":
            raise RenderFailed(f"failed on purpose ({FAULT_VARIABLE})")
        if action == "sleep":
            time.sleep(3600)
        if action == "hog":
            hoard = [bytes(64 * 1024 * 1024) for _ in range(1024)]  # calloc: address space, not RAM
            del hoard
        if action == "crash":
            os._exit(70)
        if action == "bug":
            raise RuntimeError(f"a bug on purpose ({FAULT_VARIABLE})")


def _memory_kib() -> tuple[int, int]:
    """(peak, current) resident memory of this process, in KiB: VmHWM and VmRSS.

    Not getrusage()'s ru_maxrss: Linux carries it over from the process that forked this one (the parent's size
    at the time), so it would measure the parent, not the worker.
    """
    found = {"VmHWM:": 0, "VmRSS:": 0}
    try:
        with open("/proc/self/status", encoding="ascii") as status:  # noqa: PTH123 - a tiny read, once per job
            for line in status:
                fields = line.split()  # "VmHWM:", "112280", "kB"
                if fields and fields[0] in found:
                    found[fields[0]] = int(fields[1])
    except (OSError, ValueError):
        pass
    return found["VmHWM:"], found["VmRSS:"]
