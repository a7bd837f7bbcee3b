"""Remove stale outputs (--prune): only files the manifest says leaflet wrote, and only as leaflet wrote them."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from leaflet.batch.manifest import Manifest, check_file
from leaflet.batch.output import output_path
from leaflet.errors import OutputError


def prune_plan(out_dir: Path, manifest: Manifest, stale: list[str]) -> tuple[list[str], list[str]]:
    """What --prune would do with the files of the `stale` manifest entries: (remove, keep because changed by
    hand). Reads only: --dry-run prints it."""
    remove: list[str] = []
    keep: list[str] = []
    for job_id in stale:
        for path, recorded in sorted(manifest.entries[job_id].files.items()):
            why, _ = check_file(out_dir, path, recorded)
            if why == "output missing":
                continue
            (keep if why else remove).append(path)
    return remove, keep


def prune(out_dir: Path, manifest: Manifest, stale: list[str]) -> tuple[list[str], list[str]]:
    """Delete the files of the `stale` manifest entries; return (removed, kept because changed by hand).

    Either way the entries leave the manifest: a kept file is the user's now. Folders left empty go too.
    """
    remove, kept = prune_plan(out_dir, manifest, stale)
    for job_id in stale:
        del manifest.entries[job_id]
    removed: list[str] = []
    for path in remove:
        target = output_path(out_dir, PurePosixPath(path))
        try:
            target.unlink()
        except FileNotFoundError:  # gone meanwhile: nothing left to remove
            continue
        except OSError as exc:
            raise OutputError(f"{target}: cannot remove: {exc.strerror}") from None
        removed.append(path)
        _remove_empty_folders(target.parent, out_dir)
    return removed, kept


def _remove_empty_folders(folder: Path, out_dir: Path) -> None:
    root = out_dir.resolve()
    while folder.resolve() != root and folder.resolve().is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:  # not empty (someone else's files): keep it and its parents
            return
        folder = folder.parent
