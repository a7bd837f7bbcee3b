"""A file that a clinic file names (a logo, a font): where it may be, and how it is read.

Such a file is untrusted input like the clinic file. `path_beside` takes it only from the clinic file's folder
(no URL, absolute path, `..` or link out of it) with one of its kind's suffixes; `read_capped` reads it from what
was opened rather than what was checked: no symlink followed, no FIFO or device that could block or stream
forever, no more than a limit, even if the file was swapped after validation.

Both raise Refused, whose message starts with the file's name (`path_beside`) or a verb (`read_capped`), so each
caller turns it into its own error (UnsafeLogo, UnsafeFont, a validation problem) word for word.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from leaflet.plain_text import quoted, unsafe_character

Reason = Literal["missing", "link", "unreadable", "special", "large"]
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class Refused(ValueError):
    """Why a file is refused. `reason` says which check failed, so a caller can word it its own way; `strerror`
    (missing, unreadable) and `size` (large) are the facts it may need."""

    def __init__(self, message: str, reason: Reason | Literal["path"] = "path", strerror: str = "", size: int = 0):
        super().__init__(message)
        self.reason = reason
        self.strerror = strerror
        self.size = size


@dataclass(frozen=True)
class Kind:
    """What a file is, in the words that refuse it."""

    noun: str  # "logo": "put the logo file beside the clinic file"
    file: str  # "image file": "copy the image file itself", "give the name of an image file"
    its_name: str  # "the logo's file name": "give the logo's file name, like logo.svg"
    example: str  # "logo.svg"
    suffixes: tuple[str, ...]  # lower case, with the dot
    suffixes_shown: str  # ".svg, .png or .jpg"
    copied: str  # what to copy in place of a link out of the folder: "file", "font"


def path_beside(clinic_file: Path, written: str, kind: Kind) -> Path:
    """The file `written` names, in the clinic file's folder (not resolved: a link in it stays a link)."""
    text = written.strip()
    shown = quoted(text)
    if unsafe_character(text) or "\t" in text or "\n" in text:
        raise Refused(f"{shown} contains a control character; give {kind.its_name}, like {kind.example}")
    if _URL.match(text):
        raise Refused(f"{shown} is a URL; put the {kind.noun} file beside the clinic file and give its name")
    if text.startswith(("/", "\\", "~")) or "\\" in text:
        raise Refused(f"{shown} must be a path relative to the clinic file's folder, like {kind.example}")
    if ".." in Path(text).parts:
        raise Refused(f"{shown} goes outside the clinic file's folder; move the {kind.noun} beside the clinic file")
    if Path(text).suffix.lower() not in kind.suffixes:
        raise Refused(f"{shown} is not a {kind.suffixes_shown} file")
    folder = clinic_file.parent.resolve()
    target = folder / text
    if not Path(os.path.realpath(target)).is_relative_to(folder):
        raise Refused(
            f"{shown} is a link to a file outside the clinic file's folder; copy the {kind.copied} there instead"
        )
    return target


def read_capped(path: Path, limit: int, file: str, too_large: str = "") -> tuple[bytes, os.stat_result]:
    """The bytes of `path` (a `file`: "image file") and its status, read from what was opened; Refused says
    `too_large` when it has more than `limit` bytes."""
    too_large = too_large or f"is larger than {limit:,} bytes"
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise Refused(f"does not exist (looked for {path})", "missing", exc.strerror or "") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Refused(f"is a symbolic link; copy the {file} itself beside the clinic file", "link") from None
        raise Refused(f"cannot be read ({exc.strerror})", "unreadable", exc.strerror or "") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            article = "an" if file[:1] in "aeiou" else "a"
            raise Refused(f"is not a regular file; give the name of {article} {file}", "special")
        if info.st_size > limit:  # refused before a byte is read
            raise Refused(too_large, "large", size=info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise Refused(f"cannot be read ({exc.strerror})", "unreadable", exc.strerror or "") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew since it was opened
        raise Refused(too_large, "large", size=len(data))
    return data, info
