"""Which characters a brand font must have: every character the clinic's leaflets show in it.

That is the clinic's own text (its fields of kind line or text, read from the file as written) and the shipped
content, templates and catalogs of the languages it builds — less the letters of the scripts the shipped script
faces show whatever the brand font is (FontFace.script: Hebrew, Arabic), and characters never drawn. A brand font
that lacks one would leave a hole in a leaflet or, in a browser, a letter from another font; one that maps a
character to a glyph that draws nothing (but a space) would leave a hole no renderer reports (`undrawn`).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from leaflet import resources
from leaflet.fonts import files
from leaflet.load import Mapping, Node, Scalar, Sequence, SourceFile

if TYPE_CHECKING:
    from leaflet.spec import kinds

_SHOWN = 8  # characters a message names before "and N more"
# Characters the code adds to what it lays out: the footer's separator and a shortened name's ellipsis
# (leaflet.render.html.footer_text, leaflet.render.fit.ELLIPSIS).
_CODE_CHARACTERS = " ·…"
_NEVER_DRAWN = ("Cc", "Cf", "Zl", "Zp")  # control and format characters (line breaks, bidi isolates)
_BLANK = "Zs"  # spaces, drawn as nothing but an advance: a font's glyph for one may be empty


def needed(source: SourceFile) -> frozenset[str]:
    """The characters a brand font of the clinic in `source` must have."""
    text = _own_text(source)
    return frozenset(c for c in set(text) | content_characters(_languages(source)) if _drawn_by_brand(c))


def missing(characters: frozenset[int], source: SourceFile) -> list[str]:
    """The characters of needed(source) that a font with `characters` lacks, in code point order."""
    return sorted((c for c in needed(source) if ord(c) not in characters), key=ord)


def undrawn(faces: list[files.Face], source: SourceFile) -> list[str]:
    """The characters of needed(source) but spaces that a face of `faces` maps to a glyph that draws nothing, in code
    point order. Control and format characters (a soft hyphen, a joiner) are never needed, so never asked."""
    asked = frozenset(ord(c) for c in needed(source) if unicodedata.category(c) != _BLANK)
    blank = frozenset().union(*(files.blank(face, asked) for face in faces))
    return sorted(map(chr, blank))


def describe_codes(characters: list[str]) -> str:
    """ "'0'–'9' (U+0030–U+0039), '€' (U+20AC)": runs of consecutive characters, each as it looks and by its code,
    the first few runs and "and N more"."""
    runs: list[list[str]] = []
    for character in characters:
        if runs and ord(character) == ord(runs[-1][-1]) + 1:
            runs[-1].append(character)
        else:
            runs.append([character])
    shown = [_run(run) for run in runs[:_SHOWN]]
    rest = sum(len(run) for run in runs[_SHOWN:])
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def _run(run: list[str]) -> str:
    first, last = run[0], run[-1]
    if first == last:
        return f"{_looks(first)} (U+{ord(first):04X})"
    return f"{_looks(first)}–{_looks(last)} (U+{ord(first):04X}–U+{ord(last):04X})"


def _looks(character: str) -> str:
    if unicodedata.category(character)[0] in "MZC":  # a combining mark or a space would not show on its own
        return unicodedata.name(character, "an unnamed character").lower()
    return f"'{character}'"


def describe(characters: list[str]) -> str:
    """ "é, ñ, — and 3 more", each character as it looks, or by its code where it would not show on its own."""
    shown = [_shown(c) for c in characters[:_SHOWN]]
    more = f" and {len(characters) - _SHOWN} more" if len(characters) > _SHOWN else ""
    return ", ".join(shown) + more


def _shown(character: str) -> str:
    if unicodedata.category(character)[0] in "MZC":  # a combining mark or a space: by its code and name
        return f"U+{ord(character):04X} {unicodedata.name(character, '').lower()}".rstrip()
    return character


@cache
def content_characters(languages: tuple[str, ...]) -> frozenset[str]:
    """Every character in the shipped content, documents, crisis lines, catalogs and templates of `languages`."""
    from leaflet import crisis

    content = resources.content_dir()
    files = [*content.glob("*.yaml"), *resources.documents_dir().glob("*.yaml")]
    for language in languages:
        files.extend((content / language).glob("*.yaml"))
        files.extend((resources.locale_dir() / language).rglob("*.po"))
    files.extend(resources.templates_dir().glob("*.j2"))
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(files))
    # The crisis files word each line in every language: only the clinic's languages' words are shown.
    lines = (
        line
        for country in crisis.supported_countries()
        for language in languages
        if language in crisis.worded_languages(country)
        for line in crisis.crisis_lines(country, language).lines
    )
    crisis_text = "".join(f"{line.name}{line.how}{line.call or ''}{line.text or ''}" for line in lines)
    return frozenset(text + crisis_text + _CODE_CHARACTERS)


@cache
def _script_characters() -> frozenset[int]:
    """The letters that only the shipped script faces have: they fall back to those faces, whatever brand.font."""
    from leaflet.glyphs import characters
    from leaflet.render.assets import FONT_FACES

    scripts = frozenset().union(*(characters(face) for face in FONT_FACES if face.script))
    others = frozenset().union(*(characters(face) for face in FONT_FACES if not face.script))
    return scripts - others


def _drawn_by_brand(character: str) -> bool:
    if unicodedata.category(character) in _NEVER_DRAWN:
        return False
    return ord(character) not in _script_characters()


def _languages(source: SourceFile) -> tuple[str, ...]:
    node = source.root.get("languages")
    if isinstance(node, Sequence):
        return tuple(sorted(item.value.strip() for item in node.items if isinstance(item, Scalar)))
    return ("en",)  # the schema's default; a wrong value is reported at `languages`


def _own_text(source: SourceFile) -> str:
    from leaflet.spec.clinic import CLINIC, LOCATION  # that module's font checks read this one

    pieces = [_text_of(source.root, CLINIC)]
    locations = source.root.get("locations")
    if isinstance(locations, Sequence):
        pieces.extend(_text_of(item, LOCATION) for item in locations.items if isinstance(item, Mapping))
    return "\n".join(pieces)


def _text_of(node: Mapping, declared: kinds.Mapping) -> str:
    from leaflet.spec.scalars import PerLanguage, Text  # Line is a Text too

    texts: list[Node | None] = []
    for key in declared.keys:
        value = node.get(key.name)
        if isinstance(key.kind, PerLanguage) and isinstance(value, Mapping):  # one text per language
            texts.extend(text for _, text in value.items)
        elif isinstance(key.kind, (Text, PerLanguage)):
            texts.append(value)
    return "\n".join(text.value for text in texts if isinstance(text, Scalar))
