"""Ctrl-C or SIGTERM during a batch: exit 130 or 143, only whole files left behind, a manifest of what was
written, and the --json report."""

from __future__ import annotations

import fcntl
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


@pytest.mark.parametrize(
    ("signum", "code", "message"),
    [
        (signal.SIGINT, 130, "Interrupted; files already written are whole, nothing else was written."),
        (signal.SIGTERM, 143, "Stopped by SIGTERM; files already written are whole, nothing else was written."),
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_a_signal_stops_the_batch_leaving_only_whole_files(
    tmp_path: Path, signum: signal.Signals, code: int, message: str
) -> None:
    clinics = tmp_path / "clinics"
    shutil.copytree(SAMPLES, clinics, ignore=shutil.ignore_patterns("*.md"))
    out, report = tmp_path / "out", tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if k not in ("LEAFLET_BUILD_FAULT", "SOURCE_DATE_EPOCH")}
    # A process group of its own, as a terminal gives a command: Ctrl-C reaches leaflet and its workers alike, and
    # so does `timeout`'s SIGTERM.
    build = subprocess.Popen(
        [sys.executable, "-m", "leaflet", "build", str(clinics), "--out", str(out), "-j", "2", "--json", str(report)],
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
        os.killpg(build.pid, signum)
        _, stderr = build.communicate(timeout=30)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == code, stderr
    assert stderr.decode().splitlines()[-1] == message
    assert "Traceback" not in stderr.decode()
    pdfs = sorted(out.glob("*/*.pdf"))
    assert 0 < len(pdfs) < 13
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf
    assert list(out.rglob("*.part")) == []
    written = json.loads((out / ".leaflet-manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert {f"{p.parent.name}/{p.name}" for p in pdfs} <= set(written)
    written_report = json.loads(report.read_text(encoding="utf-8"))
    assert (written_report["interrupted"], written_report["exit_code"]) == (True, code)
    built = {job["id"] for job in written_report["jobs"] if job["status"] == "built"}
    assert {f"{p.parent.name}/{p.name}" for p in pdfs} <= built
    # No worker outlives the build (multiprocessing's resource tracker may take a moment to see it is gone).
    deadline = time.monotonic() + 5
    while _running_in_group(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running_in_group(build.pid) == []


def test_sigterm_while_waiting_for_another_build_exits_143_with_a_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    lock = os.open(out / ".leaflet-lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another build into the same folder, as far as leaflet can tell
    report_file = tmp_path / "report.json"
    build = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "leaflet",
            "build",
            str(SAMPLES / "cache.yaml"),
            "--out",
            str(out),
            "--json",
            str(report_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert build.stderr is not None
        assert build.stderr.readline().decode() == f"waiting for another leaflet build into {out}…\n"
        build.terminate()  # SIGTERM to leaflet alone, as a CI runner stops a job
        _, stderr = build.communicate(timeout=30)
    finally:
        os.close(lock)
        if build.poll() is None:
            build.kill()
            build.wait()
    assert build.returncode == 143
    assert stderr.decode() == "Stopped by SIGTERM; files already written are whole, nothing else was written.\n"
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert (report["interrupted"], report["exit_code"], report["error"]) == (True, 143, "stopped by SIGTERM")
    assert sorted(p.name for p in out.iterdir()) == [".leaflet-lock"]


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
