"""Which characters the shipped fonts can show, read from the fonts' own character maps (cmap) with fontTools.

The validator refuses clinic text that no shipped font can show, naming each character, and the HTML inlines
only the faces a clinic's text needs. Both read FONT_FACES (leaflet.render.assets), so a font added there is
covered here, and what validates renders the same on every machine, whatever fonts it has installed.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from leaflet.fonts import DEFAULT_FAMILY
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
def characters(face: FontFace) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; imported on first use

    with TTFont(font_path(face), lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def _all_characters() -> frozenset[int]:
    """What the fallbacks show, and what every brand family has: text made of these shows whichever shipped
    family a clinic names (a clinic's own font file is checked against its text in leaflet.fonts.checks)."""
    brands = [family_characters(family) for family in dict.fromkeys(f.family for f in FONT_FACES if f.brand)]
    fallbacks = frozenset().union(*(characters(f) for f in FONT_FACES if not f.brand))
    return fallbacks | frozenset.intersection(*brands) | _LAID_OUT_AS_SPACE


@cache
def family_characters(family: str) -> frozenset[int]:
    """The characters a shipped family has (with the few laid out as space)."""
    return frozenset().union(*(characters(f) for f in FONT_FACES if f.family == family)) | _LAID_OUT_AS_SPACE


def always_characters() -> frozenset[int]:
    """The characters of the default brand family, which a clinic gets unless it names another."""
    return family_characters(DEFAULT_FAMILY)


def uncovered(text: str) -> list[str]:
    """The characters of `text` that no shipped font has, each once, in the order they first appear."""
    if PLAIN.issuperset(text):
        return []
    known = _all_characters()
    return list(dict.fromkeys(c for c in text if ord(c) not in known))


def families_needed(text: str, covered: frozenset[int] | None = None) -> frozenset[str]:
    """The fallback families that `text` needs beyond the brand font, which has the characters `covered` (by
    default the default family's): for each character, the first fallback in FONT_FACES' order that has it, as a
    browser or WeasyPrint picks one from the font-family stack. Every brand font has PLAIN (leaflet.fonts.checks
    refuses a file without the content's characters; tests/test_glyphs.py checks the shipped families)."""
    if PLAIN.issuperset(text):
        return frozenset()
    rest = {ord(c) for c in text} - (always_characters() if covered is None else covered)
    needed: set[str] = set()
    for code in rest:
        for face in FONT_FACES:
            if not face.brand and code in characters(face):
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
    """All the clinic's own text a leaflet shows, in every language: its fields of kind Line or Text, and PerLanguage
    (leaflet.spec.clinic)."""
    from leaflet.spec.clinic import CLINIC, LOCATION  # that module's checks read this one

    pieces = [_text_of(clinic, CLINIC)]
    pieces.extend(_text_of(location, LOCATION) for location in clinic.locations)
    return "\n".join(pieces)


def _text_of(item: object, mapping: Mapping) -> str:
    from leaflet.spec.scalars import PerLanguage, Text  # Line is a Text too

    values = [getattr(item, key.name) for key in mapping.keys if isinstance(key.kind, Text)]
    for key in mapping.keys:
        if isinstance(key.kind, PerLanguage) and (wording := getattr(item, key.name)) is not None:
            values.extend(text for _, text in wording.texts)
    return "\n".join(value for value in values if value)
