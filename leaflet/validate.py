"""Step 2 of the pipeline: check a clinic file against the schema and build the Clinic model.

Every problem in a file is reported, not just the first, each with its line, column and field path, what is
wrong and how to fix it.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import phonenumbers

from leaflet import logos
from leaflet.errors import InvalidInput, Problem, UsageError
from leaflet.load import Mapping, Node, Scalar, Sequence, SourceFile, read_yaml
from leaflet.load.strict_yaml import capped
from leaflet.model import Brand, Clinic, Location, Phone
from leaflet.plain_text import quoted, unsafe_character, visible
from leaflet.schema import CLINIC_FIELDS, Field

CLINIC_SUFFIXES = (".yaml", ".yml")
LOGO_SUFFIXES = tuple(logos.MEDIA_TYPES)
MAX_LOGO_BYTES = logos.MAX_RASTER_BYTES
_EMPTY = ("", "~", "null", "Null", "NULL")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# A conservative subset of RFC 5322, ASCII only: the address goes into a mailto: link, where ? & % # / = would
# add headers (cc:, bcc:, body) to the email a patient sends.
_EMAIL = re.compile(
    r"[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")
_LANGUAGE = re.compile(r"[a-z]{2}")


class _Bad(Exception):
    """A field's value is wrong; the message says what to do."""


def clinic_files(paths: Iterable[Path]) -> list[Path]:
    """Expand the command line's paths: files as given, folders to the clinic files directly inside them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in CLINIC_SUFFIXES and p.is_file())
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
        problems.append(
            Problem(
                clinic.source,
                0,
                0,
                "id",
                f"'{clinic.id}' is also the id of {first.source}; two clinics would write to the same "
                "folder: give one of them another `id:`",
            )
        )
    return unique, problems


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


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


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
        if self.problems:
            raise InvalidInput(capped(self.problems))
        brand = values["brand"] or {}
        return Clinic(
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
            in_home=values["in_home"],
            about=values["about"],
            locations=locations,
            brand=Brand(
                logo=brand.get("logo"),
                primary_color=brand.get("primary_color", "#2a6f97"),
                accent_color=brand.get("accent_color", "#f4a261"),
            ),
        )

    def _id_from_file_name(self) -> str:
        stem = self.source.path.stem
        if _ID.fullmatch(stem):
            return stem
        suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:64] or "my-clinic"
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
            return CHECKERS[field.kind](self, node, field)
        except _Bad as bad:
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
                word = _check_language(item) if field.kind == "languages" else _check_choice(item, field)
            except _Bad as bad:
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

    # -- single values --------------------------------------------------------------------------------------

    def check_logo(self, node: Scalar, field: Field) -> Path:
        real = check_logo_path(self.source.path, node.value)
        try:
            logos.prepared_logo(real)
        except logos.UnsafeLogo as exc:
            raise _Bad(f"{quoted(node.value.strip())} {exc}") from None
        return real

    def check_phone(self, node: Scalar, field: Field) -> Phone:
        country = self.source.root.get("country")
        code = country.value.strip().upper() if isinstance(country, Scalar) else ""
        # An unknown country is reported at `country`; read the number as the default's meanwhile.
        region = code if code in phonenumbers.SUPPORTED_REGIONS else "US"
        return parse_phone(node.value, region)


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and (node.value.strip() in _EMPTY if not node.quoted else not node.value.strip())


def _check_line(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if "\n" in text:
        raise _Bad("must be on one line")
    return _check_text(node, field)


def _check_text(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if found := unsafe_character(text):
        raise _Bad(f"contains the control or text-direction character {found}; retype it as plain text")
    if len(text) > field.max_length:
        raise _Bad(f"is {len(text)} characters long; keep it to {field.max_length}")
    return text


def _check_id(node: Scalar, field: Field) -> str:
    if not _ID.fullmatch(node.value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", node.value.lower()).strip("-")[:64]
        hint = f"; try '{suggestion}'" if suggestion and _ID.fullmatch(suggestion) else ""
        raise _Bad(
            f"{quoted(node.value)} is not an id: use 1-64 of a-z, 0-9 and -, starting with a letter or digit{hint}"
        )
    return node.value


def _check_choice(node: Scalar, field: Field) -> str:
    word = node.value.strip()
    if word not in field.choices:
        what = "a " + field.name.rstrip("s").replace("_", " ")
        raise _Bad(f"{quoted(word)} is not {what}{did_you_mean(word, field.choices)} ({', '.join(field.choices)})")
    return word


def _check_language(node: Scalar) -> str:
    from leaflet.content import available_languages

    code = node.value.strip()
    available = available_languages()
    if not _LANGUAGE.fullmatch(code):
        raise _Bad(f"{quoted(code)} is not a language code like 'en'{did_you_mean(code, available)}")
    if code not in available:
        raise _Bad(f"there is no content in {quoted(code)} yet; languages available: {', '.join(available)}")
    return code


def _check_bool(node: Scalar, field: Field) -> bool:
    word = node.value.strip().lower()
    if word not in ("true", "false"):
        raise _Bad(f"{quoted(node.value)} is not true or false; write {field.name}: true or {field.name}: false")
    return word == "true"


def _check_color(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if not _COLOR.fullmatch(text):
        raise _Bad(f"{quoted(text)} is not a colour like '#1a6b8c' or '#18c' (a # and 3 or 6 hex digits, in quotes)")
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


def _check_email(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise _Bad(
            f"{quoted(text)} is not an email address like info@example.com "
            "(letters, digits and . _ + - ' before the @; no spaces, ? or &)"
        )
    return text


def _check_url(node: Scalar, field: Field) -> str:
    """A link printed on a leaflet for patients: a public http(s) address, written in plain ASCII so what the
    reader sees is where the link goes (no look-alike letters, no hidden characters, no user:password@)."""
    text = node.value.strip()
    example = "like https://example.com/book"
    if len(text) > 2000:
        raise _Bad(f"is {len(text)} characters long; a web address must be at most 2000")
    try:
        parts = urlsplit(text)
        _ = parts.port  # reading it checks the port (ValueError when out of range)
    except ValueError:
        raise _Bad(f"{quoted(text)} is not a web address {example}") from None
    if parts.scheme not in ("http", "https"):
        raise _Bad(f"{quoted(text)} must start with https:// (or http://)")
    if any(not "!" <= c <= "~" or c in '"<>\\^`{|}' for c in text):
        raise _Bad(
            f"{quoted(text)} has a space, a non-ASCII or a special character; write the address "
            "as the browser shows it when copied (spaces as %20, international names in their xn-- form)"
        )
    if parts.username is not None or parts.password is not None:
        raise _Bad(f"{quoted(text)} has a user name or password before the @; remove it")
    host = (parts.hostname or "").rstrip(".")
    if not _HOST.fullmatch(host):
        raise _Bad(f"{quoted(text)} needs a public host name, {example} (not an IP address or a local name)")
    return text


def _check_country(node: Scalar, field: Field) -> str:
    code = node.value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise _Bad(f"{quoted(node.value)} is not a two-letter country code like US, CA or GB")
    return code


def parse_phone(text: str, region: str) -> Phone:
    """Read a phone number as people write it; format it the way the country does."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise _Bad(
            f'{quoted(text)} is not a phone number in {region}; write it like "505-555-0100" '
            'or with the country code, like "+1 505 555 0100"'
        )
    own_country = phonenumbers.region_code_for_number(number) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if own_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return Phone(
        display=phonenumbers.format_number(number, style),
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
    )


