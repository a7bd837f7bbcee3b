"""Step 2 of the pipeline: find the clinic files, check each against its declaration (leaflet.spec.clinic), which
builds the Clinic model, and check that no two clinics share an id.

Every problem in a file is reported, not just the first, each with its line, column and field path, what is
wrong and how to fix it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from leaflet.errors import InvalidInput, Problem, UsageError
from leaflet.load import read_yaml
from leaflet.model import Clinic
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
                _LOG.warning("%s: skipped, %s", stray, why)
            if not inside:
                raise UsageError(f"{path}: no clinic files (*.yaml) in this folder")
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    # A file named twice (`data/clinics data/clinics/x.yaml`) is one clinic, not two with the same id.
    seen: set[Path] = set()
    unique: list[Path] = []
    for path in found:
        if (real := path.resolve()) not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def in_folder(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The clinic files of a folder: the regular files directly inside it named *.yaml or *.yml, in any case
    (`X.YAML` too), except hidden files: a Mac leaves `._x.yaml` beside each file it copies to a shared drive, and
    editors leave `.x.yaml.swp`-like files. Return them sorted, and the hidden YAML files skipped, each with why."""
    inside: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in CLINIC_SUFFIXES or not path.is_file():
            continue
        if path.name.startswith("._"):
            skipped.append((path, "a Mac's metadata file (AppleDouble), not a clinic file"))
        elif path.name.startswith("."):
            skipped.append((path, "a hidden file; rename it without the leading dot to build it"))
        else:
            inside.append(path)
    return inside, skipped


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
