"""Brand fonts: `brand.font` and `brand.heading_font` name a family shipped with leaflet or a font file beside the
clinic file.

- leaflet.fonts.files reads a clinic's font file as untrusted input (size-capped, no links, parsed with fontTools)
  and prepares the faces a leaflet embeds (a variable font is cut into static regular and bold instances);
- leaflet.fonts.coverage says which characters a brand font must have: the clinic's text and the content's;
- leaflet.fonts.checks turns a field's value into a BrandFont, or a problem saying how to fix it;
- leaflet.fonts.css writes the @font-face rules and the families the theme's `font-family` stacks start with: a
  clinic's file gets a CSS family named by its faces' content (leaflet.fonts.css.family).

The shipped families are declared once, in FONT_FACES (leaflet.render.assets); this package never names one but
the default. Importing it is cheap (the model imports it): fontTools is imported on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_FAMILY = "Atkinson Hyperlegible"
SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")


@dataclass(frozen=True)
class BrandFont:
    """A brand font: a shipped family, or a clinic's own font file."""

    # A family of FONT_FACES; "" for a clinic's file, whose faces are named by what they hold when they are written
    # (leaflet.fonts.css.family), so that the name and the bytes a leaflet embeds can never part.
    family: str = DEFAULT_FAMILY
    file: Path | None = None  # the clinic's font file, checked to be a font inside the clinic file's folder
    bold: Path | None = None  # a static file's bold face (brand.font_bold); a variable font makes its own

    def __str__(self) -> str:
        """As a clinic file writes it (`leaflet schema` shows the default so)."""
        return self.file.name if self.file is not None else self.family

    def files(self) -> tuple[Path, ...]:
        """The clinic's files this font reads: what a build key hashes and a preview watches."""
        return tuple(path for path in (self.file, self.bold) if path is not None)


def with_bold(font: BrandFont, bold: Path | None) -> BrandFont:
    """`font` with the bold file `brand.font_bold` gave (checked by leaflet.fonts.checks to go with a file)."""
    return BrandFont(font.family, font.file, bold) if bold is not None and font.file is not None else font


def is_file_name(written: str) -> bool:
    """Whether `brand.font: ...` names a file (by its suffix) rather than a shipped family."""
    return written.strip().lower().endswith(SUFFIXES)
