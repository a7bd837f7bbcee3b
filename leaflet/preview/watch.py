"""Which files a preview watches, and whether they changed since the last look.

A clinic is a handful of files (the clinic file, its logo, a font), so they are polled: a stat() of each every
POLL_SECONDS costs nothing, needs no dependency and behaves alike on every system and file system (an editor that
saves by writing a new file and renaming it over the old one included).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

from leaflet.errors import InvalidInput
from leaflet.load import Mapping, Scalar, read_yaml
from leaflet.model import Clinic

POLL_SECONDS = 0.1  # a save is built ~0.15 s after on average; a stat() of three files ten times a second is nothing
# What a file looked like: (mtime in ns, size), or None while it is missing (a logo not saved yet).
Snapshot = dict[Path, tuple[int, int] | None]


def watched_files(source: Path, clinic: Clinic | None) -> tuple[Path, ...]:
    """The clinic file and every file its `brand:` names (its logo, a font).

    The names are read from the file as written, so that a file that is invalid now still has its logo and font
    watched (a logo it names but that is not there yet too); the valid clinic's own paths are added to them.
    """
    files = {source, *_named_in_brand(source)}
    if clinic is not None:
        files.update(_paths_in(clinic.brand))
    return tuple(sorted(files))


def snapshot(files: tuple[Path, ...]) -> Snapshot:
    found: Snapshot = {}
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            found[path] = None
        else:
            found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """The files that differ between two snapshots of the same files."""
    return [path for path in after if before.get(path) != after[path]]


def _named_in_brand(source: Path) -> set[Path]:
    """The files `brand:` names in the clinic file (a value with a file suffix, like `logo.svg`), inside its
    folder; a value that is no file name (a colour, a font family) names none."""
    try:
        brand = read_yaml(source).root.get("brand")
    except InvalidInput:  # unreadable or not YAML just now: the clinic's own entries still name its files
        return set()
    if not isinstance(brand, Mapping):
        return set()
    names: set[Path] = set()
    for _, value in brand.items:
        name = PurePosixPath(value.value) if isinstance(value, Scalar) else None
        # Only stat()ed, never read; the validator decides whether a file may be used.
        if name is not None and name.suffix and not name.is_absolute() and ".." not in name.parts:
            names.add(source.parent / name)
    return names


def _paths_in(brand: object) -> set[Path]:
    """The file paths among the brand's attributes (the logo, a font file), and among theirs one level down."""
    found: set[Path] = set()
    if not dataclasses.is_dataclass(brand):
        return found
    for item in dataclasses.fields(brand):
        value = getattr(brand, item.name)
        if isinstance(value, Path):
            found.add(value)
        elif dataclasses.is_dataclass(value):
            found.update(v for f in dataclasses.fields(value) if isinstance(v := getattr(value, f.name), Path))
    return found
