"""`leaflet build --json FILE` never writes its report over a file the build reads (a clinic file, a logo, a font,
a colour profile, leaflet's content) or one leaflet keeps in --out, nor over an existing file that is not an
earlier report; and a FILE it cannot write is refused before anything is built: exit 2, nothing written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, copy_samples, leaflet_exit
from outdir_support import build_html, files_in

from leaflet.batch.manifest import MANIFEST_NAME

HINT = "give --json another file (a report.json outside --out's clinic folders, say)"


@pytest.fixture
def clinic(tmp_path: Path) -> Path:
    return copy_samples(tmp_path, "cache") / "cache.yaml"


def refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str | Path) -> str:
    """Run `leaflet build ARGS`; assert it exits 2; its last line on stderr."""
    assert leaflet_exit(monkeypatch, "build", *args, "-j", "0") == 2
    return capsys.readouterr().err.splitlines()[-1]


def test_a_clinic_file_given_as_the_report_is_refused_and_kept(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Meant as "build this file": the report would have replaced it, after building the default folder.
    before = clinic.read_bytes()
    monkeypatch.chdir(clinic.parent.parent)
    out = tmp_path / "out"
    error = refused(monkeypatch, capsys, clinic.parent, "--out", out, "--json", "clinics/cache.yaml")
    assert (
        error
        == f"leaflet: --json clinics/cache.yaml: is a clinic file of {clinic.parent}, which this build reads; {HINT}"
    )
    assert clinic.read_bytes() == before
    assert not out.exists()


def test_a_link_to_a_clinic_file_is_refused(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(clinic)
    error = refused(monkeypatch, capsys, clinic, "--out", tmp_path / "out", "--json", link)
    assert error == f"leaflet: --json {link}: is {clinic}, which this build reads; {HINT}"
    assert clinic.read_text(encoding="utf-8").startswith("# ")


def test_a_logo_is_refused_as_a_file_that_is_no_earlier_report(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Known only once the clinic file is read; the clinic file could be too broken to say, and its report is
    # written even so: what keeps the logo safe is that it is not an earlier report.
    logo = clinic.parent / "logos" / "cache.svg"
    before = logo.read_bytes()
    out = tmp_path / "out"
    error = refused(monkeypatch, capsys, clinic, "--out", out, "--json", logo)
    assert error == f"leaflet: --json {logo}: exists and is not a leaflet report, so it is not replaced; {HINT}"
    assert logo.read_bytes() == before
    assert not out.exists()


def test_leaflets_own_content_is_refused(
    clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content = ROOT / "data" / "content" / "en" / "ptsd.yaml"
    before = content.read_bytes()
    try:
        error = refused(monkeypatch, capsys, clinic, "--out", tmp_path / "out", "--json", content)
        assert error.startswith(f"leaflet: --json {content}: is one of leaflet's own files (")
        assert content.read_bytes() == before
    finally:  # a regression must not leave the checkout's content overwritten for every later test
        content.write_bytes(before)


@pytest.mark.parametrize("kept", [MANIFEST_NAME, ".leaflet-lock", "index.html", "cache/report.json", "_gallery/r.json"])
def test_a_file_leaflet_keeps_in_out_is_refused(
    kept: str, clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert build_html([clinic], out).exit_code == 0
    before = {name: (out / name).read_bytes() for name in files_in(out)}
    error = refused(monkeypatch, capsys, clinic, "--out", out, "--json", out / kept)
    assert error == f"leaflet: --json {out / kept}: is inside {out}, among the files leaflet keeps there; {HINT}"
    assert {name: (out / name).read_bytes() for name in files_in(out)} == before


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (os.mkfifo, f"is not a regular file (a FIFO, a device); {HINT}"),
        (
            lambda path: path.write_text("my notes", encoding="utf-8"),
            f"exists and is not a leaflet report, so it is not replaced; {HINT}",
        ),
        (lambda path: None, "its folder {parent} does not exist; create it first"),
    ],
    ids=["fifo", "not-a-report", "no-folder"],
)
def test_a_report_file_that_cannot_be_written_is_refused_before_building(
    make: object,
    message: str,
    clinic: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = tmp_path / "missing" / "report.json" if "{parent}" in message else tmp_path / "report.json"
    assert callable(make)
    make(report)
    out = tmp_path / "out"
    error = refused(monkeypatch, capsys, clinic, "--out", out, "--json", report)
    assert error == f"leaflet: --json {report}: {message.format(parent=report.parent)}"
    assert not out.exists()
    assert not (tmp_path / "missing").exists()


@pytest.mark.slow
def test_an_earlier_report_is_replaced(clinic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    args = ("build", clinic, "--out", out, "--kind", "handout", "-j", "0", "--json", report)
    assert leaflet_exit(monkeypatch, *args) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["built"] == 4
    assert leaflet_exit(monkeypatch, *args) == 0
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["up_to_date"] == 4
