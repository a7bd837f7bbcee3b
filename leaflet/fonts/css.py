"""The @font-face rules of a clinic's brand fonts, and what the theme's `font-family` stacks start with.

leaflet.css starts each stack with `var(--font-body)` or `var(--font-heading)`, which base.html.j2 sets to
the families `stack_families` gives; the shipped fallbacks (Noto Sans, Hebrew, Arabic) follow in the stylesheet.
"""

from __future__ import annotations

import base64

from leaflet.errors import RenderFailed, UnsafeFont
from leaflet.fonts import BrandFont, files

_FORMATS = {"font/ttf": "truetype", "font/otf": "opentype", "font/woff": "woff", "font/woff2": "woff2"}


def face_rule(family: str, style: str, weight: int, media_type: str, data: bytes) -> str:
    """One @font-face rule, on one line (leaflet.render.pdf finds the rules by their lines), its file inlined."""
    uri = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
    return (
        f'@font-face {{ font-family: "{family}"; font-style: {style}; font-weight: {weight}; '
        f'src: url("{uri}") format("{_FORMATS[media_type]}"); }}'
    )


def clinic_rules(font: BrandFont, field: str) -> list[str]:
    """The @font-face rules of a clinic's font file (none for a shipped family): regular and bold for `font`, one
    face declared bold for `heading_font` (see leaflet.fonts.checks on bold). The file is checked again (from a
    cache unless it changed): a render may run long after validation, or in another process."""
    if font.file is None:
        return []
    try:
        regular = files.read_font(font.file)
        if field == "heading_font":
            faces = [files.face(regular, files.BOLD)]
        elif font.bold is not None:
            faces = [files.face(regular, files.REGULAR), files.face(files.read_font(font.bold), files.BOLD)]
        else:
            faces = [files.face(regular, files.REGULAR), files.face(regular, files.BOLD)]
    except UnsafeFont as exc:
        raise RenderFailed(f"{font.file}: the font {exc}") from None
    return [face_rule(font.family, "normal", face.weight, face.media_type, face.data) for face in faces]


def characters(font: BrandFont) -> frozenset[int]:
    """The characters `font` has: a shipped family's faces', or the clinic's file's."""
    from leaflet.glyphs import family_characters

    if font.file is None:
        return family_characters(font.family)
    return files.read_font(font.file).characters


def stack_families(body: BrandFont, heading: BrandFont | None) -> dict[str, str]:
    """The families that start the body's and the headings' font stacks (base.html.j2's --font-body and
    --font-heading), and how italic text (the references' titles) is set (--font-italic): in the italic of a
    shipped family, upright in a clinic's file, which has no italic a renderer would not fake by slanting it."""
    italic = "italic" if body.file is None else "normal"
    return {"body": body.family, "heading": (heading or body).family, "italic": italic}
