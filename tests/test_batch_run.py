"""Batch behaviour at the command line: every input validated before anything renders; one invalid clinic stops
the batch (exit 2, nothing written) unless --keep-going; an unwritable output folder is a clear error before
any rendering; a bug is one line naming its log."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import copy_samples, leaflet_exit

from leaflet.batch import run as run_module


def leaflet(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str | Path) -> int:
    """Run `leaflet ARGS` through main(), the console script's entry point with its error handling."""
    return leaflet_exit(monkeypatch, *args)


@pytest.fixture
def with_invalid(tmp_path: Path) -> Path:
    folder = copy_samples(tmp_path, "cache")
    (folder / "broken.yaml").write_text("name: Broken\nphone: '505-639-4973'\nroutes: [teleport]\n", "utf-8")
    return folder


def test_one_invalid_clinic_stops_the_batch_with_nothing_written(
    with_invalid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert leaflet(capsys, monkeypatch, "build", with_invalid, "--out", out) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{with_invalid / 'broken.yaml'}: 1 problem"
    assert err[-1] == "Nothing was built."
    assert not out.exists()


@pytest.mark.slow
def test_keep_going_builds_the_valid_clinics_and_exits_1_with_a_summary(
    with_invalid: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    code = leaflet(capsys, monkeypatch, "build", with_invalid, "--out", out, "--keep-going", "-q", "-j", "0")
    captured = capsys.readouterr()
    assert code == 1
    assert captured.err.splitlines()[0] == f"{with_invalid / 'broken.yaml'}: 1 problem"
    lines = captured.out.splitlines()
    assert lines[0].startswith("10 built, 0 up to date, 0 failed, 1 input problems, in ")
    assert lines[1] == f"Invalid, not built: {with_invalid / 'broken.yaml'}"
    assert sorted(p.name for p in (out / "cache").iterdir()) == [
        "brochure.main.en.html",
        "brochure.main.en.pdf",
        "depression.en.html",
        "depression.en.pdf",
        "depression.guide.en.html",
        "depression.guide.en.pdf",
        "ptsd.en.html",
        "ptsd.en.pdf",
        "ptsd.guide.en.html",
        "ptsd.guide.en.pdf",
    ]


def test_an_output_folder_that_cannot_be_written_is_a_clear_error_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_samples(tmp_path, "cache")
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    rendered: list[object] = []
    monkeypatch.setattr("leaflet.batch.worker.render_task", lambda *args: rendered.append(args))
    assert leaflet(capsys, monkeypatch, "build", folder, "--out", blocker / "out", "-j", "0") == 2
    assert capsys.readouterr().err.splitlines() == [
        f"leaflet: {blocker / 'out'}: cannot write leaflets here: Not a directory"
    ]
    assert rendered == []


def test_out_naming_a_file_is_a_usage_error_with_nothing_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_samples(tmp_path, "cache")
    blocker = tmp_path / "taken"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    assert leaflet(capsys, monkeypatch, "build", folder, "--out", blocker, "-j", "0") == 2
    assert capsys.readouterr().err.splitlines() == [f"leaflet: {blocker}: is a file, not a folder; give --out a folder"]
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_read_only_output_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_samples(tmp_path, "cache")
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    assert leaflet(capsys, monkeypatch, "build", folder, "--out", out, "-j", "0") == 2
    assert capsys.readouterr().err.splitlines() == [f"leaflet: {out}: cannot write leaflets here: Permission denied"]


@pytest.mark.slow
def test_a_full_disk_fails_the_jobs_it_hits_and_leaves_no_partial_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_samples(tmp_path, "cache")
    out = tmp_path / "out"

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    assert leaflet(capsys, monkeypatch, "build", folder, "--out", out, "-j", "0", "-q") == 1
    err = capsys.readouterr().err.splitlines()
    # Without --keep-going the build stops after the first document's two files (the slowest kind's first: a
    # guide): both fail, and so does the manifest; nothing is left behind.
    assert [line.split(": ")[0] for line in err] == [
        "failed  cache/ptsd.guide.en.html",
        "failed  cache/ptsd.guide.en.pdf",
        "leaflet",
    ]
    assert all(line.endswith(": cannot write: No space left on device") for line in err)
    assert err[-1] == f"leaflet: {out / '.leaflet-manifest.json'}: cannot write: No space left on device"
    assert [p.name for p in out.rglob("*") if p.is_file()] == [".leaflet-lock"]


def test_a_bug_in_the_build_is_one_line_naming_its_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_samples(tmp_path, "cache")

    def broken(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(run_module, "slowest_first", broken)
    assert leaflet(capsys, monkeypatch, "build", folder, "--out", tmp_path / "out") == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(
        "leaflet: internal error (a bug in leaflet, not in your files): ZeroDivisionError: division by zero. "
        "The details are in "
    )
    log = Path(line.split("The details are in ")[1].removesuffix("; please report it."))
    assert "Traceback" in log.read_text(encoding="utf-8")
    log.unlink()
