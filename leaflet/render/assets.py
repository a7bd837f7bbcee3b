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


class FontFace(NamedTuple):
    """One font file the theme ships. Its family must also be in the font-family stacks of leaflet.css."""

    file: str  # in templates/fonts/
    family: str
    style: str
    weight: int
    covers: str  # the writing it is there for, named when text is refused that no face can show
    always: bool = False  # inlined in every leaflet; the others only in a leaflet whose text needs them


# The one declaration of the shipped fonts: the HTML inlines them, WeasyPrint embeds them, and the validator
# refuses text they cannot show (leaflet.glyphs), so what validates renders the same on any machine.
FONT_FACES = (
    FontFace("atkinson-hyperlegible-latin-400-normal.woff2", "Atkinson Hyperlegible", "normal", 400, "Latin", True),
    FontFace("atkinson-hyperlegible-latin-400-italic.woff2", "Atkinson Hyperlegible", "italic", 400, "Latin", True),
    FontFace("atkinson-hyperlegible-latin-700-normal.woff2", "Atkinson Hyperlegible", "normal", 700, "Latin", True),
    FontFace("atkinson-hyperlegible-latin-700-italic.woff2", "Atkinson Hyperlegible", "italic", 700, "Latin", True),
    FontFace("noto-sans-400-normal.woff2", "Noto Sans", "normal", 400, "accented Latin, Greek, Cyrillic"),
    FontFace("noto-sans-700-normal.woff2", "Noto Sans", "normal", 700, "accented Latin, Greek, Cyrillic"),
    FontFace("noto-sans-hebrew-400-normal.woff2", "Noto Sans Hebrew", "normal", 400, "Hebrew"),
    FontFace("noto-sans-hebrew-700-normal.woff2", "Noto Sans Hebrew", "normal", 700, "Hebrew"),
    FontFace("noto-sans-arabic-400-normal.woff2", "Noto Sans Arabic", "normal", 400, "Arabic"),
    FontFace("noto-sans-arabic-700-normal.woff2", "Noto Sans Arabic", "normal", 700, "Arabic"),
)


def font_path(face: FontFace) -> Path:
    return resources.templates_dir() / "fonts" / face.file


def data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def font_faces_css(text: str = "") -> Markup:
    """@font-face rules, each file inlined: the faces every leaflet uses, and those that `text` (the clinic's
    own words) needs, so a leaflet in Latin letters does not carry Arabic and Hebrew fonts it never shows."""
    from leaflet.glyphs import families_needed  # reads the fonts' character maps, on first use

    return _font_faces_css(families_needed(text))


@cache
def _font_faces_css(families: frozenset[str]) -> Markup:
    rules = []
    for face in FONT_FACES:
        if face.always or face.family in families:
            rules.append(
                f'@font-face {{ font-family: "{face.family}"; '
                f"font-style: {face.style}; font-weight: {face.weight}; "
                f'src: url("{data_uri("font/woff2", font_path(face).read_bytes())}") format("woff2"); }}'
            )
    return Markup("\n".join(rules))


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
