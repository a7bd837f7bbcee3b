"""Step 2 of the pipeline: find the clinic files, check each against its declaration (leaflet.spec.clinic), which
builds the Clinic model, and check that no two clinics share an id.

Every problem in a file is reported, not just the first, each with its line, column and field path, what is
wrong and how to fix it.
"""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterable
from pathlib import Path

from leaflet.errors import InvalidInput, Problem, UsageError
from leaflet.load import read_yaml
from leaflet.model import Clinic
from leaflet.plain_text import shown_path
from leaflet.spec.clinic import read_clinic

CLINIC_SUFFIXES = (".yaml", ".yml")
# Warnings for the person at the terminal; with no logging configured, Python prints them on stderr.
_LOG = logging.getLogger("leaflet")


def clinic_files(paths: Iterable[Path]) -> list[Path]:
    """Expand the command line's paths: files as given, folders to the clinic files directly inside them (see
    `in_folder`); the clinic files a folder's rule skips are logged as warnings."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside, skipped = in_folder(path)
            for stray, why in skipped:
                _LOG.warning("%s: skipped, %s", shown_path(stray), why)
            if not inside:
                raise UsageError(f"{shown_path(path)}: no clinic files (*.yaml) in this folder")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{shown_path(path)}: no such file or folder")
    # A file named twice (`data/clinics data/clinics/x.yaml`) is one clinic, not two with the same id.
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in found:
        if (real := path.resolve()) not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def in_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The clinic files of a folder: the regular files directly inside it (or links to one) named *.yaml or *.yml,
    in any case (`X.YAML` too), except hidden files: a Mac leaves `._x.yaml` beside each file it copies to a shared
    drive, and editors leave `.x.yaml.swp`-like files. Return them sorted, and the YAML names skipped (hidden, or
    not a regular file), each with why."""
    inside: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in CLINIC_SUFFIXES:
            continue
        if path.name.startswith("._"):
            skipped.append((path, "a Mac's metadata file (AppleDouble), not a clinic file"))
        elif path.name.startswith("."):
            skipped.append((path, "a hidden file; rename it without the leading dot to build it"))
        elif (why := _not_a_regular_file(path)) is not None:
            skipped.append((path, why))
        else:
            inside.append(path)
    return inside, skipped


def _not_a_regular_file(path: Path) -> str | None:
    """Why `path` is no file to read (a folder, a named pipe, a socket, a device, a link to nothing), or None.

    Found by stat(), never by opening it: opening a named pipe waits for a writer, for ever. A link to a regular
    file anywhere is read, as it always was: clinic files are only read, and the link is the user's own.
    """
    link = "a link to " if path.is_symlink() else ""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        try:
            return f"a link to nothing ({path.readlink()} does not exist); point it at a clinic file or remove it"
        except OSError:  # no link (any more): the name went away after the folder was listed
            return "removed while the folder was read"
    except OSError as exc:  # a loop of links (ELOOP), a target in a folder it may not enter (EACCES)
        return f"{link}a file that cannot be read: {exc.strerror}"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return f"{link}a folder, not a clinic file"
    return f"{link}{_SPECIAL.get(stat.S_IFMT(mode), 'a special file')}, not a regular file; give a .yaml file"


_SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def check_clinics(paths: Iterable[Path]) -> tuple[list[Clinic], list[Problem]]:
    """Validate every clinic file; return the valid clinics and every problem found in the others."""
    clinics: list[Clinic] = []
    problems: list[Problem] = []
    for path in clinic_files(paths):
        try:
            clinics.append(load_clinic(path))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    by_id: dict[str, Clinic] = {}
    unique: list[Clinic] = []
    for clinic in clinics:
        first = by_id.get(clinic.id)
        if first is None:
            by_id[clinic.id] = clinic
            unique.append(clinic)
            continue
        line, column = _id_position(clinic.source)
        first_line, _ = _id_position(first.source)
        where = f"{first.source}:{first_line}" if first_line else f"{first.source} (from its file name)"
        problems.append(
            Problem(
                clinic.source,
                line,
                column,
                "id",
                f"'{clinic.id}' is also the id of {where}; two clinics would write to the same "
                "folder: give one of them another `id:`",
            )
        )
    return unique, problems


def _id_position(path: Path) -> tuple[int, int]:
    """Where a valid clinic file sets its `id:` (read again: only when two clinics share one); (0, 0) when its
    id comes from its file name."""
    try:
        node = read_yaml(path).root.get("id")
    except InvalidInput:  # the file changed since it was validated: the problem still names both files
        return (0, 0)
    return (node.line, node.column) if node is not None else (0, 0)


def load_clinics(paths: Iterable[Path]) -> list[Clinic]:
    """Validate every clinic file; raise InvalidInput with every problem if any file is invalid."""
    clinics, problems = check_clinics(paths)
    if problems:
        raise InvalidInput(problems)
    return clinics


def load_clinic(path: Path) -> Clinic:
    """Read and validate one clinic file; raise InvalidInput listing every problem in it."""
    return read_clinic(read_yaml(path))
