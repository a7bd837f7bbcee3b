"""What counts as plain text in a clinic file, and how a user's own text is quoted back in an error message.

Clinic files come from strangers. YAML's double-quoted escapes ("\\x1b", "\\u202e", "\\ud800") can put any
character into a value, even where the file itself holds only printable text, so the rules are applied to the
values, not just the bytes.
"""

from __future__ import annotations

import re

# Characters refused in every value: C0 and C1 controls (tab and, in multi-line text, newline aside), line and
# paragraph separators, the bidirectional embeddings, overrides and isolates that make text read differently
# from what it is ("Trojan Source"), deprecated format characters, lone surrogates (they cannot be written as
# UTF-8 at all), a byte-order mark inside text, interlinear annotations and noncharacters.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u206f"
    "\ud800-\udfff\ufeff\ufff9-\ufffb\ufdd0-\ufdef\ufffe\uffff]"
)


def unsafe_character(text: str) -> str | None:
    """The first refused character in `text`, as a code point like U+202E, or None."""
    found = UNSAFE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def visible(text: str, limit: int = 60) -> str:
    """`text` for a message: refused and unprintable characters written as escapes, long text cut short, so a
    hostile value can neither rewrite the terminal nor flood the report."""
    shown = "".join(c if c == " " or (c.isprintable() and not UNSAFE.match(c)) else _escape(c) for c in text[:limit])
    return shown + "…" if len(text) > limit else shown


def quoted(text: str, limit: int = 60) -> str:
    """`text` in single quotes for a message, made visible as `visible()` does."""
    return f"'{visible(text, limit)}'"


def _escape(character: str) -> str:
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
