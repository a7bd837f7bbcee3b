"""The manifest: what leaflet wrote into an output folder, from which inputs, and what each file looked like.

It lives in the output folder as `.leaflet-manifest.json` (a name no clinic id can take) and is what makes builds
incremental: a job is skipped when its key is the recorded one and its files are as leaflet left them. It is also
the only list of files `--prune` may delete. Written atomically, so a crash leaves the old manifest or the new.

Like everything in an output folder it is untrusted input: read only as a regular file of at most
MANIFEST_MAX_BYTES, and an entry counts only for the files its own job writes, found again from what the entry
says the job is (clinic, document, language, format: leaflet.batch.plan.job_files), never from the paths it lists.
Any other path it lists is left alone and reported (`Manifest.foreign`); the paths it records as clinic files are
never opened.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from leaflet.batch.output import read_output, stat_output, write_output
from leaflet.batch.plan import job_files
from leaflet.errors import ForeignFile, OutputError
from leaflet.spec.scalars import ID

MANIFEST_NAME = ".leaflet-manifest.json"
FORMAT = 1
# About 1.1 KB an output: room for some 30,000 outputs (a thousand clinics with every document in two languages).
MANIFEST_MAX_BYTES = 32 * 2**20
# What an entry's document, language and format may be: dotted ids ("brochure.north", "print.pdf"), so that the
# paths found from them stay two levels inside the output folder, in the clinic's folder or the gallery's.
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*")


@dataclass(frozen=True)
class FileRecord:
    """An output file as leaflet wrote it: its hash, and its size and mtime to notice changes without reading."""

    sha256: str
    size: int
    mtime_ns: int


@dataclass
class Entry:
    """One job's outputs, keyed in the manifest by the job's id ("austin/ptsd.en.pdf")."""

    clinic: str  # the clinic id
    source: str  # the clinic file, resolved: its removal makes the entry stale
    kind: str
    name: str
    language: str
    format: str
    key: str
    parts: dict[str, str]
    files: dict[str, FileRecord]  # path inside the output folder -> record
    title: str = ""  # the document's title, for the gallery
    seconds: float = 0.0  # how long the render took: the next build starts the slowest first
    warnings: list[str] = field(default_factory=list)
    location: str | None = None


@dataclass
class ClinicRecord:
    id: str
    name: str
    source: str
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""  # of the clinic file: a copy elsewhere is the same clinic (ownership), without opening this one


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    clinics: dict[str, ClinicRecord] = field(default_factory=dict)
    problem: str | None = None  # why an existing manifest could not be read (then everything is rebuilt)
    loaded: dict[str, Any] | None = field(default=None, repr=False, compare=False)  # as read, to skip a rewrite

    foreign: list[str] = field(default_factory=list)  # paths it lists that its entries' jobs do not write

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / MANIFEST_NAME
        try:
            raw = read_output(out_dir, MANIFEST_NAME, MANIFEST_MAX_BYTES)
            if raw is None:
                return cls()
            data = json.loads(raw)
        except ForeignFile as exc:
            return cls(problem=f"{path}: is {exc.what}, not a manifest leaflet wrote; rebuilding everything")
        except (OutputError, ValueError) as exc:
            return cls(problem=f"{path}: cannot be read ({exc}); rebuilding everything")
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
            entries = {job: _entry(value) for job, value in data["outputs"].items()}
            clinics = {cid: ClinicRecord(**value) for cid, value in data["clinics"].items()}
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            return cls(problem=f"{path}: is not a leaflet manifest ({exc}); rebuilding everything")
        foreign = _leave_foreign_paths(entries)
        return cls(entries, clinics, loaded=json.loads(raw), foreign=foreign)  # a copy no entry shares a list with

    def save(self, out_dir: Path) -> None:
        # vars() rather than dataclasses.asdict(), which deep-copies: ten times slower on a thousand entries.
        data = {
            "format": FORMAT,
            "outputs": {job: _entry_json(entry) for job, entry in sorted(self.entries.items())},
            "clinics": {cid: vars(record) for cid, record in sorted(self.clinics.items())},
        }
        if data == self.loaded and _still_there(out_dir):  # a no-op rebuild: ~50x cheaper than json.dumps
            return
        write_output(
            out_dir,
            MANIFEST_NAME,
            (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"),
        )


def _still_there(out_dir: Path) -> bool:
    try:
        return stat_output(out_dir, MANIFEST_NAME) is not None
    except OutputError:
        return False


def own_files(entry: Entry) -> tuple[str, ...]:
    """The files an entry's job writes, found from what the entry says the job is; () if that names no job
    leaflet could run (an id or a name that is not one, which could make a path leave the clinic's folder)."""
    if not (
        ID.fullmatch(entry.clinic) and all(_NAME.fullmatch(part) for part in (entry.name, entry.language, entry.format))
    ):
        return ()
    return tuple(map(str, job_files(entry.clinic, entry.name, entry.language, entry.format)))


def _leave_foreign_paths(entries: dict[str, Entry]) -> list[str]:
    """Take out of `entries` what their jobs do not write: an entry keyed by another job's id goes whole, an
    entry's other files go from it. The paths taken out, which leaflet leaves alone and reports."""
    foreign: set[str] = set()
    for job_id, entry in list(entries.items()):
        own = own_files(entry)
        if not own or own[0] != job_id:
            foreign.update((job_id, *entry.files))
            del entries[job_id]
            continue
        for path in [p for p in entry.files if p not in own]:
            foreign.add(path)
            del entry.files[path]
    return sorted(foreign)


@cache
def resolved(path: Path) -> str:
    """A clinic file's real path, as the manifest records it (cached: a no-op rebuild asks once per job)."""
    return str(path.resolve())


def record(data: bytes, written: os.stat_result) -> FileRecord:
    """The record of a file just written with `data` (`written`: its status, from leaflet.batch.output)."""
    return FileRecord(hashlib.sha256(data).hexdigest(), written.st_size, written.st_mtime_ns)


def check_file(out_dir: Path, relative: str, recorded: FileRecord) -> tuple[str | None, FileRecord]:
    """Whether a recorded file is still as leaflet wrote it: (None, record) if so, else (why not, record).

    Size and mtime decide without reading; a file whose mtime changed but whose bytes did not (touched, copied
    back) is read once and kept, with its new mtime recorded. A file that is not a regular file (a link, a FIFO)
    or sits in a folder that is a link is not leaflet's: "not written by leaflet".
    """
    try:
        found = stat_output(out_dir, relative)
        if found is None:
            return "output missing", recorded
        if found.st_size != recorded.size:
            return "output modified", recorded
        if found.st_mtime_ns == recorded.mtime_ns:
            return None, recorded
        data = read_output(out_dir, relative)
    except ForeignFile:
        return NOT_OURS, recorded
    if data is None:
        return "output missing", recorded
    if hashlib.sha256(data).hexdigest() != recorded.sha256:
        return "output modified", recorded
    return None, FileRecord(recorded.sha256, found.st_size, found.st_mtime_ns)


NOT_OURS = "not written by leaflet"  # a link, a FIFO, a device where an output should be


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {**vars(entry), "files": {path: vars(record) for path, record in entry.files.items()}}


def _entry(value: dict[str, Any]) -> Entry:
    files = {path: FileRecord(**record) for path, record in value.pop("files").items()}
    return Entry(files=files, **value)
