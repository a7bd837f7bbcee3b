"""Incremental builds: the manifest records what leaflet wrote; an unchanged job is skipped, a deleted or edited
output is rebuilt, --force rebuilds all, and --prune removes only stale files leaflet wrote."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import copy_samples

from leaflet.batch import BuildOptions, BuildReport, build_clinics
from leaflet.batch.manifest import MANIFEST_NAME, Manifest
from leaflet.validate import check_clinics, load_clinics


def build_html(paths: list[Path], out: Path, **options: bool) -> BuildReport:
    """Build the handouts' HTML in this process: everything about incremental builds but the rendering cost.
    (Brochures are built incrementally the same way: tests/test_batch_kinds.py.)"""
    options_ = BuildOptions(jobs=0, formats=("html",), kinds=("handout",), **options)
    return build_clinics(load_clinics(paths), out, options_, inputs=paths)


def ids(report: BuildReport, status: str) -> list[str]:
    return sorted(o.job.id for o in report.with_status(status))


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """cache and lakeshore built into tmp_path/out; returns (clinic folder, output folder)."""
    folder = copy_samples(tmp_path, "cache", "lakeshore")
    out = tmp_path / "out"
    report = build_html([folder], out)
    assert len(report.built) == 5 and report.exit_code == 0
    return folder, out


def test_a_no_op_rebuild_builds_and_writes_nothing(built: tuple[Path, Path]) -> None:
    folder, out = built
    before = {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()}
    report = build_html([folder], out)
    assert (report.built, len(report.skipped), report.exit_code) == ([], 5, 0)
    assert {path: path.stat().st_mtime_ns for path in out.rglob("*") if path.is_file()} == before


def test_the_manifest_records_each_outputs_key_and_hash(built: tuple[Path, Path]) -> None:
    _, out = built
    data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert data["format"] == 1
    entry = data["outputs"]["cache/ptsd.en.html"]
    assert set(entry["parts"]) == {"clinic", "logo", "font", "content", "template", "tool"}
    record = entry["files"]["cache/ptsd.en.html"]
    assert record["size"] == (out / "cache" / "ptsd.en.html").stat().st_size
    assert len(record["sha256"]) == 64
    assert sorted(data["clinics"]) == ["cache", "lakeshore"]
    assert list(out.rglob("*.part")) == []


def test_editing_one_clinic_rebuilds_only_its_outputs(built: tuple[Path, Path]) -> None:
    folder, out = built
    clinic_file = folder / "lakeshore.yaml"
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8").replace("Main office", "Harbor office"), "utf-8")
    report = build_html([folder], out)
    assert ids(report, "built") == [f"lakeshore/{n}.en.html" for n in ("anxiety", "depression", "ptsd")]
    assert {o.reason for o in report.with_status("built")} == {"clinic file changed"}
    assert "Harbor office" in (out / "lakeshore" / "ptsd.en.html").read_text(encoding="utf-8")


def test_a_deleted_or_edited_output_is_rebuilt(built: tuple[Path, Path]) -> None:
    folder, out = built
    original = (out / "cache" / "ptsd.en.html").read_bytes()
    (out / "cache" / "ptsd.en.html").unlink()
    (out / "cache" / "depression.en.html").write_text("edited by hand", encoding="utf-8")
    report = build_html([folder], out)
    assert {o.job.id: o.reason for o in report.with_status("built")} == {
        "cache/ptsd.en.html": "output missing",
        "cache/depression.en.html": "output modified",
    }
    assert (out / "cache" / "ptsd.en.html").read_bytes() == original
    assert (out / "cache" / "depression.en.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_touched_but_unchanged_output_is_not_rebuilt(built: tuple[Path, Path]) -> None:
    folder, out = built
    target = out / "cache" / "ptsd.en.html"
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert build_html([folder], out).built == []
    recorded = Manifest.load(out).entries["cache/ptsd.en.html"].files["cache/ptsd.en.html"]
    assert recorded.mtime_ns == 1_000_000_000  # remembered, so the next check need not read the file


def test_force_rebuilds_everything(built: tuple[Path, Path]) -> None:
    folder, out = built
    report = build_html([folder], out, force=True)
    assert len(report.built) == 5
    assert {o.reason for o in report.outcomes} == {"forced"}


def test_an_unreadable_manifest_means_rebuilding_everything(built: tuple[Path, Path]) -> None:
    folder, out = built
    (out / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    report = build_html([folder], out)
    assert len(report.built) == 5
    [note] = report.notes
    assert note.startswith(f"{out / MANIFEST_NAME}: cannot be read (")
    assert note.endswith("); rebuilding everything")
    assert Manifest.load(out).problem is None


# -- stale outputs and --prune ----------------------------------------------------------------------------------


def test_outputs_of_a_removed_clinic_are_reported_and_kept(built: tuple[Path, Path]) -> None:
    folder, out = built
    (folder / "cache.yaml").unlink()
    report = build_html([folder], out)
    assert report.stale == ["cache/depression.en.html", "cache/ptsd.en.html"]
    assert "2 stale outputs (their clinic or document is gone)" in report.summary()
    assert (out / "cache" / "ptsd.en.html").exists()
    assert report.exit_code == 0


def test_prune_removes_stale_outputs_and_their_empty_folder(built: tuple[Path, Path]) -> None:
    folder, out = built
    (folder / "cache.yaml").unlink()
    report = build_html([folder], out, prune=True)
    assert report.pruned == ["cache/depression.en.html", "cache/ptsd.en.html"]
    assert not (out / "cache").exists()
    assert sorted(Manifest.load(out).entries) == [f"lakeshore/{n}.en.html" for n in ("anxiety", "depression", "ptsd")]
    assert "cache" not in Manifest.load(out).clinics


def test_prune_keeps_a_stale_file_changed_by_hand_and_files_leaflet_did_not_write(built: tuple[Path, Path]) -> None:
    folder, out = built
    (out / "cache" / "ptsd.en.html").write_text("my own notes", encoding="utf-8")
    (out / "cache" / "notes.txt").write_text("not leaflet's", encoding="utf-8")
    (folder / "cache.yaml").unlink()
    report = build_html([folder], out, prune=True)
    assert (report.pruned, report.kept) == (["cache/depression.en.html"], ["cache/ptsd.en.html"])
    assert sorted(p.name for p in (out / "cache").iterdir()) == ["notes.txt", "ptsd.en.html"]
    assert "cache/ptsd.en.html" not in Manifest.load(out).entries


def test_a_document_a_clinic_no_longer_asks_for_is_stale(built: tuple[Path, Path]) -> None:
    folder, out = built
    clinic_file = folder / "lakeshore.yaml"
    text = clinic_file.read_text(encoding="utf-8")
    clinic_file.write_text(text.replace("conditions: [depression, anxiety, ptsd]", "conditions: [ptsd]"), "utf-8")
    report = build_html([folder], out, prune=True)
    assert report.pruned == ["lakeshore/anxiety.en.html", "lakeshore/depression.en.html"]
    assert ids(report, "built") == ["lakeshore/ptsd.en.html"]


def test_building_some_clinics_leaves_the_others_outputs_alone(built: tuple[Path, Path]) -> None:
    folder, out = built
    report = build_html([folder / "cache.yaml"], out, prune=True)
    assert (report.stale, report.pruned, report.built) == ([], [], [])
    assert (out / "lakeshore" / "ptsd.en.html").exists()
    assert "lakeshore/ptsd.en.html" in Manifest.load(out).entries


def test_an_invalid_clinic_under_keep_going_keeps_its_outputs(built: tuple[Path, Path]) -> None:
    folder, out = built
    clinic_file = folder / "cache.yaml"
    clinic_file.write_text(clinic_file.read_text(encoding="utf-8").replace("routes: [", "routes: [teleport, "), "utf-8")
    clinics, problems = check_clinics([folder])
    report = build_clinics(clinics, out, BuildOptions(jobs=0, formats=("html",), prune=True), problems, inputs=[folder])
    assert (report.stale, report.pruned) == ([], [])
    assert (out / "cache" / "ptsd.en.html").exists()
    assert report.exit_code == 1


def test_a_moved_folder_keeps_its_leaflets_when_one_clinic_is_built_from_it_with_prune(tmp_path: Path) -> None:
    # Issue #9: built from a folder, the folder renamed, one clinic rebuilt from it with --prune: the other
    # clinics' files must stay (their clinic files were moved, not deleted).
    folder = copy_samples(tmp_path, "cache", "lakeshore", "austin")
    out = tmp_path / "out"
    assert build_html([folder], out).exit_code == 0
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*.html"))
    moved = folder.rename(tmp_path / "renamed")
    report = build_html([moved / "cache.yaml"], out, prune=True)
    assert (report.stale, report.pruned, report.built) == ([], [], [])
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.html")) == before
    assert {entry.clinic for entry in Manifest.load(out).entries.values()} == {"austin", "cache", "lakeshore"}


def test_a_clinic_file_gone_from_a_folder_not_given_to_this_build_is_not_stale(built: tuple[Path, Path]) -> None:
    folder, out = built
    (folder / "cache.yaml").unlink()
    report = build_html([folder / "lakeshore.yaml"], out, prune=True)
    assert (report.stale, report.pruned) == ([], [])
    assert (out / "cache" / "ptsd.en.html").exists()


def test_a_clinic_file_now_making_another_id_leaves_its_old_outputs_stale(built: tuple[Path, Path]) -> None:
    folder, out = built
    clinic_file = folder / "cache.yaml"
    text = clinic_file.read_text(encoding="utf-8")
    clinic_file.write_text(text.replace("id: cache\n", "id: cache-two\n"), "utf-8")
    report = build_html([clinic_file], out, prune=True)
    assert report.pruned == ["cache/depression.en.html", "cache/ptsd.en.html"]
    assert ids(report, "built") == ["cache-two/depression.en.html", "cache-two/ptsd.en.html"]


def test_a_jobs_warnings_are_reported_while_it_stays_up_to_date(built: tuple[Path, Path]) -> None:
    # WeasyPrint's warnings come from the render; the manifest keeps them, so a later build reports them too.
    folder, out = built
    data = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    data["outputs"]["cache/ptsd.en.html"]["warnings"] = ["a warning from the render"]
    (out / MANIFEST_NAME).write_text(json.dumps(data), encoding="utf-8")
    report = build_html([folder], out)
    assert report.built == []
    assert [(w.clinic, w.job, w.message) for w in report.warnings if w.job] == [
        ("cache", "cache/ptsd.en.html", "a warning from the render")
    ]
