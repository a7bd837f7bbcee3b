"""The print-shop file (`<name>.<lang>.print.pdf`): the accessible PDF's layout with 3 mm of bleed on every
side, and PDF/X-4 when the print shop's CMYK profile is given.

What a print file needs besides the document is a PrintSetup: crop marks or not (a proof, for a person to check
by eye; the boxes alone define the trim for the press) and the profile. PrintOptions, the build's options, gives
each clinic its setup: `--icc FILE` for every clinic, else a `print.icc` beside the clinic file, else none (an sRGB
print file, and the build says so).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from leaflet import resources
from leaflet.errors import RenderFailed
from leaflet.model import Clinic
from leaflet.print_profile import PROFILE_NAME, BadProfile, read_profile

STYLESHEET = "css/print.css"  # inside templates/
BLEED_MM = 3  # the print.css @page bleed, on every side
PDF_X = "pdf/x-4"  # with a profile: colour managed with ICC, transparency kept (X-1a and X-3 would flatten it)
PDF_UA = "pdf/ua-1"  # without one: the accessible PDF's variant, so the print file stays tagged


@dataclass(frozen=True)
class PrintSetup:
    """What one clinic's print files are made with, besides the document."""

    marks: bool = False  # crop marks in the bleed
    profile: Path | None = None  # the print shop's CMYK output profile (checked by leaflet.print_profile)


@dataclass(frozen=True)
class PrintOptions:
    """The build's print options: `--proof` and `--icc FILE`."""

    marks: bool = False
    icc: Path | None = None

    def setup(self, clinic: Clinic) -> PrintSetup:
        source = self.profile_source(clinic)
        return PrintSetup(self.marks, source[0] if source else None)

    def profile_source(self, clinic: Clinic) -> tuple[Path, str] | None:
        """The profile a clinic's print files use and what named it ("--icc", "print.icc"), or None."""
        if self.icc is not None:
            return self.icc, "--icc"
        beside = clinic.source.parent / PROFILE_NAME
        return (beside, PROFILE_NAME) if beside.exists() or beside.is_symlink() else None

    def without_profile(self, clinics: Iterable[Clinic]) -> str | None:
        """The build's one warning when some clinics' print files are sRGB, for want of a profile."""
        missing = sorted({clinic.id for clinic in clinics if self.profile_source(clinic) is None})
        if not missing:
            return None
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        return (
            f"the print files of {shown} are sRGB, not PDF/X-4: no CMYK profile was given. Give the print shop's "
            f"profile with --icc FILE, or put it beside the clinic file as {PROFILE_NAME}"
        )


def print_css(setup: PrintSetup) -> str:
    """The stylesheet a print file adds to its document's: bleed, crop marks, the profile as the CMYK space."""
    css = (resources.templates_dir() / STYLESHEET).read_text(encoding="utf-8")
    if setup.marks:
        css += "\n@page { marks: crop; }\n"
    if setup.profile is not None:
        # The bytes are read again here, in the worker, and checked again: the file may have changed since the
        # build checked it. WeasyPrint needs `components`, else it fails on a CMYK profile.
        try:
            profile = read_profile(setup.profile)
        except BadProfile as exc:
            raise RenderFailed(f"{setup.profile} {exc}") from None
        uri = "data:application/vnd.iccprofile;base64," + base64.b64encode(profile).decode()
        css += f"\n@color-profile device-cmyk {{ src: url({uri}); components: cyan, magenta, yellow, black; }}\n"
    return css


def render_print_pdf(html: str, max_pages: int | None, setup: PrintSetup, theme: str = "") -> bytes:
    """`html`'s print file; `theme` is the kind's theme CSS, parsed once per process (see render_pdf)."""
    from leaflet.render.pdf import render_pdf  # WeasyPrint: imported by the process that renders

    variant = PDF_X if setup.profile is not None else PDF_UA
    return render_pdf(html, max_pages, theme, print_css=print_css(setup), variant=variant)
