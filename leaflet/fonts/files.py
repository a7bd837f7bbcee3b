"""A clinic's font file, read as untrusted input like its logo (leaflet.logos): where it may be, how big, and that
it is a font fontTools can read whole, before a browser or WeasyPrint sees a byte of it.

What a leaflet embeds is the checked file's bytes, or, for a variable font, static instances cut from it here:
a PDF cannot vary a font, and a browser that is left to pick the bold of a variable font and WeasyPrint that
cannot would print different leaflets. `blank` says which characters a face maps to a glyph that draws nothing (a
font can: digits that print blank), read from the bytes the leaflet embeds, so an instance's from its own outlines.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leaflet.errors import UnsafeFont
from leaflet.fonts import SUFFIXES
from leaflet.load import beside

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

MAX_FONT_BYTES = 3 * 1024 * 1024  # a whole Latin, Greek and Cyrillic family fits; each leaflet's HTML carries it
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
REGULAR, BOLD = 400, 700
_BOLD_ENOUGH = 600  # from this weight on, CSS takes a face as bold and fakes none
_OUTLINES = ("glyf", "CFF ", "CFF2")
_FONT = beside.Kind(  # where a font file may be, in the words that refuse it
    noun="font",
    file="font file",
    its_name="the font file's name",
    example="Brand-Regular.ttf",
    suffixes=SUFFIXES,
    suffixes_shown=", ".join(SUFFIXES),
    copied="font",
)
_UNREADABLE = (
    "is not a font fontTools can read (a damaged file, or another kind of file renamed); "
    "export the font again as .ttf, .otf or .woff2"
)
_TOO_LARGE = (
    f"is larger than {MAX_FONT_BYTES // (1024 * 1024)} MiB, and every leaflet's HTML would carry it: use "
    "the family's .woff2 file, or a file with fewer scripts (Latin only) from the type foundry"
)


@dataclass(frozen=True)
class FontFile:
    """A checked font file."""

    name: str  # the font's own full name, for messages
    characters: frozenset[int]  # its character map
    weights: tuple[int, int] | None  # a variable font's weight axis (lowest, highest); None for a static font
    weight: int  # a static font's weight class (OS/2 usWeightClass)
    media_type: str
    data: bytes  # the file as read
    digest: str  # the sha256 of `data`, in hex


@dataclass(frozen=True)
class Face:
    """One face a leaflet embeds."""

    weight: int
    media_type: str
    data: bytes
    digest: str  # the sha256 of `data`, in hex: what the face's CSS family is named by (leaflet.fonts.css)


def font_path(clinic_file: Path, written: str) -> Path:
    """A font must be a regular file inside the clinic file's folder: no URLs, absolute paths or escapes."""
    try:
        return beside.path_beside(clinic_file, written, _FONT)
    except beside.Refused as exc:
        raise UnsafeFont(str(exc)) from None


_cache: dict[tuple[str, int, int, int, int], FontFile] = {}


def read_font(path: Path) -> FontFile:
    """Check the font file at `path`; raise UnsafeFont saying why it is refused. Cached by the file's identity,
    size and modification time, so a build checks each font once and a font saved since is checked again."""
    data, info = _read(path)
    key = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if key not in _cache:
        if len(_cache) >= 16:
            _cache.clear()
        _cache[key] = _parse(data, MEDIA_TYPES[path.suffix.lower()])
    return _cache[key]


