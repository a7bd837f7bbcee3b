"""Run jobs in worker processes, each with a time and a memory limit, replacing a worker that breaks one.

concurrent.futures cannot stop one runaway task (a killed worker breaks the whole pool), so this is a small pool
of its own: one pipe per worker, a deadline per job, and `multiprocessing.connection.wait` over the pipes.
Workers are started with "spawn": a fresh interpreter, never a fork of a process that may hold WeasyPrint's,
Pango's or fontconfig's state (or threads). Each keeps its warm state until the build ends.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from leaflet.batch import worker
from leaflet.batch.plan import Job
from leaflet.batch.worker import Task
from leaflet.errors import RenderFailed

if TYPE_CHECKING:  # multiprocessing is imported when a pool starts: a no-op rebuild starts none
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

START_SECONDS = 120  # to start Python and import WeasyPrint, on a machine busy with other workers
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
Started = Callable[[Job], None]
Finished = Callable[[Job, worker.JobResult], None]


@dataclass
class Control:
    """Set by the build while the pool runs: stop handing out jobs (a failure), or stop at once (a signal)."""

    draining: bool = False
    aborted: bool = False
    signal: int = 0  # the signal that aborted it: SIGINT (Ctrl-C) or SIGTERM


@dataclass
class WorkerStats:
    pid: int
    jobs: int = 0
    peak_rss_kib: int = 0  # the worker's resident-memory high-water mark (VmHWM)
    # Resident memory after its first PDF (WeasyPrint warm), after the job halfway through, and after its last:
    # caches fill over the first documents; from the middle to the end it should not grow per document.
    first_rss_kib: int = 0
    middle_rss_kib: int = 0
    last_rss_kib: int = 0


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.ready = False
        self.task: Task | None = None
        self.done = 0  # results received for the task
        self.deadline = 0.0
        self.stats = WorkerStats(pid=process.pid or 0)
        self.rss_kib: list[int] = []  # after each job


class InlinePool:
    """Renders in this process, one job after another, without limits: for debugging and profiling (-j 0)."""

    def __init__(self, settings: worker.Settings) -> None:
        self.settings = settings
        self.stats: list[WorkerStats] = []

    def run(self, tasks: list[Task], started: Started, finished: Finished, control: Control) -> None:
        for task in tasks:
            if control.draining or control.aborted:
                return
            for job in task:
                started(job)
            for job, result in zip(task, worker.render_task(task, self.settings), strict=False):
                finished(job, result)


class ProcessPool:
    """`size` worker processes, started as the first run needs them. They stop when a run ends, unless `lasting`:
    then they wait, warm, for the next run (a preview's rebuilds) until `close()`; a run stopped by a signal or
    by a bug stops them all the same."""

    def __init__(self, size: int, settings: worker.Settings, seconds: float, warm_pdf: bool, lasting: bool = False):
        self.size = size
        self.settings = settings
        self.seconds = seconds
        self.warm_pdf = warm_pdf
        self.lasting = lasting
        self.stats: list[WorkerStats] = []
        import multiprocessing.connection

        self._context = multiprocessing.get_context("spawn")
        self._wait = multiprocessing.connection.wait
        self._workers: list[_Worker] = []

    def run(self, tasks: list[Task], started: Started, finished: Finished, control: Control) -> None:
        pending = deque(tasks)
        ended = False
        try:
            while len(self._workers) < min(self.size, len(tasks)):
                self._workers.append(self._start())
            while not control.aborted:
                self._dispatch(pending, started, control)
                busy = [w for w in self._workers if w.task is not None or not w.ready]
                if not busy:
                    ended = True
                    return
                self._collect(busy, pending, started, finished, control)
                self._expire(busy, pending, finished)
        finally:
            if not (self.lasting and ended):
                self._close(kill=control.aborted)

    def close(self) -> None:
        """Stop the workers a lasting pool keeps between runs."""
        self._close(kill=False)

    def _dispatch(self, pending: deque[Task], started: Started, control: Control) -> None:
        for slot in list(self._workers):
            if not pending or control.draining or control.aborted:
                return
            if slot.ready and slot.task is None:
                self._give(slot, pending, started)

    def _give(self, slot: _Worker, pending: deque[Task], started: Started) -> None:
        task = pending.popleft()
        try:
            slot.conn.send((task, self.settings))
        except OSError:  # the worker died while idle: put the task back for its replacement
            pending.appendleft(task)
            self._replace(slot)
            return
        slot.task, slot.done = task, 0
        slot.deadline = time.monotonic() + self.seconds
        for job in task:
            started(job)

    def _collect(
        self, busy: list[_Worker], pending: deque[Task], started: Started, finished: Finished, control: Control
    ) -> None:
        now = time.monotonic()
        deadlines = [w.deadline - now for w in busy]
        # Wake at least every 0.1 s: Ctrl-C only sets a flag, checked here.
        ready = self._wait([w.conn for w in busy], timeout=max(0.0, min([0.1, *deadlines])))
        for slot in busy:
            if slot.conn not in ready:
                continue
            try:
                message = slot.conn.recv()
            except (EOFError, OSError):
                self._lost(slot, pending, finished)
                continue
            if not slot.ready:
                self._greet(slot, message)
                continue
            assert slot.task is not None and isinstance(message, worker.JobResult)
            job, rest = slot.task[slot.done], slot.task[slot.done + 1 :]
            slot.done += 1
            self._note(slot, job, message)
            if message.fatal:  # the worker has exited: a new one takes the rest of the task
                self._replace(slot, pending, rest)
            elif rest:
                slot.deadline = time.monotonic() + self.seconds  # each render has its own time limit
            else:
                slot.task = None
            if message.error:  # may stop the build (no --keep-going): say so before handing out more
                finished(job, message)
            if slot.task is None and not message.fatal and pending and not control.draining and not control.aborted:
                self._give(slot, pending, started)  # keeps the worker busy while this process writes the files
            if not message.error:
                finished(job, message)

    def _greet(self, slot: _Worker, message: object) -> None:
        if isinstance(message, tuple) and message[0] == "ready":
            slot.ready = True
            return
        reason = message[1] if isinstance(message, tuple) else repr(message)
        raise RenderFailed(f"cannot start a worker process: {reason}")

    def _expire(self, busy: list[_Worker], pending: deque[Task], finished: Finished) -> None:
        now = time.monotonic()
        for slot in busy:
            if not slot.ready and now > slot.deadline:
                raise RenderFailed(f"a worker process did not start within {START_SECONDS} s")
            if slot.task is not None and now > slot.deadline:
                job, rest = slot.task[slot.done], slot.task[slot.done + 1 :]
                self._replace(slot, pending, rest)
                error = f"took longer than {self.seconds:g} s (--timeout); stopped"
                finished(job, worker.JobResult(job.id, error=error, seconds=self.seconds))

    def _lost(self, slot: _Worker, pending: deque[Task], finished: Finished) -> None:
        slot.process.join(timeout=5)
        code = slot.process.exitcode
        if not slot.ready or slot.task is None:
            raise RenderFailed(f"a worker process stopped unexpectedly (exit code {code})")
        job, rest = slot.task[slot.done], slot.task[slot.done + 1 :]
        self._replace(slot, pending, rest)
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
        finished(job, worker.JobResult(job.id, error=f"the worker rendering it stopped ({how})"))

    def _replace(self, slot: _Worker, pending: deque[Task] | None = None, rest: Task = ()) -> None:
        """Stop a worker and start another in its place; the jobs of its task not yet rendered go first in line."""
        slot.task = None
        _stop(slot, kill=True)
        self._workers[self._workers.index(slot)] = self._start()
        if pending is not None and rest:
            pending.appendleft(rest)

    def _start(self) -> _Worker:
        from multiprocessing import resource_tracker

        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=worker.serve,
            args=(child_end, self.settings.memory_mib, self.warm_pdf),
            name="leaflet-worker",
            daemon=True,
        )
        # Spawning starts multiprocessing's resource tracker once per process, and starting it unblocks SIGINT and
        # SIGTERM: inside _signals_held, where they are ignored, one sent then would be lost. Start it first.
        resource_tracker.ensure_running()
        with _signals_held():
            process.start()
        child_end.close()
        slot = _Worker(process, parent_end)
        slot.deadline = time.monotonic() + START_SECONDS
        self.stats.append(slot.stats)
        return slot

    def _close(self, kill: bool) -> None:
        for slot in self._workers:
            with contextlib.suppress(OSError):
                slot.conn.send(None)
        for slot in self._workers:
            _stop(slot, kill=kill or slot.task is not None)
        self._workers.clear()

    @staticmethod
    def _note(slot: _Worker, job: Job, result: worker.JobResult) -> None:
        stats = slot.stats
        stats.jobs += 1
        stats.peak_rss_kib = max(stats.peak_rss_kib, result.peak_rss_kib)
        if job.format == "pdf" and not stats.first_rss_kib:  # WeasyPrint is warm only after a first PDF
            stats.first_rss_kib = result.rss_kib
        slot.rss_kib.append(result.rss_kib)
        stats.middle_rss_kib = slot.rss_kib[len(slot.rss_kib) // 2]
        stats.last_rss_kib = result.rss_kib


def _stop(slot: _Worker, kill: bool) -> None:
    if kill:
        slot.process.kill()
    slot.process.join(timeout=5)
    if slot.process.is_alive():
        slot.process.kill()
        slot.process.join()
    slot.conn.close()


def start_thread(thread: threading.Thread) -> None:
    """Start a thread (and through it the threads it starts) with SIGINT and SIGTERM blocked, so that the kernel
    gives them to the main thread only: while a build starts a worker the main thread holds them blocked and
    ignored (below), and one the kernel handed to another thread then would be dropped, the stop lost."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        thread.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Start a child with SIGINT and SIGTERM ignored (inherited through exec), holding either if it arrives
    meanwhile: the build decides what they mean, and stops its workers itself."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    main = threading.current_thread() is threading.main_thread()
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in STOP_SIGNALS} if main else {}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
