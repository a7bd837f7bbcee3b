"""Check a PNG or JPEG logo with Pillow before anything embeds it.

The file is opened with Pillow and fully decoded, so a damaged file, a file in disguise or a decompression bomb
is refused here with a message instead of failing inside WeasyPrint. A PNG whose pixels WeasyPrint cannot draw
(16-bit greyscale) is converted to one it can.
"""

from __future__ import annotations

import codecs
import io
import struct
import warnings
import zlib
from typing import TYPE_CHECKING

from leaflet.errors import UnsafeLogo

if TYPE_CHECKING:
    from PIL import Image

MAX_PIXELS = 16_000_000  # a 4000 × 4000 logo; decoded, that is 64 MB of RGBA

_PILLOW_FORMATS = ("PNG", "JPEG")  # only these decoders ever see a logo's bytes
_PIXELS = f"a logo may have at most {MAX_PIXELS // 1_000_000} million pixels: export it smaller, like 1200 × 400"
# What Pillow raises for bytes it cannot decode; anything else is a bug and should say so.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error, zlib.error)
# The pixel formats WeasyPrint draws ("1", "P" and "I" it converts to RGB itself; "I", a 16-bit greyscale PNG as
# older Pillows read it, it would clip to white, so it is converted here like "I;16").
_DRAWN = ("RGB", "RGBA", "L", "LA", "CMYK", "1", "P")


def check_raster(data: bytes, suffix: str) -> bytes:
    """Refuse, with UnsafeLogo, anything in `data` but one whole, still image of the kind `suffix` names; return
    the bytes to embed: `data`, or a PNG converted to pixels WeasyPrint can draw."""
    from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError  # imported on first use: most logos are SVG

    expected = "PNG" if suffix == ".png" else "JPEG"
    # Pillow only warns about a decompression bomb below twice its own limit; make the warning an error here,
    # without changing Image.MAX_IMAGE_PIXELS for the rest of the process (WeasyPrint uses Pillow too).
    with warnings.catch_warnings():
        # Pillow's warnings about the data are errors here: a damaged EXIF block would otherwise print a raw
        # warning, naming Pillow's own source file, in the middle of a build (WeasyPrint reads EXIF too).
        warnings.simplefilter("error", UserWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS)
        except UnidentifiedImageError:
            raise UnsafeLogo(f"is not a {expected} image{_what_it_looks_like(data)}") from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UnsafeLogo(f"has far more pixels than a logo needs (a decompression bomb?); {_PIXELS}") from None
        except Warning as warning:
            raise UnsafeLogo(f"has metadata that cannot be read ({warning}); export the image again") from None
        except _DECODE_ERRORS as exc:
            raise UnsafeLogo(f"is a damaged {expected} image ({exc}); export it again") from None
        with image:
            # A JPEG with several pictures (MPO) opens as its own format; it is still a JPEG.
            found = "JPEG" if image.format == "MPO" else image.format
            if found != expected:
                right = ".png" if found == "PNG" else ".jpg"
                raise UnsafeLogo(f"is a {found} image, not a {expected}; rename it to end in {right}")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise UnsafeLogo(f"is {width} × {height} pixels; {_PIXELS}")
            if getattr(image, "n_frames", 1) > 1:
                raise UnsafeLogo("is animated or holds several pictures; export a single still image")
            # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES when it is imported, which would let a truncated
            # file through; insist on whole files while decoding every pixel, then put the setting back.
            whole_files, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
            try:
                image.load()
                ImageOps.exif_transpose(image)  # reads the EXIF orientation, as WeasyPrint does
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise UnsafeLogo(f"has far more pixels than a logo needs (a decompression bomb?); {_PIXELS}") from None
            except Warning as warning:
                raise UnsafeLogo(f"has metadata that cannot be read ({warning}); export the image again") from None
            except _DECODE_ERRORS as exc:
                raise UnsafeLogo(f"is a damaged {expected} image ({exc}); export it again") from None
            finally:
                ImageFile.LOAD_TRUNCATED_IMAGES = whole_files
            if image.mode in _DRAWN:
                return data
            return _drawable_png(image)


def _drawable_png(image: Image.Image) -> bytes:
    """The image as an 8-bit PNG: 16-bit greyscale ("I;16", "I") scaled to 8 bits, anything else made RGBA."""

    if image.mode.startswith("I"):
        converted: Image.Image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    else:
        converted = image.convert("RGBA")
    stream = io.BytesIO()
    converted.save(stream, format="PNG")
    return stream.getvalue()


def _what_it_looks_like(data: bytes) -> str:
    head = data[:512].lstrip()
    if head.startswith((b"<svg", b"<?xml")):
        return " (it is an SVG file: rename it to end in .svg)"
    if data.startswith(b"GIF8"):
        return " (it is a GIF: export it as PNG)"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:4096], final=False)  # may end mid-character
    except UnicodeDecodeError:
        return " (nor any image format leaflet reads); export the logo as PNG"
    if b"\0" in data[:4096]:
        return " (nor any image format leaflet reads); export the logo as PNG"
    return " (it is a text file); export the logo as PNG"
