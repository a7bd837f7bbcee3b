"""The manifest: what leaflet wrote into an output folder, from which inputs, and what each file looked like.

It lives in the output folder as `.leaflet-manifest.json` (a name no clinic id can take) and is what makes builds
incremental: a job is skipped when its key is the recorded one and its files are as leaflet left them. It is also
the only list of files `--prune` may delete. Written atomically, so a crash leaves the old manifest or the new.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from leaflet.batch.output import write_atomic
from leaflet.errors import OutputError

MANIFEST_NAME = ".leaflet-manifest.json"
FORMAT = 1


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


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    clinics: dict[str, ClinicRecord] = field(default_factory=dict)
    problem: str | None = None  # why an existing manifest could not be read (then everything is rebuilt)
    loaded: dict[str, Any] | None = field(default=None, repr=False, compare=False)  # as read, to skip a rewrite

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / MANIFEST_NAME
        try:
            raw = path.read_bytes()
            data = json.loads(raw)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            return cls(problem=f"{path}: cannot be read ({exc}); rebuilding everything")
        try:
            if data.get("format") != FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
            entries = {job: _entry(value) for job, value in data["outputs"].items()}
            clinics = {cid: ClinicRecord(**value) for cid, value in data["clinics"].items()}
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            return cls(problem=f"{path}: is not a leaflet manifest ({exc}); rebuilding everything")
        return cls(entries, clinics, loaded=json.loads(raw))  # a copy no entry shares a list with

    def save(self, out_dir: Path) -> None:
        # vars() rather than dataclasses.asdict(), which deep-copies: ten times slower on a thousand entries.
        data = {
            "format": FORMAT,
            "outputs": {job: _entry_json(entry) for job, entry in sorted(self.entries.items())},
            "clinics": {cid: vars(record) for cid, record in sorted(self.clinics.items())},
        }
        path = out_dir / MANIFEST_NAME
        if data == self.loaded and path.is_file():  # a no-op rebuild: comparing is ~50x cheaper than json.dumps
            return
        text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            write_atomic(path, text.encode("utf-8"))


@cache
def resolved(path: Path) -> str:
    """A clinic file's real path, as the manifest records it (cached: a no-op rebuild asks once per job)."""
    return str(path.resolve())


def record(target: Path, data: bytes) -> FileRecord:
    """The record of a file just written with `data`."""
    stat = target.stat()
    return FileRecord(hashlib.sha256(data).hexdigest(), stat.st_size, stat.st_mtime_ns)


def check_file(out_dir: Path, relative: str, recorded: FileRecord) -> tuple[str | None, FileRecord]:
    """Whether a recorded file is still as leaflet wrote it: (None, record) if so, else (why not, record).

    Size and mtime decide without reading; a file whose mtime changed but whose bytes did not (touched, copied
    back) is read once and kept, with its new mtime recorded.
    """
    # Only reads, so a lexical check is enough here (resolving every path would cost a no-op rebuild ~0.1 s per
    # 1000 files); writing and removing go through output_path(), which also refuses links leading outside.
    if relative.startswith("/") or ".." in PurePosixPath(relative).parts:
        raise OutputError(f"{relative}: output paths must stay inside {out_dir}")
    target = out_dir / relative
    try:
        stat = target.stat()
    except FileNotFoundError:
        return "output missing", recorded
    if stat.st_size != recorded.size:
        return "output modified", recorded
    if stat.st_mtime_ns == recorded.mtime_ns:
        return None, recorded
    if hashlib.sha256(target.read_bytes()).hexdigest() != recorded.sha256:
        return "output modified", recorded
    return None, FileRecord(recorded.sha256, stat.st_size, stat.st_mtime_ns)


def _entry_json(entry: Entry) -> dict[str, Any]:
    return {**vars(entry), "files": {path: vars(record) for path, record in entry.files.items()}}


def _entry(value: dict[str, Any]) -> Entry:
    files = {path: FileRecord(**record) for path, record in value.pop("files").items()}
    return Entry(files=files, **value)
