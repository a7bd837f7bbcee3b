"""Files the HTML embeds as data: URIs, so each leaflet is one standalone file and the PDF renderer needs to
fetch nothing: the theme's fonts and CSS, and the clinic's logo."""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from markupsafe import Markup

from leaflet import logos, resources
from leaflet.errors import RenderFailed

FONT_FACES = (
    ("atkinson-hyperlegible-latin-400-normal.woff2", "normal", 400),
    ("atkinson-hyperlegible-latin-400-italic.woff2", "italic", 400),
    ("atkinson-hyperlegible-latin-700-normal.woff2", "normal", 700),
    ("atkinson-hyperlegible-latin-700-italic.woff2", "italic", 700),
)


def data_uri(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


@cache
def font_faces_css() -> Markup:
    """@font-face rules for the shipped font, each file inlined."""
    rules = []
    for file_name, style, weight in FONT_FACES:
        data = (resources.templates_dir() / "fonts" / file_name).read_bytes()
        rules.append(
            '@font-face { font-family: "Atkinson Hyperlegible"; '
            f"font-style: {style}; font-weight: {weight}; "
            f'src: url("{data_uri("font/woff2", data)}") format("woff2"); }}'
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
