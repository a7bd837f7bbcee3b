"""Where `--json FILE` may write its report: never over a file the build reads or leaflet keeps in --out.

`leaflet build --json data/clinics/base.yaml`, meant as "build that file", would otherwise build the default
folder and write the report over the clinic file; `--json out/.leaflet-manifest.json` would replace the manifest.
So the path is checked, after resolving links and `..` (os.path.samefile where the file exists), before anything
is read or built: it may not be a path the build is given (a clinic file, a folder's clinic file, --icc), one of
leaflet's files in --out or shipped with it, and an existing file is replaced only if it is an earlier report. That
last rule keeps safe every other input (a logo, a font, a print.icc), known only once the clinic files are read,
even of a clinic file too broken to say what they are, whose report is still written. A refusal is a usage error
(exit 2) and writes no report.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from leaflet import resources
from leaflet.batch.gallery import GALLERY_NAME
from leaflet.batch.lock import LOCK_NAME
from leaflet.batch.manifest import MANIFEST_NAME
from leaflet.errors import ReportFileRefused
from leaflet.validate import CLINIC_SUFFIXES

REPORT_START = b'{\n  "format": '  # how every report BuildReport.write_json writes begins
_KEPT = (MANIFEST_NAME, LOCK_NAME, GALLERY_NAME)  # leaflet's own files directly in --out
_HINT = "give --json another file (a report.json outside --out's clinic folders, say)"


def check_report_file(report: Path, out_dir: Path, inputs: Iterable[Path]) -> None:
    """Refuse (ReportFileRefused) a report path that is one of `inputs` (files, or folders of clinic files), one
    of leaflet's files in `out_dir` or shipped with leaflet, not a regular file, or not writable."""
    target = Path(os.path.realpath(report))
    out = Path(os.path.realpath(out_dir))
    if target.is_relative_to(out) and (target.parent != out or target.name in _KEPT or target.name.startswith(".")):
        raise ReportFileRefused(f"--json {report}: is inside {out_dir}, among the files leaflet keeps there; {_HINT}")
    for shipped in (resources.data_dir(), resources.templates_dir()):
        if target.is_relative_to(os.path.realpath(shipped)):
            raise ReportFileRefused(f"--json {report}: is one of leaflet's own files ({shipped}); {_HINT}")
    for path in inputs:
        if _same(target, path):
            raise ReportFileRefused(f"--json {report}: is {path}, which this build reads; {_HINT}")
        if path.is_dir() and target.parent == Path(os.path.realpath(path)) and target.suffix.lower() in CLINIC_SUFFIXES:
            raise ReportFileRefused(f"--json {report}: is a clinic file of {path}, which this build reads; {_HINT}")
    _check_writable(report, target)
    _check_earlier_report(report, target)


def _check_writable(report: Path, target: Path) -> None:
    try:
        found = target.stat()
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise ReportFileRefused(f"--json {report}: cannot be written: {exc.strerror}") from None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise ReportFileRefused(f"--json {report}: is a folder; name a file in it")
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise ReportFileRefused(f"--json {report}: is not a regular file (a FIFO, a device); {_HINT}")
    if not target.parent.is_dir():
        raise ReportFileRefused(f"--json {report}: its folder {report.parent} does not exist; create it first")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise ReportFileRefused(f"--json {report}: cannot be written: its folder {report.parent} is not writable")


def _check_earlier_report(report: Path, target: Path) -> None:
    """An existing file is replaced only if it is a report leaflet wrote (it is read no further than its start)."""
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ReportFileRefused(
            f"--json {report}: cannot be read to check it is an earlier report: {exc.strerror}"
        ) from None
    with os.fdopen(fd, "rb") as stream:
        start = stream.read(len(REPORT_START))
    if start != REPORT_START:
        raise ReportFileRefused(f"--json {report}: exists and is not a leaflet report, so it is not replaced; {_HINT}")


def _same(target: Path, path: Path) -> bool:
    """Whether the (resolved) report path is `path`: the same file where both exist, else the same real path."""
    try:
        return target.samefile(path)
    except OSError:  # one of them does not exist (yet)
        return target == Path(os.path.realpath(path))
