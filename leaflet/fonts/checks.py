"""The checks of `brand.font`, `brand.heading_font` and `brand.font_bold`: a shipped family's name, or a font
file that is a font, small enough, and has every character the clinic's leaflets show, drawn (no empty glyph).

Bold: headings, names and labels are bold, and a bold a renderer fakes from the regular (smeared outlines, wider
text) is poor on paper. So a body font file must bring its bold: a variable font with a weight axis reaching 600 or
more gives it (leaflet cuts static instances at 400 and 700), a static file needs `brand.font_bold` beside it. A
heading font is one face, used at whatever weight a heading asks for (it is declared for bold only, so no renderer
fakes a bolder one). Italic (the references' titles) is set upright in a font file, never slanted by a renderer.

Each check raises UnsafeFont with a message that starts with a verb and says how to fix it; leaflet.fields puts
the field's position in front of it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from leaflet.errors import UnsafeFont
from leaflet.fonts import DEFAULT_FAMILY, SUFFIXES, BrandFont, coverage, files, is_file_name
from leaflet.load import Mapping, Scalar, SourceFile
from leaflet.plain_text import quoted


def shipped_families() -> tuple[str, ...]:
    """The families a clinic may name, in FONT_FACES' order."""
    from leaflet.render.assets import FONT_FACES

    return tuple(dict.fromkeys(face.family for face in FONT_FACES if face.brand))


def check_font(written: str, field: str, source: SourceFile) -> BrandFont:
    """`brand.font` or `brand.heading_font` (`field`): a shipped family or a checked font file."""
    if not is_file_name(written):
        return BrandFont(family=_family(written))
    path = files.font_path(source.path, written)
    font = _checked(path, written, source)
    if field == "font" and not files.has_bold(font) and _sibling(source, "font_bold") is None:
        high = font.weights[1] if font.weights else font.weight
        what = f"a variable font whose weights end at {high}" if font.weights else "one static face"
        raise UnsafeFont(
            f"{quoted(written.strip())} is {what}, with no bold: headings and labels are bold, and a faked bold "
            "prints poorly. Add the family's bold file beside it as `font_bold: <its name>-Bold.ttf`, give a "
            "variable font whose weight axis reaches 700, or name a shipped family"
        )
    faces = _cut(font, written, (files.REGULAR, files.BOLD) if field == "font" else (files.BOLD,))
    _drawn(faces, font, written, field, source)
    return BrandFont(family="", file=path)


def check_bold(written: str, source: SourceFile) -> Path:
    """`brand.font_bold`: the bold face of the static font file `brand.font` names."""
    font = _sibling(source, "font")
    if font is None or not is_file_name(font.value):
        raise UnsafeFont("is only for a font file in brand.font (a shipped family has its bold); remove font_bold")
    if not is_file_name(written):
        raise UnsafeFont(f"{quoted(written.strip())} is not a {', '.join(SUFFIXES)} file")
    path = files.font_path(source.path, written)
    bold = _checked(path, written, source)
    _drawn(_cut(bold, written, (files.BOLD,)), bold, written, "font_bold", source)
    return path


def _checked(path: Path, written: str, source: SourceFile) -> files.FontFile:
    shown = quoted(written.strip())
    try:
        font = files.read_font(path)
    except UnsafeFont as exc:
        raise UnsafeFont(f"{shown} {exc}") from None
    if lacking := coverage.missing(font.characters, source):
        raise UnsafeFont(
            f"{shown} ({font.name}) lacks {len(lacking)} character{'s' if len(lacking) > 1 else ''} the clinic's "
            f"leaflets show: {coverage.describe(lacking)}; use a version of the font with Latin Extended (most "
            f"foundries call it 'Latin Ext' or 'Pro'), or a shipped family: {', '.join(shipped_families())}"
        )
    return font


def _cut(font: files.FontFile, written: str, weights: tuple[int, ...]) -> list[files.Face]:
    """Cut a variable font's static instances now, so that what validates renders (and the render finds them in
    the cache); a static font is used as it is."""
    try:
        return [files.face(font, weight) for weight in weights]
    except UnsafeFont as exc:
        raise UnsafeFont(f"{quoted(written.strip())} {exc}") from None


def _drawn(faces: list[files.Face], font: files.FontFile, written: str, field: str, source: SourceFile) -> None:
    """Every character the leaflets show must draw something in each face that sets it: a font can map a character
    to an empty glyph (a phone number printed as "(   )    -    "), and no renderer would call that a hole."""
    try:
        undrawn = coverage.undrawn(faces, source)
    except UnsafeFont as exc:
        raise UnsafeFont(f"{quoted(written.strip())} {exc}") from None
    if undrawn:
        count = f"{len(undrawn)} character{'s' if len(undrawn) > 1 else ''}"
        raise UnsafeFont(
            f"{quoted(written.strip())} ({font.name}) draws nothing for {count} the clinic's leaflets show: "
            f"{coverage.describe_codes(undrawn)} (its glyphs for them are empty); use another version of the font "
            f"or another font, or {_WITHOUT[field]}"
        )


_WITHOUT = {  # how a clinic does without the field
    "font": f"remove font (and font_bold) to use {DEFAULT_FAMILY}",
    "font_bold": f"remove font and font_bold to use {DEFAULT_FAMILY}",
    "heading_font": "remove heading_font to set the headings in brand.font",
}


def _family(written: str) -> str:
    word = written.strip()
    families = shipped_families()
    by_lower = {family.lower(): family for family in families}
    if word.lower() in by_lower:
        return by_lower[word.lower()]
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.5)
    hint = f"; did you mean '{by_lower[close[0]]}'?" if close else ""
    raise UnsafeFont(
        f"{quoted(word)} is not a font shipped with leaflet{hint} ({', '.join(families)}); or give a font file "
        f"beside the clinic file ({', '.join(SUFFIXES)})"
    )


def _sibling(source: SourceFile, key: str) -> Scalar | None:
    """Another field of the clinic file's `brand:` mapping, as written."""
    brand = source.root.get("brand")
    node = brand.get(key) if isinstance(brand, Mapping) else None
    return node if isinstance(node, Scalar) and node.value.strip() else None
