"""Test fonts: a clinic's brand font file is made by subsetting Debian's DejaVu Sans (fonts-dejavu-core) with fontTools
and renaming it, so a leaflet that shows it cannot have taken it from the machine's own fonts; a font whose glyphs
for some characters draw nothing is made by emptying them (TrueType, variable too) or built with them empty (CFF)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# Latin, Latin-1, Latin Extended-A and B, general punctuation and the euro: what the English content needs.
LATIN = [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x2000, 0x2070), 0x20AC]
FAMILY = "Leaflet Test Sans"


def make_font(source: Path, target: Path, unicodes: list[int], family: str = FAMILY, style: str = "Regular") -> Path:
    """`source` cut down to `unicodes` and named `family`, written to `target` (.ttf or .woff2)."""
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    if target.suffix == ".woff2":
        options.flavor = "woff2"
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    postscript = f"{family.replace(' ', '')}-{style}"
    names = {1: family, 2: style, 3: postscript, 4: f"{family} {style}", 6: postscript, 16: family, 17: style}
    name_table = font["name"]
    name_table.names = [record for record in name_table.names if record.nameID not in names]
    for name_id, text in names.items():
        name_table.setName(text, name_id, 3, 1, 0x409)
        name_table.setName(text, name_id, 1, 0, 0)
    font.recalcTimestamp = False
    font.save(target)
    return target


def embedded(pdf: bytes) -> dict[str, TTFont]:
    """Each font the PDF embeds, by its FontDescriptor's FontName (less the subset tag), read with fontTools."""
    fonts: dict[str, TTFont] = {}
    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for font in page.Resources.get("/Font", {}).values():
                descriptor = (
                    font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
                )
                name = re.sub(r"^[A-Z]{6}\+", "", str(descriptor.FontName)[1:])
                data = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
                assert data is not None, f"{name} is not embedded"
                fonts[name] = TTFont(io.BytesIO(data.read_bytes()))
    return fonts


def empty_glyphs(path: Path, characters: str) -> Path:
    """Rewrite the TrueType font at `path` with the glyphs of `characters` drawing nothing (no contour; in a
    variable font, no variation either), still in its character map, with their widths."""
    font = TTFont(path)
    cmap = font.getBestCmap()
    for name in {cmap[ord(character)] for character in characters}:
        font["glyf"][name] = Glyph()
        if "gvar" in font:
            font["gvar"].variations[name] = []
    font.recalcTimestamp = False
    font.save(path)
    return path


def cff_font(target: Path, unicodes: list[int], blank: str = "", family: str = "Leaflet Test CFF") -> Path:
    """An OpenType (CFF) font drawing each of `unicodes` as a box, but the characters of `blank`, whose charstrings
    draw nothing."""
    names = {code: f"uni{code:04X}" for code in unicodes}
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder([".notdef", *names.values()])
    builder.setupCharacterMap(names)
    charstrings = {}
    for code, name in {0: ".notdef", **names}.items():
        pen = T2CharStringPen(600, None)
        if chr(code) not in blank and code != 0x20:
            pen.moveTo((50, 0))
            pen.lineTo((550, 0))
            pen.lineTo((550, 700))
            pen.lineTo((50, 700))
            pen.closePath()
        charstrings[name] = pen.getCharString()
    postscript = family.replace(" ", "") + "-Regular"
    builder.setupCFF(postscript, {"FullName": f"{family} Regular"}, charstrings, {})
    builder.setupHorizontalMetrics({name: (600, 50) for name in [".notdef", *names.values()]})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular", "psName": postscript})
    builder.setupOS2(usWeightClass=700, sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.font.recalcTimestamp = False
    builder.save(target)
    return target


if __name__ == "__main__":  # the fixture tests/clinics/brand-font/ ships: `python tests/font_support.py`
    folder = Path(__file__).parent / "clinics" / "brand-font"
    make_font(DEJAVU / "DejaVuSans.ttf", folder / "BrandSans-Regular.ttf", LATIN)
    make_font(DEJAVU / "DejaVuSans-Bold.ttf", folder / "BrandSans-Bold.ttf", LATIN, style="Bold")
