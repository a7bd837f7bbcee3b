"""One build at a time per output folder: a second build into the same --out waits for the first (and says so),
then plans from the manifest the first saved, so neither build's clinics are lost from the record."""

from __future__ import annotations

import fcntl
import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import copy_samples, parse_html
from outdir_support import files_in, run_leaflet

from leaflet.batch.lock import LOCK_NAME
from leaflet.batch.manifest import MANIFEST_NAME


def start_build(*args: str | Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("LEAFLET_BUILD_FAULT", "SOURCE_DATE_EPOCH")}
    return subprocess.Popen(
        [sys.executable, "-m", "leaflet", "build", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )


def first_stderr_line(process: subprocess.Popen[bytes], seconds: float = 60) -> str:
    """The first line the process writes on stderr, or "" if none comes within `seconds` (or it exits)."""
    assert process.stderr is not None
    ready, _, _ = select.select([process.stderr], [], [], seconds)
    return process.stderr.readline().decode("utf-8") if ready else ""


class HeldLock:
    """An output folder whose lock this test holds, as a build in progress would."""

    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir()
        self.fd: int | None = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


@pytest.fixture
def held(tmp_path: Path) -> Iterator[HeldLock]:
    lock = HeldLock(tmp_path / "out")
    try:
        yield lock
    finally:
        lock.release()


@pytest.mark.slow
def test_two_builds_into_one_folder_wait_for_each_other_and_both_are_recorded(held: HeldLock, tmp_path: Path) -> None:
    out = held.out
    clinics = copy_samples(tmp_path, "cache", "lakeshore")
    builds = [
        start_build(clinics / f"{clinic_id}.yaml", "--out", out, "-j", "1") for clinic_id in ("cache", "lakeshore")
    ]
    try:
        for build in builds:
            assert first_stderr_line(build) == f"waiting for another leaflet build into {out}…\n"
        time.sleep(0.5)  # neither goes on while the lock is held
        assert [build.poll() for build in builds] == [None, None]
        assert not (out / MANIFEST_NAME).exists()
        held.release()  # one build goes on; the other waits for it, then plans from its manifest
        results = [build.communicate(timeout=300) for build in builds]
    finally:
        for build in builds:
            if build.poll() is None:
                build.kill()
                build.wait()
    assert [build.returncode for build in builds] == [0, 0], [err.decode() for _, err in results]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert sorted(manifest["clinics"]) == ["cache", "lakeshore"]
    assert {entry["clinic"] for entry in manifest["outputs"].values()} == {"cache", "lakeshore"}
    page = parse_html((out / "index.html").read_text(encoding="utf-8"))
    assert page.find("section", id="clinic-cache") and page.find("section", id="clinic-lakeshore")


def test_a_lock_that_is_a_dangling_link_is_refused_and_nothing_is_created_outside(tmp_path: Path) -> None:
    # Following it would create its target wherever the link points, as whoever runs the build (root: anywhere).
    out, target = tmp_path / "out", tmp_path / "elsewhere" / "created-by-leaflet"
    target.parent.mkdir()
    out.mkdir()
    (out / LOCK_NAME).symlink_to(target)
    clinic = copy_samples(tmp_path, "cache") / "cache.yaml"
    result = run_leaflet("build", clinic, "--out", out, "--kind", "handout", "-j", "1")
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"leaflet: {out / LOCK_NAME}: is a link, where leaflet keeps the lock of its builds into {out}; leaflet opens "
        f"nothing there through a link: remove it (rm {out / LOCK_NAME}) and build again"
    )
    assert not target.exists()
    assert files_in(out) == [LOCK_NAME]  # nothing built
