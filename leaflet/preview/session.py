"""One preview: build a clinic's leaflets into a private folder, serve them, and rebuild when its files change.

The build is `leaflet build`'s own (leaflet.batch), run into a temporary folder: its manifest makes each rebuild
incremental (a colour rebuilds every document, a location's address only that location's brochure), its workers
keep their time and memory limits, and the user's output folder is never touched. A file that is invalid while it
is being edited is reported on the pages and the terminal; the last good build stays served until it is fixed.
"""

from __future__ import annotations

import signal
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from leaflet.batch.manifest import Manifest
from leaflet.batch.pool import start_thread
from leaflet.batch.progress import Progress
from leaflet.batch.report import BuildReport
from leaflet.batch.run import BuildOptions, build_clinics, lasting_workers, read_and_lint
from leaflet.documents import KINDS
from leaflet.errors import InvalidInput, LeafletError, format_problems
from leaflet.model import Clinic
from leaflet.preview import pages, watch
from leaflet.preview.server import PreviewServer
from leaflet.preview.state import Board, Document

FORMATS = ("pdf", "html")  # what the pages show; a print-shop file is for the printer, not the screen
Echo = Callable[[str, bool], None]  # (message, to stderr)


class Preview:
    def __init__(self, source: Path, kinds: tuple[str, ...], out_dir: Path, echo: Echo) -> None:
        self.source = source
        self.kinds = kinds
        self.out_dir = out_dir
        self.echo = echo
        self.board = Board()
        self.clinic: Clinic | None = None  # the last valid clinic read from the file
        self.watched: watch.Snapshot = {}
        self.options = BuildOptions(keep_going=True, prune=True, formats=FORMATS, kinds=kinds, gallery=False)
        # Kept warm from one rebuild to the next: a rebuild then costs its renders, not starting Python and
        # WeasyPrint in fresh processes (README, "Preview while you edit").
        self.workers = lasting_workers(self.options)

    def rebuild(self) -> None:
        """Read, lint and build the clinic, then show the result: new leaflets (the pages reload) or why not."""
        before = watch.snapshot(watch.watched_files(self.source, self.clinic))  # a save during the build counts
        started = time.monotonic()
        self.board.publish(False, building=True)
        try:
            clinics, problems, notices = read_and_lint([self.source], keep_going=True)
            if problems:
                self._refuse(format_problems(problems))
            else:
                report = self._build(clinics)
                self._show(clinics[0], report, [str(n) for n in notices], time.monotonic() - started)
        except InvalidInput as exc:
            self._refuse(format_problems(exc.problems))
        except LeafletError as exc:  # the file was removed or renamed mid-save, a full disk in /tmp
            self._refuse(str(exc))
        files = watch.watched_files(self.source, self.clinic)
        now = watch.snapshot(files)
        self.watched = {path: before.get(path, now[path]) for path in files}

    def watch(self) -> None:
        """Rebuild whenever a watched file changes, until Ctrl-C or SIGTERM."""
        while True:
            time.sleep(watch.POLL_SECONDS)
            now = watch.snapshot(tuple(self.watched))
            changed = watch.changed(self.watched, now)
            if not changed:
                continue
            while True:  # an editor may save in steps (write, then rename; a logo, then the clinic file)
                time.sleep(watch.POLL_SECONDS)
                if (settled := watch.snapshot(tuple(self.watched))) == now:
                    break
                now = settled
            names = ", ".join(path.name for path in changed)
            self.echo(f"{time.strftime('%H:%M:%S')} {names} changed; rebuilding", False)
            self.rebuild()

    def _build(self, clinics: list[Clinic]) -> BuildReport:
        progress = Progress(self.out_dir)
        return build_clinics(
            clinics, self.out_dir, self.options, progress=progress, inputs=[self.source], workers=self.workers
        )

    def _refuse(self, problems: str) -> None:
        if problems != self.board.view.problems:
            self.echo(problems, True)
            self.echo("Not rebuilt: the pages show the last good build until the file is fixed.", True)
        self.board.publish(False, problems=problems, building=False)

    def _show(self, clinic: Clinic, report: BuildReport, notices: list[str], seconds: float) -> None:
        self.clinic = clinic
        # The build's progress has printed each failure on the terminal already; the pages show them too.
        failed = "\n".join(f"{job.id} was not built: {error}" for job, error in report.failed)
        warnings = tuple(notices + [str(w) for w in report.warnings])
        documents, files = self._documents(clinic)
        view = self.board.view
        changed = bool(report.built or report.pruned) or files != view.files or not view.epoch
        for warning in warnings if warnings != view.warnings else ():
            self.echo(f"warning: {warning}", True)
        built = len(report.built)
        if changed:
            self.echo(f"{time.strftime('%H:%M:%S')} built {built} file{'s' * (built != 1)} in {seconds:.1f} s", False)
        elif view.problems:
            self.echo(f"{time.strftime('%H:%M:%S')} fixed; the leaflets are as before", False)
        self.board.publish(
            changed,
            clinic=clinic.name,
            documents=documents,
            files=files,
            problems=failed,
            warnings=warnings,
            building=False,
        )

    def _documents(self, clinic: Clinic) -> tuple[tuple[Document, ...], dict[str, Path]]:
        """The clinic's documents in the build, as the manifest records them, in the gallery's order."""
        entries = {
            job_id: entry
            for job_id, entry in Manifest.load(self.out_dir).entries.items()
            if entry.clinic == clinic.id and entry.kind in self.kinds and (self.out_dir / job_id).is_file()
        }
        order = list(KINDS)
        grouped: dict[tuple[int, str, str], dict[str, str]] = {}
        titles: dict[tuple[int, str, str], str] = {}
        for job_id, entry in entries.items():
            key = (order.index(entry.kind) if entry.kind in order else len(order), entry.name, entry.language)
            grouped.setdefault(key, {})[entry.format] = job_id
            titles[key] = titles.get(key) or entry.title or entry.name
        documents = tuple(
            Document(
                titles[key],
                f"{key[1]}, {key[2]}",
                formats.get("html"),
                formats.get("pdf"),
                pages.page_count(self.out_dir / formats["pdf"]) if "pdf" in formats else 0,
            )
            for key, formats in sorted(grouped.items())
        )
        return documents, {job_id: self.out_dir / job_id for job_id in entries}


def serve_preview(source: Path, kinds: tuple[str, ...], port: int, echo: Echo) -> None:
    """Serve the previews of the clinic file `source` on 127.0.0.1:`port` until Ctrl-C (KeyboardInterrupt) or
    SIGTERM (Terminated), then stop the server and remove the build; the exception goes on to the caller."""
    board_source = source.absolute()
    # Ctrl-C stops the preview even when its shell started it with SIGINT ignored (`leaflet preview … &`).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with tempfile.TemporaryDirectory(prefix="leaflet-preview-") as folder:
        preview = Preview(board_source, kinds, Path(folder), echo)
        server = PreviewServer(preview.board, board_source, port)  # a busy port fails here, before any build
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
        start_thread(thread)  # the server's threads never take Ctrl-C or SIGTERM from the build
        try:
            echo(f"Previewing {source} at {server.url} (Ctrl-C to stop)", False)
            echo(f"Building into {folder}, removed when the preview stops.", False)
            preview.rebuild()
            preview.watch()
        finally:
            # A second Ctrl-C must not cut the clean-up short and leave the temporary folder behind.
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, signal.SIG_IGN)
            preview.board.close()
            server.shutdown()
            server.server_close()
            preview.workers.close()


__all__ = ["Preview", "serve_preview"]
