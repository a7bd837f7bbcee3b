"""`leaflet new`: a clinic file to start from, written from the declarations in leaflet.spec.clinic.

Every field the spec declares is in it, each under its one-line description: the few a leaflet needs with example
values, the rest commented out with their default or an example. The contacts are placeholders that the lint's
placeholder-contact rule knows (555-01xx numbers, example.com addresses), so every leaflet built from the file is
marked SAMPLE until the clinic's own are in. The file is checked as `leaflet validate` checks it before it is
put in place, so it validates and builds as it is.

Its first line is a YAML language-server modeline naming `clinic.schema.json`, which is written beside it: a file
next to the clinic file works offline, in any editor, and moves with the folder (a path into the installed package
would break with the next virtual environment; a web address needs the network).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from leaflet.errors import InvalidInput, UsageError
from leaflet.schema import ID_MAX
from leaflet.spec.json_schema import clinic_json_schema_text
from leaflet.spec.kinds import Key, ListOf, Mapping
from leaflet.spec.scalars import ID

SCHEMA_FILE = "clinic.schema.json"
WIDTH = 118  # a comment's lines, as the code's
NAME = "Example Ketamine Clinic"
# The fictional numbers 555-0100 to 555-0199: the clinic's own, then one for each location.
FIRST_PHONE = 100
MAX_LOCATIONS = 99
# The values the starter writes, by field path; every other field is written commented out.
VALUES: dict[str, Any] = {
    "phone": "505-555-0100",
    "email": "info@example.com",
    "website": "https://example.com",
    "booking_url": "https://example.com/book",
    "routes": ("iv",),
}
# Fields written with their default, uncommented: what a clinic changes first.
WRITTEN_DEFAULTS = ("brand.primary_color", "brand.accent_color")
# What a commented-out field without a default shows, by field path.
EXAMPLES: dict[str, str] = {
    "nasal_spray": "esketamine",
    "publish_url": "https://example.com/leaflets",
    "about": "Founded by two emergency physicians.",
    "brand.logo": "logo.svg",
    "brand.font_bold": "MyFont-Bold.ttf",
    "brand.heading_font": "Noto Serif",
    "medical_review.by": "Dr Jane Doe, medical director",
    "medical_review.on": "2026-01-15",
    "medical_review.content": "the hash `leaflet review-hash` prints",
}
HEADER = (
    "A clinic file for leaflet, written by `leaflet new`. Replace the example values with the clinic's own: "
    "while a phone number is in 555-0100..0199 or an address at example.com, every leaflet is marked SAMPLE. "
    "Remove the # before a field to use it. Check the file with `leaflet validate`; every field: `leaflet schema`."
)


def write_starter(path: Path, name: str | None = None, locations: int = 1, force: bool = False) -> list[Path]:
    """Write a clinic file to start from at `path`, and the schema beside it; the files written.

    Refuses (UsageError) a path that is not a .yaml or .yml file, an existing file unless `force`, a number of
    locations out of range and a name the clinic file refuses."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{path}: name the file <name>.yaml (a build reads a folder's .yaml and .yml files)")
    if not 1 <= locations <= MAX_LOCATIONS:
        raise UsageError(f"--locations {locations}: give 1 to {MAX_LOCATIONS} (one 555-01xx number each)")
    schema = path.parent / SCHEMA_FILE
    schema_bytes = clinic_json_schema_text().encode()
    stale_schema = os.path.lexists(schema) and not _holds(schema, schema_bytes)
    if os.path.lexists(path) and not force:
        raise UsageError(f"{path} already exists; choose another name, or --force to replace it")
    if stale_schema and not force:
        raise UsageError(f"{schema} already exists and is not this leaflet's schema; --force replaces it")
    text = starter_text(NAME if name is None else name, _id(name, path), locations)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{path.parent}: cannot make this folder: {exc.strerror}") from None
    written = [_put(path, text.encode(), force, check=True)]
    if stale_schema or not os.path.lexists(schema):
        written.append(_put(schema, schema_bytes, force=True))
    return written


def starter_text(name: str, clinic_id: str, locations: int) -> str:
    """The clinic file: the modeline, what to do with it, and every declared field under its description."""
    from leaflet.spec.clinic import CLINIC

    values = {**VALUES, "name": name, "id": clinic_id, "locations": [_location(n, locations) for n in range(locations)]}
    lines = [f"# yaml-language-server: $schema={SCHEMA_FILE}", *_comment(HEADER, "")]
    lines += _mapping(CLINIC, values, "", "")
    return "\n".join(lines) + "\n"


