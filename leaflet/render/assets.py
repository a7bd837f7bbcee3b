"""Files the HTML embeds as data: URIs, so each leaflet is one standalone file and the PDF renderer needs to
fetch nothing: the theme's fonts and CSS, and the clinic's logo."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup

from leaflet import logos, resources
from leaflet.errors import RenderFailed
from leaflet.fonts import BrandFont, css


class FontFace(NamedTuple):
    """One font file the theme ships. A brand family starts the theme's font-family stacks (leaflet.css, through
    --font-body and --font-heading); the others follow it there, in this order."""

    file: str  # in templates/fonts/
    family: str
    style: str
    weight: int
    covers: str  # the writing it is there for, named when text is refused that no face can show
    brand: bool = False  # a family a clinic may name in brand.font; the named one is inlined in all its leaflets
    script: bool = False  # a script's face (Hebrew, Arabic) that shows its letters whatever the brand font


# The one declaration of the shipped fonts: the HTML inlines them, WeasyPrint embeds them, and the validator
# refuses text they cannot show (leaflet.glyphs), so what validates renders the same on any machine. The brand
# families have regular, italic, bold and bold italic; Open Sans and Noto Serif cover Latin Extended and
# Vietnamese too (scripts/merge-fontsource made their files).
FONT_FACES = (
    FontFace("atkinson-hyperlegible-latin-400-normal.woff2", "Atkinson Hyperlegible", "normal", 400, "Latin", True),
    FontFace("atkinson-hyperlegible-latin-400-italic.woff2", "Atkinson Hyperlegible", "italic", 400, "Latin", True),
    FontFace("atkinson-hyperlegible-latin-700-normal.woff2", "Atkinson Hyperlegible", "normal", 700, "Latin", True),
    FontFace("atkinson-hyperlegible-latin-700-italic.woff2", "Atkinson Hyperlegible", "italic", 700, "Latin", True),
    FontFace("open-sans-400-normal.woff2", "Open Sans", "normal", 400, "Latin", True),
    FontFace("open-sans-400-italic.woff2", "Open Sans", "italic", 400, "Latin", True),
    FontFace("open-sans-700-normal.woff2", "Open Sans", "normal", 700, "Latin", True),
    FontFace("open-sans-700-italic.woff2", "Open Sans", "italic", 700, "Latin", True),
    FontFace("noto-serif-400-normal.woff2", "Noto Serif", "normal", 400, "Latin", True),
    FontFace("noto-serif-400-italic.woff2", "Noto Serif", "italic", 400, "Latin", True),
    FontFace("noto-serif-700-normal.woff2", "Noto Serif", "normal", 700, "Latin", True),
    FontFace("noto-serif-700-italic.woff2", "Noto Serif", "italic", 700, "Latin", True),
    FontFace("noto-sans-400-normal.woff2", "Noto Sans", "normal", 400, "accented Latin, Greek, Cyrillic"),
    FontFace("noto-sans-700-normal.woff2", "Noto Sans", "normal", 700, "accented Latin, Greek, Cyrillic"),
    FontFace("noto-sans-hebrew-400-normal.woff2", "Noto Sans Hebrew", "normal", 400, "Hebrew", script=True),
    FontFace("noto-sans-hebrew-700-normal.woff2", "Noto Sans Hebrew", "normal", 700, "Hebrew", script=True),
    FontFace("noto-sans-arabic-400-normal.woff2", "Noto Sans Arabic", "normal", 400, "Arabic", script=True),
    FontFace("noto-sans-arabic-700-normal.woff2", "Noto Sans Arabic", "normal", 700, "Arabic", script=True),
)

_DEFAULT = BrandFont()


def font_path(face: FontFace) -> Path:
    return resources.templates_dir() / "fonts" / face.file


def data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def font_faces_css(text: str = "", body: BrandFont = _DEFAULT, heading: BrandFont | None = None) -> Markup:
    """@font-face rules, each file inlined: the clinic's brand fonts (`body`, and `heading` if it has its own),
    and the shipped fallbacks that `text` (the clinic's own words) needs beyond them, so a leaflet in Latin
    letters does not carry Arabic and Hebrew fonts it never shows."""
    from leaflet.glyphs import families_needed  # reads the fonts' character maps, on first use

    faces = (body,) if heading is None else (body, heading)
    covered = frozenset.intersection(*(css.characters(font) for font in faces))
    shipped = {font.family for font in faces if font.file is None} | families_needed(text, covered)
    rules = [_shipped_font_faces_css(frozenset(shipped))]
    rules.extend(css.clinic_rules(body, "font"))
    if heading is not None:
        rules.extend(css.clinic_rules(heading, "heading_font"))
    return Markup("\n".join(rule for rule in rules if rule))


@cache
def _shipped_font_faces_css(families: frozenset[str]) -> str:
    rules = []
    for face in FONT_FACES:
        if face.family in families:
            data = font_path(face).read_bytes()
            rules.append(css.face_rule(face.family, face.style, face.weight, "font/woff2", data))
    return "\n".join(rules)


@cache
def theme_css(stylesheets: tuple[str, ...]) -> Markup:
    """A kind's stylesheets from the shipped theme, in order. They are ours, not the clinic's: trusted as CSS."""
    root = resources.templates_dir()
    return Markup("\n".join((root / name).read_text(encoding="utf-8") for name in stylesheets))


def logo_data_uri(path: Path) -> str:
    """The clinic's logo, inlined: the checked bytes (a sanitized SVG), never the file as it is on disk.

    The validator has checked it already; it is checked again here (from a cache, unless the file changed since)
    because a render may run long after validation, or in another process."""
    try:
        logo = logos.prepared_logo(path)
    except logos.UnsafeLogo as exc:
        raise RenderFailed(f"{path}: the logo {exc}") from None
    return data_uri(logo.media_type, logo.data)