def _read(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes, read from what was opened: no symlink followed, no FIFO or device, no more than the cap."""
    try:
        return beside.read_capped(path, MAX_FONT_BYTES, _FONT.file, _TOO_LARGE)
    except beside.Refused as exc:
        raise UnsafeFont(str(exc)) from None


@contextlib.contextmanager
def _fonttools_quiet() -> Iterator[None]:
    """Keep fontTools' log lines ("extra bytes at the end of 'head' table", "'created' timestamp out of range")
    off the terminal, where they would appear bare, naming no file or field. They are harmless to a leaflet: each
    is about something fontTools read round and went on, in a font whose every table it then decompiled (a table
    it cannot read raises, and the font is refused with a message of leaflet's own)."""
    logger = logging.getLogger("fontTools")
    handler, propagate = logging.NullHandler(), logger.propagate
    logger.addHandler(handler)  # a logger with a handler of its own keeps Python's last-resort one from printing
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _parse(data: bytes, media_type: str) -> FontFile:
    with _fonttools_quiet():
        return _parse_font(data, media_type)


def _parse_font(data: bytes, media_type: str) -> FontFile:
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(io.BytesIO(data), lazy=False, fontNumber=0)
        for tag in font.keys():  # noqa: SIM118 (a TTFont is no dict) -- decompile every table: a damaged one fails here
            font[tag]
        cmap = font.getBestCmap()
        name = font["name"].getDebugName(4) or font["name"].getDebugName(1) or "this font"
        weight = font["OS/2"].usWeightClass if "OS/2" in font else REGULAR
    except Exception:  # fontTools raises many kinds of error for bytes that are no font; all mean the same here
        raise UnsafeFont(_UNREADABLE) from None
    if not cmap or not any(tag in font for tag in _OUTLINES):
        raise UnsafeFont("has no character map or no glyph outlines; give a text font as .ttf, .otf or .woff2")
    weights = _weight_axis(font)
    font.close()
    return FontFile(name, frozenset(cmap), weights, weight, media_type, data, _digest(data))


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_blank: dict[tuple[str, frozenset[int]], frozenset[int]] = {}


def blank(face: Face, characters: frozenset[int]) -> frozenset[int]:
    """Those of `characters` that `face` maps to a glyph that draws nothing: a TrueType glyph with no contour (or a
    composite of such glyphs), a CFF charstring with no point. Only the characters asked are drawn (a CFF glyph is
    drawn in Python, ~0.2 ms, and a font may have thousands), from the face's bytes, cached by them. Whether a
    character may be blank (a space) is for leaflet.fonts.coverage to say."""
    from fontTools.ttLib import TTFont

    key = (face.digest, characters)
    if key not in _blank:
        if len(_blank) >= 16:
            _blank.clear()
        try:
            with TTFont(io.BytesIO(face.data), lazy=True, fontNumber=0) as font:
                cmap = font.getBestCmap()
                names = {cmap[code] for code in characters if code in cmap}
                empty = {name for name in names if _draws_nothing(font, name)}
        except Exception:  # a glyph _parse did not draw: a charstring that calls a missing subroutine, a component
            raise UnsafeFont(_UNREADABLE) from None  # that names no glyph, ... (fontTools raises any kind of error)
        _blank[key] = frozenset(code for code in characters if cmap.get(code) in empty)
    return _blank[key]


def _draws_nothing(font: TTFont, name: str) -> bool:
    if "glyf" in font:
        return _empty_glyf(font["glyf"], name, 0)
    from fontTools.pens.boundsPen import ControlBoundsPen

    glyphs = font.getGlyphSet()
    pen = ControlBoundsPen(glyphs)
    glyphs[name].draw(pen)
    return pen.bounds is None


def _empty_glyf(glyf: Any, name: str, depth: int) -> bool:
    glyph = glyf[name]
    if glyph.isComposite():  # nested at most a few levels in real fonts; a loop in a hostile one ends here
        return depth < 8 and all(_empty_glyf(glyf, part.glyphName, depth + 1) for part in glyph.components)
    return bool(glyph.numberOfContours == 0)


def _weight_axis(font: TTFont) -> tuple[int, int] | None:
    if "fvar" not in font:
        return None
    for axis in font["fvar"].axes:
        if axis.axisTag == "wght":
            return round(axis.minValue), round(axis.maxValue)
    return (0, 0)  # variable along other axes only: one weight


def has_bold(font: FontFile) -> bool:
    """Whether `font` can give the bold that headings, names and labels are set in, without faking it."""
    return font.weights is not None and font.weights[1] >= _BOLD_ENOUGH


_instances: dict[tuple[FontFile, int], Face] = {}


def face(font: FontFile, weight: int) -> Face:
    """The face of `font` a leaflet embeds at `weight`: the file as it is, or a static instance of a variable font
    at the nearest weight its axis has (as a woff2, the same bytes each time)."""
    if font.weights is None:
        return Face(weight, font.media_type, font.data, font.digest)
    index = (font, weight)
    if index not in _instances:
        if len(_instances) >= 16:
            _instances.clear()
        _instances[index] = _instance(font, weight)
    return _instances[index]


def _instance(font: FontFile, weight: int) -> Face:
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    varfont = TTFont(io.BytesIO(font.data))
    low, high = font.weights or (weight, weight)
    limits: dict[str, Any] = {axis.axisTag: None for axis in varfont["fvar"].axes}  # None: the axis's default
    if "wght" in limits:
        limits["wght"] = min(max(weight, low), high)
    try:
        with _fonttools_quiet():
            static = instancer.instantiateVariableFont(varfont, limits, static=True, downgradeCFF2="CFF2" in varfont)
    except Exception:
        raise UnsafeFont(
            "is a variable font leaflet cannot cut a static weight from; export its regular and bold as static "
            ".ttf files and give the bold as brand.font_bold"
        ) from None
    static.recalcTimestamp = False  # the same file gives the same bytes
    static.flavor = "woff2"
    out = io.BytesIO()
    with _fonttools_quiet():
        static.save(out)
    data = out.getvalue()
    return Face(weight, "font/woff2", data, _digest(data))
