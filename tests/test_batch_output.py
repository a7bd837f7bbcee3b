"""The output folder is untrusted input: leaflet opens nothing in it through a link, reads only regular files of a
capped size, and a FIFO, a link to /dev/zero or a huge file where its manifest or an output should be neither
hangs a build (--dry-run too) nor exhausts its memory: it is not leaflet's, so it is rebuilt, never read or
pruned. Each build that could hang runs in a subprocess with a time limit (tests/outdir_support.py)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import copy_samples
from outdir_support import build_html, files_in, read_manifest, run_leaflet, write_manifest

from leaflet.batch.manifest import MANIFEST_MAX_BYTES, MANIFEST_NAME, Manifest
from leaflet.batch.output import read_output, remove_output, stat_output, write_output
from leaflet.errors import ForeignFile


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """cache's handouts built into tmp_path/out as HTML; (its clinic file, out)."""
    clinic = copy_samples(tmp_path, "cache") / "cache.yaml"
    out = tmp_path / "out"
    assert build_html([clinic], out).exit_code == 0
    return clinic, out


def dry_run(clinic: Path, out: Path, *options: str) -> str:
    result = run_leaflet("build", clinic, "--out", out, "--dry-run", "--kind", "handout", *options)
    assert result.returncode == 0, result.stderr
    return result.stdout


# -- the manifest --------------------------------------------------------------------------------------------------


def make_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def link_to_dev_zero(path: Path) -> None:
    path.unlink()
    path.symlink_to("/dev/zero")


def make_huge(path: Path) -> None:
    with path.open("r+b") as stream:  # sparse: costs the disk nothing
        stream.truncate(MANIFEST_MAX_BYTES + 1)


@pytest.mark.parametrize(
    ("spoil", "what"),
    [
        (make_fifo, "is a FIFO (named pipe), not a manifest leaflet wrote"),
        (link_to_dev_zero, "is a link, not a manifest leaflet wrote"),
        (make_huge, "is larger than 32 MiB, not a manifest leaflet wrote"),
    ],
    ids=["fifo", "dev-zero", "huge"],
)
def test_a_manifest_that_is_no_regular_file_hangs_nothing_and_is_rebuilt(
    built: tuple[Path, Path], spoil: object, what: str
) -> None:
    clinic, out = built
    assert callable(spoil)
    spoil(out / MANIFEST_NAME)
    plan = dry_run(clinic, out)
    assert plan.splitlines()[0].startswith(f"{out / MANIFEST_NAME}: {what}")
    assert "4 to build, 0 up to date" in plan.splitlines()[-1]
    report = build_html([clinic], out)  # safe in this process now that the dry run did not hang
    assert len(report.built) == 2 and report.exit_code == 0
    assert (out / MANIFEST_NAME).is_file() and not (out / MANIFEST_NAME).is_symlink()
    assert sorted(Manifest.load(out).entries) == ["cache/depression.en.html", "cache/ptsd.en.html"]


