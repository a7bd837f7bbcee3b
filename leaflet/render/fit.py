"""Fit clinic text of any valid length into the fixed boxes of a printed page: the running masthead and footer.

A page's margin boxes cannot grow: a name that wraps once too often pushes the masthead off the top of the page,
and a footer that wraps splits "Page 1 of" from its number. CSS cannot choose a font size by how long a text is,
so the size is chosen here, from the font's own advance widths (the default family's, or the brand font's, which
leaflet.fonts.css.advances reads): the name is wrapped as the renderer would (greedily, at spaces, and anywhere
inside a word too long for a line) and the largest size whose lines fit the masthead's height budget wins.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from leaflet import resources

# Letters the shipped font lacks (Hebrew, Arabic, ...) come from a fallback font; count them wide, so an estimate
# errs toward a smaller size or a shorter footer, never toward overflow.
_FALLBACK_EM = 0.75
# Kerning, rounding and the renderer's own choices: leave this share of each line unused.
_SLACK = 0.96

# The narrowest masthead (A4: 210 mm less two 15 mm margins and 12 pt padding each side), in points, without and
# with a logo beside the name (at most 25 % of the masthead, plus its padding and gap).
MASTHEAD_WIDTH = 486.0
MASTHEAD_WIDTH_BESIDE_LOGO = 340.0
# The footer's left box holds "name · phone" in one line at 10 pt: 74 % of the narrowest page's width, in em.
FOOTER_EM = 37.0
ELLIPSIS = "…"


@dataclass(frozen=True)
class NameSize:
    """A size the masthead may set the clinic's name in, and how many lines it may take at that size."""

    css_class: str  # "name-fit-1", styled in leaflet.css
    points: float
    max_lines: int


# Largest first; every entry's lines fit the masthead's height budget (see leaflet.css, .masthead).
NAME_SIZES = (
    NameSize("name-fit-1", 15.0, 1),
    NameSize("name-fit-2", 12.0, 2),
    NameSize("name-fit-3", 10.0, 3),
    NameSize("name-fit-4", 9.0, 3),
)


Advances = Mapping[int, float]  # a font's advance width for each character it has, in em


@cache
def _advances(bold: bool) -> Advances:
    """Advance width of each character of the default family (Atkinson Hyperlegible), in em."""
    weight = 700 if bold else 400
    return advances_of(
        (resources.templates_dir() / "fonts" / f"atkinson-hyperlegible-latin-{weight}-normal.woff2").read_bytes()
    )


def advances_of(data: bytes) -> Advances:
    """Advance width of each character of the font file `data`, in em."""
    from fontTools.ttLib import TTFont

    with TTFont(io.BytesIO(data), lazy=True) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"]
        return {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}


def width_em(text: str, bold: bool = False, advances: Advances | None = None) -> float:
    """How wide `text` is set in the font of `advances` (by default the default family's), in em."""
    table = _advances(bold) if advances is None else advances
    return sum(table.get(ord(c), _FALLBACK_EM) for c in text)


def line_count(text: str, line_em: float, bold: bool = False, advances: Advances | None = None) -> int:
    """How many lines `text` takes when wrapped greedily into lines `line_em` wide; a word longer than a line is
    broken anywhere (the theme sets overflow-wrap: anywhere on clinic text)."""
    space = width_em(" ", bold, advances)
    lines, used = 1, 0.0
    for word in text.split():
        width = width_em(word, bold, advances)
        if used and used + space + width <= line_em:
            used += space + width
            continue
        if used:
            lines, used = lines + 1, 0.0
        while width > line_em:
            lines, width = lines + 1, width - line_em
        used = width
    return lines


def masthead_name_size(name: str, has_logo: bool, advances: Advances | None = None) -> NameSize:
    """The largest size at which `name` fits the masthead's lines; the smallest size if none does (the theme
    still wraps it, and the limits in leaflet.spec.clinic keep every valid name within it)."""
    column = (MASTHEAD_WIDTH_BESIDE_LOGO if has_logo else MASTHEAD_WIDTH) * _SLACK
    for size in NAME_SIZES:
        if line_count(name, column / size.points, bold=True, advances=advances) <= size.max_lines:
            return size
    return NAME_SIZES[-1]


def footer_name(name: str, phone: str, advances: Advances | None = None) -> str:
    """`name` shortened, at a word where it can, so that "name · phone" stays on the footer's one line."""
    budget = FOOTER_EM * _SLACK - width_em(f" · {phone}", advances=advances)
    if width_em(name, advances=advances) <= budget:
        return name
    budget -= width_em(ELLIPSIS, advances=advances)
    cut = name
    while cut and width_em(cut, advances=advances) > budget:
        cut = cut[:-1]
    # Prefer the last whole word, unless that throws away more than a third of what fits.
    word_end = cut.rstrip().rfind(" ")
    if word_end >= len(cut) * 2 // 3:
        cut = cut[:word_end]
    return cut.rstrip(" ,;:-–—·") + ELLIPSIS
