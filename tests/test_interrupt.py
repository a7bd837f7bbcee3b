"""Ctrl-C during a batch: exit 130, only whole files left behind, and a manifest of what was written."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES

pytestmark = pytest.mark.slow


def test_ctrl_c_stops_the_batch_leaving_only_whole_files(tmp_path: Path) -> None:
    clinics = tmp_path / "clinics"
    shutil.copytree(SAMPLES, clinics, ignore=shutil.ignore_patterns("*.md"))
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k not in ("LEAFLET_BUILD_FAULT", "SOURCE_DATE_EPOCH")}
    # A process group of its own, as a terminal gives a command: Ctrl-C reaches leaflet and its workers alike.
    build = subprocess.Popen(
        [sys.executable, "-m", "leaflet", "build", str(clinics), "--out", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list(out.glob("*/*.pdf")) and time.monotonic() < deadline and build.poll() is None:
            time.sleep(0.02)
        assert list(out.glob("*/*.pdf")), "no PDF appeared within a minute"
        os.killpg(build.pid, signal.SIGINT)
        _, stderr = build.communicate(timeout=30)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == 130, stderr
    assert stderr.decode().splitlines()[-1] == (
        "Interrupted; files already written are whole, nothing else was written."
    )
    assert "Traceback" not in stderr.decode()
    pdfs = sorted(out.glob("*/*.pdf"))
    assert 0 < len(pdfs) < 13
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf
    assert list(out.rglob("*.part")) == []
    written = json.loads((out / ".leaflet-manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert {f"{p.parent.name}/{p.name}" for p in pdfs} <= set(written)
    # No worker outlives the build (multiprocessing's resource tracker may take a moment to see it is gone).
    deadline = time.monotonic() + 5
    while _running_in_group(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running_in_group(build.pid) == []


def _running_in_group(group: int) -> list[str]:
    """Processes of a process group that are still running (not zombies waiting for their parent)."""
    running = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            running.append(stat.parent.name)
    return running