# -- stale and current outputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("spoil", [make_fifo, link_to_dev_zero], ids=["fifo", "dev-zero"])
def test_an_output_that_is_no_regular_file_is_not_read_and_is_rebuilt(built: tuple[Path, Path], spoil: object) -> None:
    # The manifest is edited to record the size such a file shows (0), so that only reading it could tell.
    clinic, out = built
    assert callable(spoil)
    data = read_manifest(out)
    data["outputs"]["cache/ptsd.en.html"]["files"]["cache/ptsd.en.html"].update(size=0, mtime_ns=1)
    write_manifest(out, data)
    spoil(out / "cache" / "ptsd.en.html")
    assert re.search(r"^build  cache/ptsd\.en\.html +not written by leaflet$", dry_run(clinic, out), re.MULTILINE)
    report = build_html([clinic], out)
    assert [o.job.id for o in report.with_status("built")] == ["cache/ptsd.en.html"]
    assert (out / "cache" / "ptsd.en.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_stale_output_that_is_a_fifo_is_left_alone_by_prune(built: tuple[Path, Path]) -> None:
    clinic, out = built
    data = read_manifest(out)
    data["outputs"]["cache/ptsd.en.html"]["files"]["cache/ptsd.en.html"].update(size=0, mtime_ns=1)
    write_manifest(out, data)
    make_fifo(out / "cache" / "ptsd.en.html")
    clinic.write_text(clinic.read_text("utf-8").replace("conditions: [ptsd, depression]", "conditions: [depression]"))
    plan = dry_run(clinic, out, "--prune")
    assert re.search(r"^keep   cache/ptsd\.en\.html +not written by leaflet \(a link, a FIFO", plan, re.MULTILINE)
    result = run_leaflet("build", clinic, "--out", out, "--kind", "handout", "--prune", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert f"warning: left alone: cache/ptsd.en.html, not written by leaflet (in {out}: a link, a FIFO" in result.stderr
    assert (out / "cache" / "ptsd.en.html").is_fifo()


def test_a_gallery_page_that_is_a_fifo_hangs_nothing(built: tuple[Path, Path]) -> None:
    clinic, out = built
    make_fifo(out / "index.html")
    result = run_leaflet("build", clinic, "--out", out, "--kind", "handout", "-j", "1")
    assert result.returncode == 0, result.stderr
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_clinic_file_the_manifest_names_is_never_opened(built: tuple[Path, Path]) -> None:
    # The manifest says another file, /dev/zero, built cache: reading it to compare would never end. The clinic
    # is the same when the manifest kept its hash (a copy), and refused, as another clinic's id, when it did not.
    clinic, out = built
    data = read_manifest(out)
    data["clinics"]["cache"]["source"] = "/dev/zero"
    for entry in data["outputs"].values():
        entry["source"] = "/dev/zero"
    write_manifest(out, data)
    assert "2 to build, 2 up to date" in dry_run(clinic, out)  # the HTML, up to date; the PDFs, new
    del data["clinics"]["cache"]["sha256"]
    write_manifest(out, data)
    result = run_leaflet("build", clinic, "--out", out, "--kind", "handout", "-j", "1")
    assert result.returncode == 2, result.stderr
    assert "'cache' is the id of /dev/zero" in result.stderr
    assert "--take-over cache" in result.stderr


# -- the module: links, FIFOs and folders that are links ---------------------------------------------------------


def test_a_folder_that_is_a_link_is_neither_written_nor_read_through(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (elsewhere / "ptsd.en.html").write_text("someone else's", encoding="utf-8")
    (out / "cache").symlink_to(elsewhere)
    with pytest.raises(ForeignFile) as caught:
        write_output(out, "cache/ptsd.en.html", b"<!DOCTYPE html>")
    assert str(caught.value).startswith(f"{out / 'cache'}: is a link; leaflet writes only into real folders")
    for operation in (read_output, stat_output, remove_output):
        with pytest.raises(ForeignFile):
            operation(out, "cache/ptsd.en.html")
    assert files_in(elsewhere) == ["ptsd.en.html"]
    assert (elsewhere / "ptsd.en.html").read_text(encoding="utf-8") == "someone else's"


def test_a_file_that_is_a_link_is_not_read_or_removed_but_replaced_by_a_write(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "cache").mkdir(parents=True)
    target = tmp_path / "secret"
    target.write_text("secret", encoding="utf-8")
    (out / "cache" / "ptsd.en.html").symlink_to(target)
    for operation in (read_output, remove_output):
        with pytest.raises(ForeignFile):
            operation(out, "cache/ptsd.en.html")
    write_output(out, "cache/ptsd.en.html", b"new")  # the rename replaces the link, not what it points to
    assert not (out / "cache" / "ptsd.en.html").is_symlink()
    assert target.read_text(encoding="utf-8") == "secret"


def test_a_file_larger_than_the_cap_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(ForeignFile, match="is larger than"):
        read_output(tmp_path, "big", limit=100)
    assert read_output(tmp_path, "big", limit=101) == b"x" * 101


def test_a_file_where_a_folder_should_be_is_named_and_kept(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the clinic's folder should be", encoding="utf-8")
    with pytest.raises(ForeignFile) as caught:
        write_output(tmp_path, "cache/ptsd.en.pdf", b"%PDF")
    assert str(caught.value).startswith(f"{tmp_path / 'cache'}: is a file; leaflet writes only into real folders")
    assert (tmp_path / "cache").read_text(encoding="utf-8").startswith("a file")


def test_removing_a_file_removes_the_folders_it_leaves_empty_and_no_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_output(out, "_gallery/cache/ptsd.en.png", b"\x89PNG")
    write_output(out, "_gallery/lakeshore/ptsd.en.png", b"\x89PNG")
    assert remove_output(out, "_gallery/cache/ptsd.en.png")
    assert files_in(out) == ["_gallery/lakeshore/ptsd.en.png"]
    assert not remove_output(out, "_gallery/cache/ptsd.en.png")  # gone already
