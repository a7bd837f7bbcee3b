"""An output folder as untrusted input, for the tests of leaflet.batch.output, prune, lock and --json: HTML builds
in this process, and `leaflet` run in a subprocess with a time and memory limit, so that a build that hangs on a
FIFO or reads /dev/zero fails its test instead of hanging it or filling the machine's memory."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from leaflet.batch import BuildOptions, BuildReport, build_clinics
from leaflet.batch.manifest import MANIFEST_NAME
from leaflet.validate import load_clinics

LEAFLET = Path(sys.executable).with_name("leaflet")
TIMEOUT = 120  # seconds: a hang, not a slow build on a busy shared machine, is what this catches
MEMORY = 4 * 2**30  # bytes of address space: reading /dev/zero whole fails at once rather than swapping


def build_html(paths: list[Path], out: Path, kinds: tuple[str, ...] = ("handout",), **options: bool) -> BuildReport:
    """Build the documents' HTML in this process, as `leaflet build` does but for the rendering cost."""
    chosen = BuildOptions(jobs=0, formats=("html",), kinds=kinds, **options)
    return build_clinics(load_clinics(paths), out, chosen, inputs=paths)


def run_leaflet(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`leaflet ARGS` in a subprocess, stopped (TimeoutExpired: the test fails) after TIMEOUT seconds."""
    env = {k: v for k, v in os.environ.items() if k not in ("LEAFLET_BUILD_FAULT", "SOURCE_DATE_EPOCH")}
    return subprocess.run(
        [str(LEAFLET), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        env=env,
        preexec_fn=_limit_memory,
    )


def read_manifest(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    return data


def write_manifest(out: Path, data: dict[str, Any]) -> None:
    (out / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")


def file_record(path: Path) -> dict[str, Any]:
    """A manifest's record of `path` as it is: what a hand-edited manifest needs for --prune to trust it."""
    stat = path.stat()
    return {"sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def files_in(folder: Path) -> list[str]:
    """Every file and link under `folder`, relative to it (links are listed, never followed)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_symlink() or not p.is_dir())


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
