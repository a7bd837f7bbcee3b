"""The English original of a translated content file, as the translation rules read it (leaflet.translation)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leaflet import translation
from leaflet.lint.targets import Target


@dataclass(frozen=True)
class Original:
    path: Path  # data/content/en/<the translation's name>
    units: dict[str, translation.Unit]  # its units by path ("sections.what_it_is"), each with its hash


def english_original(target: Target) -> Original | None:
    """The English file `target` is translated from; None for an English file, or a translation with no English
    file of its name (translation-missing reports the file as a whole)."""
    if not translation.is_translation(target.path):
        return None
    units = translation.english_units(target.path)
    return None if units is None else Original(translation.english_path(target.path), units)
