"""Which characters the shipped fonts can show, read from the fonts' own character maps (cmap) with fontTools.

The validator refuses clinic text that no shipped font can show, naming each character, and the HTML inlines
only the faces a clinic's text needs. Both read FONT_FACES (leaflet.render.assets), so a font added there is
covered here, and what validates renders the same on every machine, whatever fonts it has installed.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from leaflet.model import Clinic
from leaflet.render.assets import FONT_FACES, FontFace, font_path

if TYPE_CHECKING:
    from leaflet.spec.kinds import Mapping

_LAID_OUT_AS_SPACE = frozenset(map(ord, "\t\n\r"))  # never drawn, so no font needs them
# Printable ASCII, which the faces every leaflet inlines have (tests/test_glyphs.py checks): most clinic text is
# only that, and then no font is opened, which keeps `leaflet validate` and a no-op build fast.
PLAIN = frozenset(map(chr, range(0x20, 0x7F))) | frozenset("\t\n\r")
_SHOWN = 5  # characters a message names before "and N more"


@cache
def _characters(face: FontFace) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; imported on first use

    with TTFont(font_path(face), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _all_characters() -> frozenset[int]:
    return frozenset().union(*map(_characters, FONT_FACES)) | _LAID_OUT_AS_SPACE


@cache
def always_characters() -> frozenset[int]:
    return frozenset().union(*(_characters(f) for f in FONT_FACES if f.always)) | _LAID_OUT_AS_SPACE


def uncovered(text: str) -> list[str]:
    """The characters of `text` that no shipped font has, each once, in the order they first appear."""
    if PLAIN.issuperset(text):
        return []
    known = _all_characters()
    return list(dict.fromkeys(c for c in text if ord(c) not in known))


def families_needed(text: str) -> frozenset[str]:
    """The families beyond those every leaflet inlines that `text` needs: for each character, the first family
    in FONT_FACES' order that has it, as a browser or WeasyPrint picks a fallback from the font-family stack."""
    if PLAIN.issuperset(text):
        return frozenset()
    rest = {ord(c) for c in text} - always_characters()
    needed: set[str] = set()
    for code in rest:
        for face in FONT_FACES:
            if code in _characters(face):
                needed.add(face.family)
                break
    return frozenset(needed)


def coverage_problem(text: str) -> str | None:
    """What the validator says of text with characters no shipped font has, or None."""
    missing = uncovered(text)
    if not missing:
        return None
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'an unnamed character')}" for c in missing[:_SHOWN])
    more = f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else ""
    scripts = ", ".join(dict.fromkeys(face.covers for face in FONT_FACES))
    return (
        f"contains characters the leaflet's fonts cannot show: {named}{more}; remove them (the fonts cover {scripts})"
    )


def clinic_text(clinic: Clinic) -> str:
    """All the clinic's own text a leaflet shows: its fields of kind Line or Text (leaflet.spec.clinic)."""
    from leaflet.spec.clinic import CLINIC, LOCATION  # that module's checks read this one

    pieces = [_text_of(clinic, CLINIC)]
    pieces.extend(_text_of(location, LOCATION) for location in clinic.locations)
    return "\n".join(pieces)


def _text_of(item: object, mapping: Mapping) -> str:
    from leaflet.spec.scalars import Text  # Line is a Text too

    values = (getattr(item, key.name) for key in mapping.keys if isinstance(key.kind, Text))
    return "\n".join(value for value in values if value)