def check_logo_path(clinic_file: Path, written: str) -> Path:
    """A logo must be a regular file inside the clinic file's folder: no URLs, absolute paths or escapes."""
    text = written.strip()
    shown = quoted(text)
    if unsafe_character(text) or "\t" in text or "\n" in text:
        raise _Bad(f"{shown} contains a control character; give the logo's file name, like logo.svg")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise _Bad(f"{shown} is a URL; put the logo file beside the clinic file and give its name")
    if text.startswith(("/", "\\", "~")) or "\\" in text:
        raise _Bad(f"{shown} must be a path relative to the clinic file's folder, like logo.svg")
    if ".." in Path(text).parts:
        raise _Bad(f"{shown} goes outside the clinic file's folder; move the logo beside the clinic file")
    if Path(text).suffix.lower() not in LOGO_SUFFIXES:
        raise _Bad(f"{shown} is not a .svg, .png or .jpg file")
    folder = clinic_file.parent.resolve()
    target = folder / text
    real = Path(os.path.realpath(target))
    if not real.is_relative_to(folder):
        raise _Bad(f"{shown} is a link to a file outside the clinic file's folder; copy the file there instead")
    try:
        info = real.stat()
    except FileNotFoundError:
        raise _Bad(f"{shown} does not exist (looked for {target})") from None
    except OSError as exc:
        raise _Bad(f"{shown} cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _Bad(f"{shown} is not a regular file")
    if info.st_size > MAX_LOGO_BYTES:
        raise _Bad(f"{shown} is {info.st_size // 1024} KiB; a logo must be under {MAX_LOGO_BYTES // 1024 // 1024} MiB")
    return real


CHECKERS: dict[str, Callable[..., object]] = {
    "line": lambda v, node, field: _check_line(node, field),
    "text": lambda v, node, field: _check_text(node, field),
    "id": lambda v, node, field: _check_id(node, field),
    "choice": lambda v, node, field: _check_choice(node, field),
    "bool": lambda v, node, field: _check_bool(node, field),
    "color": lambda v, node, field: _check_color(node, field),
    "email": lambda v, node, field: _check_email(node, field),
    "url": lambda v, node, field: _check_url(node, field),
    "country": lambda v, node, field: _check_country(node, field),
    "phone": _Validator.check_phone,
    "logo": _Validator.check_logo,
}
