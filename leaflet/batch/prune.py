"""Remove stale outputs (--prune): only files the manifest says leaflet wrote, and only as leaflet wrote them.

An entry may remove only the files its own job writes, found again from what the entry says the job is
(leaflet.batch.manifest.own_files): never another clinic's, the lock, the manifest, or a file a person left. A
link, a FIFO or a device where such a file should be is not leaflet's: left alone and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from leaflet.batch.manifest import NOT_OURS, Manifest, check_file, own_files
from leaflet.batch.output import remove_output
from leaflet.errors import ForeignFile


@dataclass
class Pruning:
    remove: list[str] = field(default_factory=list)  # as leaflet wrote them
    keep: list[str] = field(default_factory=list)  # changed by hand since: the user's now
    foreign: list[str] = field(default_factory=list)  # not leaflet's (a link, a FIFO): left alone, reported


def prune_plan(out_dir: Path, manifest: Manifest, stale: list[str]) -> Pruning:
    """What --prune would do with the files of the `stale` manifest entries. Reads only: --dry-run prints it."""
    plan = Pruning()
    for job_id in stale:
        entry = manifest.entries[job_id]
        for path in own_files(entry):
            recorded = entry.files.get(path)
            if recorded is None:
                continue
            why, _ = check_file(out_dir, path, recorded)
            if why == "output missing":
                continue
            {None: plan.remove, NOT_OURS: plan.foreign}.get(why, plan.keep).append(path)
    return plan


def prune(out_dir: Path, manifest: Manifest, stale: list[str]) -> Pruning:
    """Delete the files of the `stale` manifest entries; what was removed, kept and left alone.

    Either way the entries leave the manifest: a kept file is the user's now. Folders left empty go too.
    """
    plan = prune_plan(out_dir, manifest, stale)
    for job_id in stale:
        del manifest.entries[job_id]
    removed = []
    for path in plan.remove:
        try:
            if remove_output(out_dir, path):
                removed.append(path)
        except ForeignFile:  # swapped for a link since it was checked: not leaflet's any more
            plan.foreign.append(path)
    plan.remove = removed
    return plan
