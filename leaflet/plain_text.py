"""What counts as plain text in a clinic file, and how a user's own text is quoted back in an error message.

Clinic files come from strangers. YAML's double-quoted escapes ("\\x1b", "\\u202e", "\\ud800") can put any
character into a value, even where the file itself holds only printable text, so the rules are applied to the
values, not just the bytes.
"""

from __future__ import annotations

import re
import unicodedata
from os import PathLike

# The invisible marks that set the direction of the text around them: the left-to-right, right-to-left and
# Arabic letter marks, the embeddings and overrides, and the isolates. Copying from a Hebrew or Arabic web page
# leaves them in a value (mostly U+200F), where they reorder what the leaflet prints ("9:00‏-17:00" reads
# "9:0017:00-"); leaflet isolates a right-to-left value itself, so none is ever needed.
TEXT_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_TEXT_DIRECTION = re.compile(f"[{TEXT_DIRECTION}]")
_DIRECTION_MARKS = "\u061c\u200e\u200f"
_ISOLATED = "leaflet sets the direction of right-to-left text itself"
# Characters refused in every value: C0 and C1 controls (tab and, in multi-line text, newline aside), line and
# paragraph separators, the text-direction marks above ("Trojan Source"), deprecated format characters, lone
# surrogates (they cannot be written as UTF-8 at all), a byte-order mark inside text, interlinear annotations and
# noncharacters.
UNSAFE = re.compile(
    f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{TEXT_DIRECTION}\u206a-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff]"
)
# What prints no mark on the page: spaces and separators (Z*), controls and format characters (Cc, Cf: the
# zero-width space, the soft hyphen, the word joiner), and combining marks (M*), which show only on a letter.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Me", "Mc"})
# Letters and symbols that are blank by design: the Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
# The C0 controls' names: unicodedata gives none (they are only aliases in the Unicode database).
_CONTROL_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE",
    "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN",
    "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL",
    "END OF MEDIUM", "SUBSTITUTE", "ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
    "INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE",
)  # fmt: skip
_OTHER_CONTROL_NAMES = {0x7F: "DELETE", 0x85: "NEXT LINE"}


def has_visible(text: str) -> bool:
    """Whether `text` would print at least one mark: a name of zero-width spaces, soft hyphens or a lone accent
    is as empty as no name at all."""
    return any(unicodedata.category(c) not in _INVISIBLE_CATEGORIES and c not in _BLANK_LETTERS for c in text)


def character_name(character: str) -> str:
    """A character as a message names it: "U+200F RIGHT-TO-LEFT MARK", "U+001B ESCAPE"."""
    code = ord(character)
    name = _CONTROL_NAMES[code] if code < 0x20 else _OTHER_CONTROL_NAMES.get(code) or unicodedata.name(character, "")
    return f"U+{code:04X} {name}".rstrip()


def unsafe_character(text: str) -> str | None:
    """The first refused character in `text`, as a code point like U+202E, or None."""
    found = UNSAFE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def unsafe_problem(text: str) -> str | None:
    """What is wrong with the first refused character in `text` and how to fix it, or None."""
    found = UNSAFE.search(text)
    if found is None:
        return None
    character = found.group()
    if character in _DIRECTION_MARKS:
        return (
            f"contains {character_name(character)}, an invisible text-direction mark that copying from a "
            f"right-to-left (Hebrew or Arabic) page leaves behind; delete it ({_ISOLATED})"
        )
    if _TEXT_DIRECTION.fullmatch(character):
        return (
            f"contains the text-direction character {character_name(character)}, which makes the text read "
            f"differently from what it is; delete it ({_ISOLATED})"
        )
    return f"contains the control or text-direction character {character_name(character)}; retype it as plain text"


def visible(text: str, limit: int = 60) -> str:
    """`text` for a message: refused and unprintable characters written as escapes, long text cut short, so a
    hostile value can neither rewrite the terminal nor flood the report."""
    shown = "".join(c if c == " " or (c.isprintable() and not UNSAFE.match(c)) else _escape(c) for c in text[:limit])
    return shown + "…" if len(text) > limit else shown


def shown_path(path: str | PathLike[str]) -> str:
    """A file's path for the terminal, its controls written as escapes as `visible()` writes a value's: a file
    named with a newline or an escape sequence can neither forge a line of the report nor retitle the
    terminal. A name that is not UTF-8 shows its undecodable bytes as escapes (\\udcXX)."""
    text = str(path)
    return visible(text, limit=len(text))


def quoted(text: str, limit: int = 60) -> str:
    """`text` in single quotes for a message, made visible as `visible()` does."""
    return f"'{visible(text, limit)}'"


def _escape(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