def _mapping(mapping: Mapping, values: dict[str, Any], prefix: str, indent: str) -> Iterator[str]:
    for key in mapping.keys:
        path = prefix + key.name
        if not indent:  # a blank line between the clinic's fields
            yield ""
        yield from _comment(key.doc, indent)
        yield from _key(key, path, values, indent)


def _key(key: Key, path: str, values: dict[str, Any], indent: str) -> Iterator[str]:
    kind = key.kind
    if isinstance(kind, Mapping):
        inside = list(_mapping(kind, values, f"{path}.", indent + "  "))
        written = any(name.startswith(f"{path}.") for name in [*values, *WRITTEN_DEFAULTS])
        yield f"{indent}{'' if written else '# '}{key.name}:"
        yield from inside
    elif isinstance(kind, ListOf) and isinstance(kind.item, Mapping):
        yield f"{indent}{key.name}:"
        for number, item in enumerate(values.get(path, ())):
            lines = list(_item(kind.item, item, indent + "    ", comments=number == 0))
            first = next(index for index, line in enumerate(lines) if not line.lstrip().startswith("#"))
            lines[first] = f"{indent}  - {lines[first].lstrip()}"
            yield from lines
    elif path in values:
        yield f"{indent}{key.name}: {_yaml(values[path])}"
    elif path in WRITTEN_DEFAULTS:
        yield f"{indent}{key.name}: {_yaml(key.default)}"
    else:
        yield f"{indent}# {key.name}: {_example(key, path)}".rstrip()


def _item(mapping: Mapping, item: dict[str, str], indent: str, comments: bool) -> Iterator[str]:
    for key in mapping.keys:
        if comments:
            yield from _comment(key.doc, indent[:-2] if key is mapping.keys[0] else indent)
        yield f"{indent}{key.name}: {_yaml(item[key.name])}"


def _location(number: int, count: int) -> dict[str, str]:
    only = count == 1
    return {
        "id": "main" if only else f"location-{number + 1}",
        "name": "Main location" if only else f"Location {number + 1}",
        "address": f"{100 + number} Example Street",
        "city": "Example City",
        "region": "NM",
        "postal_code": "87000",
        "phone": f"505-555-{FIRST_PHONE + 1 + number:04d}",
        "hours": "Mon-Fri 9:00-17:00",
    }


def _example(key: Key, path: str) -> str:
    if path in EXAMPLES:
        return _yaml(EXAMPLES[path])
    default = key.describe_default()
    if isinstance(key.default, (tuple, bool, str)):
        return _yaml(key.default)
    return _yaml(default) if default not in ("required", "optional") else ""


def _yaml(value: Any) -> str:
    """A value as YAML: a word plain, anything else in double quotes (JSON's escapes are YAML's)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(_yaml, value)) + "]"
    text = str(value)
    return text if re.fullmatch(r"[a-z][a-z0-9_-]*|[A-Z]{2}", text) else json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str) -> list[str]:
    width = WIDTH - len(indent) - 2
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)]


def _id(name: str | None, path: Path) -> str:
    """An id from the name given, else from the file's name (the id a clinic has by default)."""
    source = name if name is not None else path.stem
    ascii_only = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
    found = re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-")[:ID_MAX].strip("-")
    return found if ID.fullmatch(found) else "my-clinic"


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` is a regular file (not a link, a FIFO or a device, which are never opened) that holds
    `data`."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            return stream.read(len(data) + 1) == data
    except OSError:
        return False


def _put(target: Path, data: bytes, force: bool, check: bool = False) -> Path:
    """Write `data` to `target` all at once: a temporary file beside it, checked as a clinic file (`check`), then
    linked into place, which fails if the target has appeared meanwhile, or moved over it with `force`."""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise UsageError(f"{target.parent}: cannot write here: {exc.strerror}") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.chmod(0o644)
        if check:
            _check(temp)
        if force:
            temp.replace(target)
        else:
            try:
                os.link(temp, target)
            except FileExistsError:
                raise UsageError(f"{target} already exists; choose another name, or --force to replace it") from None
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return target


def _check(path: Path) -> None:
    """Refuse a starter file `leaflet validate` would refuse: only the name given can make it so."""
    from leaflet import load_clinic
    from leaflet.lint import engine

    try:
        clinic = load_clinic(path)
    except InvalidInput as refused:
        raise UsageError("--name " + "; ".join(problem.message for problem in refused.problems)) from None
    errors = engine.errors(engine.lint_clinics([clinic]))
    if errors:
        raise UsageError("--name " + "; ".join(problem.message for problem in errors)) from None
