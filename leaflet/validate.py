"""Step 2 of the pipeline: check a clinic file against the schema and build the Clinic model.

Every problem in a file is reported, not just the first, each with its line, column and field path, what is
wrong and how to fix it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from leaflet import clock, review
from leaflet.errors import InvalidInput, Problem, UsageError
from leaflet.fields import CHECKERS, ID, Bad, check_choice, check_language, did_you_mean
from leaflet.fonts import BrandFont, with_bold
from leaflet.load import Mapping, Node, Scalar, Sequence, SourceFile, read_yaml
from leaflet.load.strict_yaml import capped
from leaflet.model import Brand, Clinic, Location, MedicalReview
from leaflet.plain_text import quoted, visible
from leaflet.schema import CLINIC_FIELDS, ID_MAX, Field

CLINIC_SUFFIXES = (".yaml", ".yml")
_EMPTY = ("", "~", "null", "Null", "NULL")
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
    source = read_yaml(path)
    return _Validator(source).clinic()


class _Validator:
    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.source.path, node.line, node.column, visible(field, 120), message))

    def clinic(self) -> Clinic:
        values = self.mapping(self.source.root, CLINIC_FIELDS, "")
        clinic_id = values.get("id") or self._id_from_file_name()
        locations: tuple[Location, ...] = values["locations"] or ()
        phone = self.source.root.get("phone")
        phone_given = phone is not None and not _is_empty(phone)  # a bad one is reported as bad, not missing
        if not phone_given and (not locations or any(loc.phone is None for loc in locations)):
            self.problem(
                self.source.root,
                "phone",
                'is missing; add the main number, e.g. phone: "505-555-0100" '
                "(it may be left out only when every location has its own phone)",
            )
        settings = self._settings(values)
        if values["nasal_spray"] and "intranasal" not in (values["routes"] or ()):
            self.problem(
                self.source.root.get("nasal_spray") or self.source.root,
                "nasal_spray",
                "is only for a clinic that offers the intranasal route; add intranasal to routes or remove nasal_spray",
            )
        if self.problems:
            raise InvalidInput(capped(self.problems))
        brand = values["brand"] or {}
        font = brand.get("font")  # the schema's default is the family's name; a checked value is a BrandFont
        clinic = Clinic(
            source=self.source.path,
            id=clinic_id,
            name=values["name"],
            phone=values["phone"],
            email=values["email"],
            website=values["website"],
            booking_url=values["booking_url"],
            routes=values["routes"],
            conditions=values["conditions"],
            languages=values["languages"],
            paper=values["paper"],
            country=values["country"],
            settings=settings,
            nasal_spray=values["nasal_spray"],
            publish_url=values["publish_url"],
            about=values["about"],
            locations=locations,
            brand=Brand(
                logo=brand.get("logo"),
                primary_color=brand.get("primary_color", "#2a6f97"),
                accent_color=brand.get("accent_color", "#f4a261"),
                font=with_bold(font if isinstance(font, BrandFont) else BrandFont(), brand.get("font_bold")),
                heading_font=brand.get("heading_font"),
            ),
        )
        return self._signed_off(clinic, values["medical_review"])

    def _signed_off(self, clinic: Clinic, values: dict[str, Any] | None) -> Clinic:
        """The clinic with its sign-off, and whether it has lapsed on the build's date (a warning, not a problem:
        the leaflets are built, saying that they have not yet been reviewed)."""
        if values is None:
            return clinic
        signed = MedicalReview(by=values["by"], on=values["on"], content=values["content"])
        lapsed = review.lapse(clinic, signed, clock.build_date())
        return replace(clinic, medical_review=replace(signed, lapsed=lapsed))

    def _settings(self, values: dict[str, Any]) -> tuple[str, ...]:
        """`settings`, or what the older `in_home: true` meant: the clinic's own staff also treat at home."""
        in_home = self.source.root.get("in_home")
        if in_home is not None and self.source.root.get("settings") is not None:
            self.problem(in_home, "in_home", "is replaced by settings, which this file has too: remove in_home")
        if values["in_home"] and self.source.root.get("settings") is None:
            return ("clinic", "clinician_home")
        settings: tuple[str, ...] = values["settings"]
        return settings

    def _id_from_file_name(self) -> str:
        stem = self.source.path.stem
        if ID.fullmatch(stem):
            return stem
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:ID_MAX] or "my-clinic"
        self.problem(
            self.source.root,
            "id",
            f"is missing and the file name {quoted(stem)} is not a valid id; add `id: {suggestion}`",
        )
        return suggestion

    # -- structure ------------------------------------------------------------------------------------------

    def mapping(self, node: Node, fields: tuple[Field, ...], prefix: str) -> dict[str, Any]:
        """Check a mapping's keys and each field's value; return the values (defaults where absent)."""
        values: dict[str, Any] = {f.name: f.default for f in fields}
        if not isinstance(node, Mapping):
            self.problem(node, prefix.rstrip("."), "must be a mapping of fields (`key: value` lines)")
            return values
        known = {f.name: f for f in fields}
        for key, value in node.items:
            path = prefix + key.value
            field = known.get(key.value)
            if field is None:
                self.problem(
                    key,
                    path,
                    f"is not a field{did_you_mean(key.value, known)} (fields here: {', '.join(known)})",
                )
                continue
            if _is_empty(value):
                if field.required:
                    self.problem(value, path, f"is empty; {field.doc[0].lower()}{field.doc[1:]}")
                self._hint_comment(value, key, path, field)
                continue
            values[field.name] = self.value(value, field, path)
        for field in fields:
            if field.required and node.get(field.name) is None:
                self.problem(node, prefix + field.name, f"is missing; add `{field.name}:` ({field.doc})")
        return values

    def _hint_comment(self, value: Node, key: Scalar, path: str, field: Field) -> None:
        """An unquoted `#` starts a YAML comment, so `color: #ff0000` reads as empty: say so."""
        if field.kind != "color":
            return
        line = self.source.lines[key.line - 1] if key.line <= len(self.source.lines) else ""
        after = line[key.column - 1 + len(key.value) :]
        if "#" in after:
            written = visible(after[after.index("#") :].split()[0], 20)
            self.problem(
                value,
                path,
                f"is empty because YAML reads an unquoted # as a comment; "
                f'write it in quotes: {field.name}: "{written}"',
            )

    def value(self, node: Node, field: Field, path: str) -> object:
        if field.kind == "mapping":
            return self.mapping(node, field.fields, path + ".")
        if field.kind == "locations":
            return self.locations(node, field, path)
        if field.kind in ("choices", "languages"):
            return self.scalar_list(node, field, path)
        if not isinstance(node, Scalar):
            self.problem(node, path, "must be a single value, not a list or mapping")
            return field.default
        try:
            return CHECKERS[field.kind](node, field, self.source)
        except Bad as bad:
            self.problem(node, path, str(bad))
            return field.default

    def scalar_list(self, node: Node, field: Field, path: str) -> tuple[str, ...]:
        if isinstance(node, Scalar):
            self.problem(node, path, f"must be a list, like {field.name}: [{visible(node.value)}]")
            return ()
        if not isinstance(node, Sequence):
            self.problem(node, path, f"must be a list, like {field.name}: [{', '.join(field.choices[:2])}]")
            return ()
        items: list[str] = []
        for index, item in enumerate(node.items):
            item_path = f"{path}[{index}]"
            if not isinstance(item, Scalar) or _is_empty(item):
                self.problem(item, item_path, "must be a single word")
                continue
            try:
                word = check_language(item) if field.kind == "languages" else check_choice(item, field)
            except Bad as bad:
                self.problem(item, item_path, str(bad))
                continue
            if word in items:
                self.problem(item, item_path, f"{quoted(word)} is listed twice; remove one")
                continue
            items.append(word)
        if not node.items:  # an empty list would build nothing for the clinic, and say nothing about it
            from leaflet.content import available_languages

            choices = field.choices or available_languages()
            self.problem(node, path, f"is empty; list at least one of: {', '.join(choices)}")
        return tuple(items)

    def locations(self, node: Node, field: Field, path: str) -> tuple[Location, ...]:
        if not isinstance(node, Sequence):
            self.problem(node, path, "must be a list of locations, each starting with `- id: ...`")
            return ()
        found: list[Location] = []
        seen: dict[str, int] = {}
        for index, item in enumerate(node.items):
            item_path = f"{path}[{index}]"
            before = len(self.problems)
            values = self.mapping(item, field.fields, item_path + ".")
            if len(self.problems) > before:
                continue
            location = Location(**values)
            if location.id in seen:
                self.problem(
                    item,
                    item_path + ".id",
                    f"'{location.id}' is also the id of locations[{seen[location.id]}]; ids must differ",
                )
                continue
            seen[location.id] = index
            found.append(location)
        return tuple(found)


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and (node.value.strip() in _EMPTY if not node.quoted else not node.value.strip())
