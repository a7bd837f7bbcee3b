"""Show a build's progress: a bar on a terminal, one line per file otherwise, nothing but failures with -q.

The bar (on stderr) shows the count, the clinic being rendered and the time left, estimated from each job's
expected render time (the last build's, when known), since a PDF takes fifty times as long as an HTML page.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from leaflet.batch.plan import Job
from leaflet.batch.report import JobOutcome
from leaflet.plain_text import shown_path

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


class Progress:
    """Quiet: prints failures only, to stderr. The base of the other two."""

    def __init__(self, out_dir: Path, stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.out_dir = out_dir
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr

    def start(self, expected: dict[str, float], up_to_date: int) -> None:
        """`expected`: the seconds each job to build is expected to take, by job id."""

    def waiting(self, message: str) -> None:
        """Another build holds the output folder: said even with -q, since the build seems to hang meanwhile."""
        self._line(self.stderr, message)

    def started(self, job: Job) -> None:
        pass

    def finished(self, outcome: JobOutcome) -> None:
        if outcome.status == "failed":
            self._line(self.stderr, f"failed  {outcome.job.id}: {outcome.error}")

    def close(self) -> None:
        pass

    def _line(self, stream: TextIO, text: str) -> None:
        print(text, file=stream, flush=True)


class Lines(Progress):
    """One line per file, for logs and pipes: the format `leaflet build` has always printed."""

    def start(self, expected: dict[str, float], up_to_date: int) -> None:
        if up_to_date and expected:
            self._line(self.stdout, f"{up_to_date} up to date, {len(expected)} to build")

    def finished(self, outcome: JobOutcome) -> None:
        super().finished(outcome)
        if outcome.status == "built":
            self._line(self.stdout, f"built   {shown_path(self.out_dir / outcome.job.output)}")


class Bar(Progress):
    """A bar redrawn in place on the terminal: count, current clinic, time left."""

    def start(self, expected: dict[str, float], up_to_date: int) -> None:
        self.expected = expected
        self.total_seconds = sum(expected.values()) or 1.0
        self.done_seconds = 0.0
        self.done = 0
        self.current = ""
        self.began = time.monotonic()
        self.drawn_at = 0.0
        self.up_to_date = up_to_date
        self._draw(force=True)

    def started(self, job: Job) -> None:
        self.current = job.clinic.id
        self._draw()

    def finished(self, outcome: JobOutcome) -> None:
        self.done += 1
        self.done_seconds += self.expected.get(outcome.job.id, 0.0)
        if outcome.status == "failed":
            self._clear()
            super().finished(outcome)
            self._draw(force=True)
        else:
            self._draw()

    def close(self) -> None:
        self._clear()

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.drawn_at < REDRAW_SECONDS:
            return
        self.drawn_at = now
        share = min(1.0, self.done_seconds / self.total_seconds)
        filled = round(share * BAR_WIDTH)
        elapsed = now - self.began
        left = "--:--" if share <= 0 else _clock(elapsed / share - elapsed)
        text = (
            f"\r[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {self.done}/{len(self.expected)}"
            f" ({self.up_to_date} up to date)  {self.current:<20.20}  ETA {left}"
        )
        self.stderr.write(text + "\x1b[K")
        self.stderr.flush()

    def _clear(self) -> None:
        self.stderr.write("\r\x1b[K")
        self.stderr.flush()


def progress_for(out_dir: Path, quiet: bool, stdout: TextIO | None = None, stderr: TextIO | None = None) -> Progress:
    """The right display for where the output goes: a bar on a terminal, lines otherwise, failures only if quiet."""
    err = stderr or sys.stderr
    if quiet:
        return Progress(out_dir, stdout, stderr)
    if err.isatty():
        return Bar(out_dir, stdout, stderr)
    return Lines(out_dir, stdout, stderr)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(max(0, round(seconds)), 60)
    return f"{minutes}:{rest:02d}"
