"""The print shop's colour profile, an ICC file the user gives (`--icc FILE`, or `print.icc` beside a clinic file).

It is untrusted input like a logo, and read like one (leaflet.load.beside: no link followed, no FIFO, only up to
MAX_ICC_BYTES); then its header is checked (the `acsp` signature, the size it declares, an output device's
profile of the CMYK colour space), and it is parsed by LittleCMS through Pillow's ImageCms, which must be able to
build its colour conversions from it. Only a profile that passes reaches WeasyPrint, which embeds it in the print
file as its PDF/X output intent. leaflet ships no printer profile: a wrong default would be worse than none.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from leaflet.errors import Problem
from leaflet.load import beside

PROFILE_NAME = "print.icc"  # beside a clinic file: that clinic's print shop profile
# A press profile (FOGRA39, GRACoL, SWOP) is a few hundred KiB to about 4 MiB; each print file embeds it.
MAX_ICC_BYTES = 8 * 1024 * 1024
_MAX_MIB = MAX_ICC_BYTES // 1024 // 1024
_HEADER = 128
_FIX = "ask the print shop for its CMYK output profile (an .icc file, such as FOGRA39 or GRACoL)"


class BadProfile(ValueError):
    """Why a profile is refused, starting with a verb ("is ...", "has ..."), so a problem can name the file."""


def read_profile(path: Path) -> bytes:
    """The bytes of the CMYK output profile at `path`, checked; BadProfile says what is wrong and how to fix it."""
    try:
        data, _ = beside.read_capped(path, MAX_ICC_BYTES, "profile")
    except beside.Refused as exc:  # in a profile's own words: --icc names a file anywhere, not beside a clinic
        if exc.reason == "link":
            raise BadProfile("is a link; copy the profile itself here") from None
        if exc.reason == "special":
            raise BadProfile(f"is not a regular file; {_FIX}") from None
        if exc.reason == "large":
            raise BadProfile(
                f"is {exc.size // 1024} KiB, more than the {_MAX_MIB} MiB a profile may be; {_FIX}"
            ) from None
        raise BadProfile(f"cannot be read ({exc.strerror}); {_FIX}") from None
    check_profile(data)
    return data


def check_profile(data: bytes) -> str:
    """The description of the CMYK output profile `data`; BadProfile if it is not one."""
    if len(data) > MAX_ICC_BYTES:
        raise BadProfile(f"is more than the {_MAX_MIB} MiB a profile may be; {_FIX}")
    if len(data) < _HEADER or data[36:40] != b"acsp":
        raise BadProfile(f"is not an ICC colour profile (no 'acsp' signature in its header); {_FIX}")
    declared = int.from_bytes(data[0:4], "big")
    if declared != len(data):
        raise BadProfile(f"is cut short or padded: its header says {declared} bytes, the file has {len(data)}; {_FIX}")
    space, device = data[16:20].decode("latin-1").strip(), data[12:16].decode("latin-1")
    if space != "CMYK":
        raise BadProfile(f"is a profile of the {space or '?'} colour space, not CMYK; {_FIX}")
    if device != "prtr":
        raise BadProfile(f"is a {device!r} profile, not an output (printer) profile; {_FIX}")
    from PIL import ImageCms  # only a print-ready build with a profile pays for it

    try:
        parsed = ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (OSError, ImageCms.PyCMSError) as exc:
        raise BadProfile(f"is damaged: LittleCMS cannot read it ({exc}); {_FIX}") from None
    # LittleCMS opens a profile whose header is right and whose tags are missing or unusable; what a print file
    # needs of its output intent is the colour conversions both ways (RGB to the press's CMYK, and back to show it
    # on a screen), so both are built from it here.
    screen = ImageCms.createProfile("sRGB")
    try:
        ImageCms.buildTransform(screen, parsed, "RGB", "CMYK")
        ImageCms.buildTransform(parsed, screen, "CMYK", "RGB")
    except ImageCms.PyCMSError:
        raise BadProfile(
            f"has no colour conversion LittleCMS can use (its tables are missing or damaged); {_FIX}"
        ) from None
    return str(parsed.profile_description or "CMYK profile").strip()


def profile_problems(sources: Iterable[tuple[Path, str]]) -> list[Problem]:
    """A problem for each refused profile among `sources`: (the file, where it was named: "--icc", "print.icc")."""
    problems = []
    for path, named_by in sorted(set(sources)):
        try:
            read_profile(path)
        except BadProfile as exc:
            problems.append(Problem(path, 0, 0, named_by, str(exc)))
    return problems
