"""Check a clinic's logo and prepare the bytes a leaflet embeds: the logo is untrusted, like the clinic file.

The file is read without following links and only up to its size limit; PNG and JPEG files are then checked by
leaflet.logos.raster, SVG files sanitized by leaflet.logos.svg. What a leaflet embeds is always the checked bytes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from leaflet.errors import UnsafeLogo
from leaflet.load import beside
from leaflet.logos.raster import MAX_PIXELS, check_raster
from leaflet.logos.svg import MAX_SVG_BYTES, sanitize_svg

__all__ = [
    "BESIDE",
    "MAX_PIXELS",
    "MAX_RASTER_BYTES",
    "MAX_SVG_BYTES",
    "MEDIA_TYPES",
    "PreparedLogo",
    "UnsafeLogo",
    "format_size",
    "prepared_logo",
    "sanitize_svg",
]

MAX_RASTER_BYTES = 2 * 1024 * 1024
MEDIA_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
BESIDE = beside.Kind(  # where brand.logo may be, in the words that refuse it
    noun="logo",
    file="image file",
    its_name="the logo's file name",
    example="logo.svg",
    suffixes=tuple(MEDIA_TYPES),
    suffixes_shown=".svg, .png or .jpg",
    copied="file",
)


@dataclass(frozen=True)
class PreparedLogo:
    media_type: str
    data: bytes  # what a leaflet embeds: the checked raster bytes (converted if need be), or the re-serialized SVG


_cache: dict[tuple[str, int, int, int, int], PreparedLogo] = {}


def prepared_logo(path: Path) -> PreparedLogo:
    """Check the logo at `path` and return what to embed; raise UnsafeLogo if it is refused.

    The result is cached by the file's identity, size and modification time, so validating and then rendering
    a dozen leaflets checks each logo once, and a logo changed in between is checked again."""
    suffix = path.suffix.lower()
    if suffix not in MEDIA_TYPES:
        raise UnsafeLogo("is not a .svg, .png or .jpg file")
    limit = MAX_SVG_BYTES if suffix == ".svg" else MAX_RASTER_BYTES
    data, info = _read(path, limit)
    key = (str(path), info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    if key not in _cache:
        if suffix == ".svg":
            prepared = PreparedLogo(MEDIA_TYPES[suffix], sanitize_svg(data))
        else:
            prepared = PreparedLogo(MEDIA_TYPES[suffix], check_raster(data, suffix))
        if len(_cache) >= 64:
            _cache.clear()
        _cache[key] = prepared
    return _cache[key]


def _read(path: Path, limit: int) -> tuple[bytes, os.stat_result]:
    """The file's bytes, read from what was opened rather than what was checked: no symlink is followed and a
    FIFO or device cannot block or stream forever, even if the file was swapped after validation."""
    kind = "an SVG logo" if limit == MAX_SVG_BYTES else "a logo"
    too_large = f"is larger than {format_size(limit)}; {kind} must be smaller: simplify it, or export a smaller PNG"
    try:
        return beside.read_capped(path, limit, BESIDE.file, too_large)
    except beside.Refused as exc:
        raise UnsafeLogo(str(exc)) from None


def format_size(count: int) -> str:
    """A size limit in words: "2 MiB", "256 KiB"."""
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count // 1024} KiB"
