"""Writing outputs so that a crash, a full disk or Ctrl-C never leaves half a file.

Each file is written to a temporary file beside its target, flushed to disk, then renamed over the target in
one step: a reader sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path, PurePosixPath

from leaflet.errors import OutputError


def output_path(out_dir: Path, relative: PurePosixPath) -> Path:
    """`out_dir / relative`, refusing any path that would land outside `out_dir`."""
    if relative.is_absolute() or ".." in relative.parts:
        raise OutputError(f"{relative}: output paths must stay inside {out_dir}")
    target = out_dir / relative
    if not target.resolve().is_relative_to(out_dir.resolve()):
        raise OutputError(f"{target}: this path leads outside {out_dir} (a link?); remove it and build again")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` all at once or not at all."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"{target.parent}: cannot write here: {exc.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(0o644)
        temp.replace(target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write: {exc.strerror}") from None
        raise
