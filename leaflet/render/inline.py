"""Clinic text and web addresses set inside running text: isolated from the text around them, broken only where a
reader expects a break.

A clinic's name may be Hebrew or Arabic inside an English sentence or footer. Without isolation the Unicode
bidirectional algorithm lets it reorder its neighbours: a footer "<name> · (505) 639-4973" then prints the phone
as "4973-639 (505)". Each piece of clinic text is therefore isolated: with <bdi> in HTML, and with FIRST STRONG
ISOLATE ... POP DIRECTIONAL ISOLATE in CSS strings, where there is no markup.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from leaflet.model import Said

FSI = "\u2068"  # FIRST STRONG ISOLATE: the text between it and PDI takes the direction of its first strong letter
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE

# After a slash, a dot or a hyphen, except the dot of a leading "www." ("w / ww.nimh..." reads as two words) and
# except at the very end. A break is allowed there, never forced.
_URL_BREAK = re.compile(r"(?<!^www\.)(?<=[/.\-])(?!$)")


def isolated(text: str | Said) -> Markup:
    """`text` (escaped) in a <bdi>: its direction cannot leak into the sentence around it. A clinic's text in
    another language than the leaflet's is marked with its own (`lang`), for screen readers and hyphenation."""
    if isinstance(text, Said):
        if text.other_language:
            return Markup('<bdi lang="{}">{}</bdi>').format(text.other_language, text.text)
        text = text.text
    return Markup("<bdi>{}</bdi>").format(text)


def isolated_css(text: str) -> str:
    """`text` between FSI and PDI, for a CSS `content` string, where markup cannot isolate it."""
    return f"{FSI}{text}{PDI}"


def breakable_url(shown: str) -> Markup:
    """A web address as shown in print (escaped), with <wbr> where a line may break: after /, . and -."""
    return Markup("<wbr>").join(escape(piece) for piece in _URL_BREAK.split(shown))
