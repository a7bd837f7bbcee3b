"""Keeping translations in step with the English: the units of a content file and the hash of each.

A translation (data/content/<lang>/<name>.yaml) records, in `translated_from:`, the hash of each English unit it
was translated from (data/content/en/<name>.yaml). When the English of a unit changes, its hash changes, and
`leaflet lint --content` reports the translated unit as stale (leaflet/lint/rules/translation_stale.py): a
translation is never silently older than its source. `leaflet translation-hash` prints the block to record.

A unit is what a translator translates as one piece: each top-level string (title, summary, tagline), and each
entry of a top-level mapping (a section's heading and body together, a route's line). Dates, the clinician's
review and the lists of references are the same in every language and are not units.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from leaflet import resources
from leaflet.errors import InvalidInput, Problem
from leaflet.load import Mapping, Node, Scalar, read_yaml

SOURCE_LANGUAGE = "en"
HASH_LENGTH = 16  # hex digits: short enough to read in a diff, long enough that no edit goes unseen
BLOCK = "translated_from"
# Keys that are not words to translate, at the top level and inside a mapping (a condition's `sheet.references`).
NOT_UNITS = frozenset({"written", "next_review", "review", "references", BLOCK})
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


@dataclass(frozen=True)
class Unit:
    """One translatable piece of a content file."""

    path: str  # "title", "sections.about", "sheet_routes.iv"
    key: Scalar  # its key in the file: where a problem with it is reported
    text: dict[str, str]  # its strings by name ({"": value} for a lone string, else {"heading": ..., "body": ...})

    @property
    def hash(self) -> str:
        """sha256 of the unit's canonical form, its first HASH_LENGTH hex digits. The canonical form is the text
        YAML reads (so re-folding a `>-` paragraph changes nothing), without trailing spaces, as sorted JSON."""
        canonical = {name: _TRAILING_SPACE.sub("", value).strip() for name, value in self.text.items()}
        encoded = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(encoded.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def units(root: Mapping) -> dict[str, Unit]:
    """The units of a content file's root mapping, by path, in file order."""
    return {unit.path: unit for unit in _walk(root)}


def _walk(root: Mapping) -> Iterator[Unit]:
    for key, node in root.items:
        if key.value in NOT_UNITS:
            continue
        if isinstance(node, Scalar):
            yield Unit(key.value, key, {"": node.value})
        elif isinstance(node, Mapping):
            for sub_key, child in node.items:
                if sub_key.value in NOT_UNITS:
                    continue
                path = f"{key.value}.{sub_key.value}"
                if isinstance(child, Scalar):
                    yield Unit(path, sub_key, {"": child.value})
                elif isinstance(child, Mapping):
                    strings = {k.value: v.value for k, v in child.items if isinstance(v, Scalar)}
                    yield Unit(path, sub_key, strings)


def recorded(root: Mapping) -> dict[str, tuple[Scalar, Node]]:
    """A translation's `translated_from:` entries: unit path -> (its key, its value), or {} when it has none."""
    block = root.get(BLOCK)
    if not isinstance(block, Mapping):
        return {}  # a malformed block is the content loader's problem (leaflet.content)
    return {key.value: (key, value) for key, value in block.items}


def english_path(path: Path) -> Path:
    """The English file a translation is translated from: data/content/en/<the same name>."""
    return path.parent.parent / SOURCE_LANGUAGE / path.name


def is_translation(path: Path) -> bool:
    return path.parent.name != SOURCE_LANGUAGE


def english_units(path: Path) -> dict[str, Unit] | None:
    """The units of the English file `path` is translated from; None when there is no such file."""
    source = english_path(path)
    return units(read_yaml(source).root) if source.is_file() else None


def out_of_step(path: Path) -> list[str]:
    """The units of the translation `path` that may be older than their English: those whose recorded hash is not
    the English's now, or that record none."""
    english = english_units(path)
    if english is None:
        return []
    root = read_yaml(path).root
    hashes = recorded(root)
    return [
        unit_path
        for unit_path in units(root)
        if unit_path in english
        and not (
            (entry := hashes.get(unit_path)) is not None
            and isinstance(entry[1], Scalar)
            and entry[1].value.strip() == english[unit_path].hash
        )
    ]


@cache
def warnings(language: str) -> tuple[str, ...]:
    """For a build in `language`: each content file with units that may be older than their English, so a build
    never silently prints an older translation (`leaflet lint --content` says what to do)."""
    if language == SOURCE_LANGUAGE:
        return ()
    found = []
    for path in sorted((resources.content_dir() / language).glob("*.yaml")):
        if units_behind := out_of_step(path):
            found.append(
                f"the {language} text of {path.name} may be older than its English ({', '.join(units_behind)}): "
                "see `leaflet lint --content`"
            )
    return tuple(found)


def block(path: Path) -> str:
    """The `translated_from:` block for the translation `path`, from the current English: what a translator
    records once each unit is checked to say what the English says."""
    found = english_units(path)
    if found is None:
        message = f"has no English original: {english_path(path)} does not exist"
        raise InvalidInput([Problem(path, 0, 0, "", message)])
    return "\n".join([f"{BLOCK}:", *(f"  {unit.path}: {unit.hash}" for unit in found.values())]) + "\n"


def write_block(path: Path, text: str) -> None:
    """Put `text` (a `translated_from:` block) into the file `path` in place of the one it has, else at its end."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{BLOCK}:")), None)
    if start is None:
        kept = lines if not lines or lines[-1].endswith("\n") else [*lines[:-1], lines[-1] + "\n"]
        path.write_text("".join(kept) + text, encoding="utf-8")
        return
    end = start + 1
    while end < len(lines) and lines[end].startswith((" ", "\t")):
        end += 1
    path.write_text("".join(lines[:start]) + text + "".join(lines[end:]), encoding="utf-8")
