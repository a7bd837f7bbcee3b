"""--prune removes only what a stale entry's own job wrote, found again from the entry's clinic, document, language
and format: a hand-edited manifest cannot make it remove another clinic's files, the user's, the lock or the
manifest; what it lists besides is left alone and reported, and a `../` or absolute path is no crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_samples
from outdir_support import build_html, file_record, files_in, read_manifest, write_manifest

from leaflet.batch.lock import LOCK_NAME
from leaflet.batch.manifest import MANIFEST_NAME, Manifest


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """cache (handouts) and lakeshore (handouts, brochure) built into tmp_path/out, as HTML; (clinics, out)."""
    folder = copy_samples(tmp_path, "cache", "lakeshore")
    out = tmp_path / "out"
    assert build_html([folder], out, kinds=("handout", "brochure")).exit_code == 0
    return folder, out


def stop_building_ptsd(folder: Path) -> None:
    """cache no longer asks for its PTSD handout: cache/ptsd.en.html is stale."""
    clinic = folder / "cache.yaml"
    clinic.write_text(clinic.read_text("utf-8").replace("conditions: [ptsd, depression]", "conditions: [depression]"))


def messages(report_warnings: list[object]) -> list[str]:
    return [str(warning) for warning in report_warnings]


def test_an_entry_naming_other_files_removes_only_its_own(built: tuple[Path, Path]) -> None:
    folder, out = built
    (out / "cache" / "notes.txt").write_text("the user's own notes", encoding="utf-8")
    thumbnail = out / "_gallery" / "lakeshore" / "brochure.main.en.png"  # another clinic's gallery picture
    thumbnail.parent.mkdir(parents=True)
    thumbnail.write_bytes(b"\x89PNG a picture")
    data = read_manifest(out)
    others = ["lakeshore/brochure.main.en.html", str(thumbnail.relative_to(out)), "cache/notes.txt", LOCK_NAME]
    data["outputs"]["cache/ptsd.en.html"]["files"].update({path: file_record(out / path) for path in others})
    write_manifest(out, data)
    stop_building_ptsd(folder)

    report = build_html([folder], out, kinds=("handout", "brochure"), prune=True)

    assert report.pruned == ["cache/ptsd.en.html"]  # its own file goes
    assert all((out / path).exists() for path in others)
    [warning] = [m for m in messages(report.warnings) if m.startswith("left alone: ")]
    assert warning == (
        f"left alone: {', '.join(sorted(others))}, not written by leaflet ({out / MANIFEST_NAME} lists them, but "
        "not as the files of its own entries' jobs; ignored, and left out of the manifest from now on)"
    )
    recorded = {path for entry in Manifest.load(out).entries.values() for path in entry.files}
    assert recorded & set(others) == {"lakeshore/brochure.main.en.html"}  # its own entry's, still
    assert report.exit_code == 0


def test_an_entry_keyed_by_another_jobs_output_is_ignored(built: tuple[Path, Path]) -> None:
    # An entry may say it is cache's depression handout, but be filed under lakeshore's brochure: neither is pruned.
    folder, out = built
    data = read_manifest(out)
    data["outputs"]["lakeshore/brochure.main.en.html"] = {
        **data["outputs"]["cache/ptsd.en.html"],
        "files": {"lakeshore/brochure.main.en.html": file_record(out / "lakeshore" / "brochure.main.en.html")},
    }
    write_manifest(out, data)
    stop_building_ptsd(folder)
    report = build_html([folder / "cache.yaml"], out, prune=True)
    assert report.pruned == ["cache/ptsd.en.html"]
    assert (out / "lakeshore" / "brochure.main.en.html").exists()


def test_a_manifest_with_paths_outside_the_output_folder_is_no_crash(built: tuple[Path, Path], tmp_path: Path) -> None:
    folder, out = built
    outside = tmp_path / "escape.html"
    outside.write_text("not in --out", encoding="utf-8")
    data = read_manifest(out)
    entry = data["outputs"]["cache/ptsd.en.html"]
    data["outputs"]["../escape.html"] = {**entry, "files": {"../escape.html": file_record(outside)}}
    entry["files"][str(outside)] = file_record(outside)
    write_manifest(out, data)
    stop_building_ptsd(folder)

    report = build_html([folder], out, prune=True)

    assert report.exit_code == 0
    assert report.pruned == ["cache/ptsd.en.html"]
    assert outside.read_text(encoding="utf-8") == "not in --out"
    assert any(
        m.startswith(f"left alone: ../escape.html, {outside}, not written by leaflet ({out / MANIFEST_NAME}")
        for m in messages(report.warnings)
    )
    assert "../escape.html" not in Manifest.load(out).entries  # said once: the next build is quiet
    assert not [m for m in messages(build_html([folder], out, prune=True).warnings) if m.startswith("left alone")]


def test_a_stale_output_replaced_by_a_link_is_neither_followed_nor_removed(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    folder, out = built
    stale = out / "cache" / "ptsd.en.html"
    elsewhere = tmp_path / "elsewhere.html"
    elsewhere.write_bytes(stale.read_bytes())  # the very bytes leaflet wrote, so only the link gives it away
    stale.unlink()
    stale.symlink_to(elsewhere)
    stop_building_ptsd(folder)

    report = build_html([folder], out, prune=True)

    assert (report.pruned, report.kept) == ([], [])
    assert stale.is_symlink() and elsewhere.exists()
    assert f"left alone: cache/ptsd.en.html, not written by leaflet (in {out}: a link" in "\n".join(
        messages(report.warnings)
    )


def test_the_lock_and_the_manifest_are_never_pruned(built: tuple[Path, Path]) -> None:
    folder, out = built
    data = read_manifest(out)
    data["outputs"]["cache/ptsd.en.html"]["files"].update(
        {name: file_record(out / name) for name in (LOCK_NAME, MANIFEST_NAME, "index.html")}
    )
    write_manifest(out, data)
    stop_building_ptsd(folder)
    report = build_html([folder], out, prune=True)
    assert report.pruned == ["cache/ptsd.en.html"]
    assert {LOCK_NAME, MANIFEST_NAME, "index.html"} <= set(files_in(out))
