"""One build at a time per output folder: an exclusive lock on `.leaflet-lock` inside it.

Two builds into one folder would each read the manifest, build, and save their own: the last save would forget
the other build's clinics. A second build therefore waits for the first, then plans from the manifest the first
saved. fcntl.flock is released by the kernel when its process ends however it ends (SIGKILL, a crash), so no
stale lock ever blocks a later build. The lock file stays: deleting it would let a third build lock a new file
while the second still holds the old one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from leaflet.batch.output import open_lock
from leaflet.errors import ForeignFile, OutputError, OutputFolderError

LOCK_NAME = ".leaflet-lock"  # starts with a dot: no clinic id can take it


@contextlib.contextmanager
def output_lock(out_dir: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the output folder's lock; if another build holds it, say so through `waiting` and wait for it.

    Creates the folder, and fails (OutputFolderError: exit 2, nothing built) if it cannot be written.
    """
    check_writable(out_dir)
    try:
        # O_CLOEXEC: the worker processes must not inherit, and so keep, the lock. Never through a link: a
        # dangling one would have this create its target anywhere the user may write (as root: anywhere).
        fd = open_lock(out_dir, LOCK_NAME)
    except ForeignFile as exc:
        raise OutputFolderError(
            f"{exc.path}: is {exc.what}, where leaflet keeps the lock of its builds into {out_dir}; leaflet opens "
            f"nothing there through a link: remove it (rm {exc.path}) and build again"
        ) from None
    except OutputError as exc:
        raise OutputFolderError(str(exc)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"waiting for another leaflet build into {out_dir}…")
            fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C or SIGTERM meanwhile interrupts the wait
        yield
    finally:
        os.close(fd)  # releases the lock


def check_writable(out_dir: Path) -> None:
    """Fail before rendering anything when the output folder cannot be written (a file, read-only, no rights)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputFolderError(f"{out_dir}: is a file, not a folder; give --out a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".leaflet-probe-", dir=out_dir)
        os.close(fd)
        Path(probe).unlink()
    except OSError as exc:
        raise OutputFolderError(f"{out_dir}: cannot write leaflets here: {exc.strerror}") from None
