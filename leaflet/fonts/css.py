"""The @font-face rules of a clinic's brand fonts, and what the theme's `font-family` stacks start with.

leaflet.css starts each stack with `var(--font-body)` or `var(--font-heading)`, which base.html.j2 sets to
the families `stack_families` gives; the shipped fallbacks (Noto Sans, Hebrew, Arabic) follow in the stylesheet.

A clinic's font file gets a family of ours, named by its faces' content ("Leaflet Font 3f2a…", see `family`).
Not the font's own name: a font named like a shipped family ("Noto Sans") must not mix its faces with ours, and
no machine has a font of this name to fall back on. And not one fixed name for every clinic: WeasyPrint adds each
@font-face to one font configuration per process, and a family that already has faces keeps them, so the second
clinic a worker rendered was set in the first one's font (issue 19). A family named by what it holds is the same
bytes in the PDF whatever the worker rendered before, and a font file saved anew is a new family.
"""

from __future__ import annotations

import base64
import hashlib

from leaflet.errors import RenderFailed, UnsafeFont
from leaflet.fonts import DEFAULT_FAMILY, BrandFont, files
from leaflet.render.fit import Advances

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
    faces = _faces(font, field)
    named = _named(faces)
    return [face_rule(named, "normal", face.weight, face.media_type, face.data) for face in faces]


def family(font: BrandFont, field: str) -> str:
    """The CSS family that sets `font` (brand.font or brand.heading_font: `field`): a shipped family's name, or
    the name of the faces clinic_rules declares for a file."""
    return font.family if font.file is None else _named(_faces(font, field))


def _named(faces: list[files.Face]) -> str:
    """A family named by every face it groups, as declared (weight, type and bytes): the regular and bold of a
    body font together, so that no two families that differ in a face share a name; a heading font's one face
    declared bold is a family of its own even when it is the body's bold file."""
    declared = "\n".join(f"{face.weight} {face.media_type} {face.digest}" for face in faces)
    return f"Leaflet Font {hashlib.sha256(declared.encode('ascii')).hexdigest()[:16]}"


def _faces(font: BrandFont, field: str) -> list[files.Face]:
    if font.file is None:
        return []
    try:
        regular = files.read_font(font.file)
        if field == "heading_font":
            return [files.face(regular, files.BOLD)]
        if font.bold is not None:
            return [files.face(regular, files.REGULAR), files.face(files.read_font(font.bold), files.BOLD)]
        return [files.face(regular, files.REGULAR), files.face(regular, files.BOLD)]
    except UnsafeFont as exc:
        raise RenderFailed(f"{font.file}: the font {exc}") from None


_advances: dict[bytes, Advances] = {}


def advances(font: BrandFont, field: str, bold: bool) -> Advances | None:
    """The advance widths of the face of `font` (brand.font or brand.heading_font: `field`) that sets text of that
    weight, for leaflet.render.fit to fit the clinic's name; None for the default family (fit's own)."""
    from leaflet.render.assets import FONT_FACES, font_path
    from leaflet.render.fit import advances_of

    if font.file is None:
        if font.family == DEFAULT_FAMILY:
            return None
        weight = files.BOLD if bold else files.REGULAR
        face = next(f for f in FONT_FACES if (f.family, f.style, f.weight) == (font.family, "normal", weight))
        data = font_path(face).read_bytes()
    else:
        faces = _faces(font, field)
        data = (faces[-1] if bold else faces[0]).data
    if data not in _advances:
        if len(_advances) >= 16:
            _advances.clear()
        _advances[data] = advances_of(data)
    return _advances[data]


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
    heading_family = family(body, "font") if heading is None else family(heading, "heading_font")
    return {"body": family(body, "font"), "heading": heading_family, "italic": italic}
