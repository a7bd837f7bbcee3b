"""Test fonts: a clinic's brand font file is made by subsetting Debian's DejaVu Sans (fonts-dejavu-core) with fontTools
and renaming it, so a leaflet that shows it cannot have taken it from the machine's own fonts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont

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


if __name__ == "__main__":  # the fixture tests/clinics/brand-font/ ships: `python tests/font_support.py`
    folder = Path(__file__).parent / "clinics" / "brand-font"
    make_font(DEJAVU / "DejaVuSans.ttf", folder / "BrandSans-Regular.ttf", LATIN)
    make_font(DEJAVU / "DejaVuSans-Bold.ttf", folder / "BrandSans-Bold.ttf", LATIN, style="Bold")
