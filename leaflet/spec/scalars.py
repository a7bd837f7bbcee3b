"""The kinds of single values: a line of text, a colour, a phone number, a logo's file name, ...

Each reads one scalar and returns the value the model holds, or raises Bad saying what is wrong and how to fix
it; the walk (leaflet.spec.kinds) puts the line, column and field path in front of the message.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import phonenumbers

from leaflet import clock, colors, crisis, glyphs, logos
from leaflet.errors import UnsafeFont
from leaflet.load import Mapping as MappingNode
from leaflet.load import Node, Scalar, beside
from leaflet.model import Phone, Wording
from leaflet.plain_text import has_visible, quoted, unsafe_problem
from leaflet.schema import CONTENT_HASH_LENGTH, ID_MAX
from leaflet.spec.kinds import INVALID, Bad, Kind, ScalarKind, Walk, did_you_mean, is_empty, key_name

MAX_LOGO_BYTES = logos.MAX_RASTER_BYTES
ID = re.compile(rf"[a-z0-9][a-z0-9-]{{0,{ID_MAX - 1}}}")
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# A conservative subset of RFC 5322, ASCII only: the address goes into a mailto: link, where ? & % # / = would
# add headers (cc:, bcc:, body) to the email a patient sends.
_EMAIL = re.compile(
    r"[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})")
_LANGUAGE = re.compile(r"[a-z]{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_HASH = re.compile(rf"[0-9a-f]{{{CONTENT_HASH_LENGTH}}}")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2}).{0,2}", re.DOTALL)


class Text(ScalarKind):
    """Text a leaflet prints: no control or text-direction characters, at most `max_length` characters, and
    (with `fonts`) only characters the shipped fonts have."""

    def __init__(self, max_length: int | None = None, fonts: bool = True) -> None:
        self.max_length = max_length
        self.fonts = fonts

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = node.value.strip()
        if not text:
            raise Bad("must be non-empty text")
        if problem := unsafe_problem(text):
            raise Bad(problem)
        if not has_visible(text):  # U+200B, a soft hyphen, a lone accent: it would print nothing
            raise Bad(f"{quoted(text)} has no visible character, so it would print nothing; write the text")
        if self.max_length is not None and len(text) > self.max_length:
            raise Bad(f"is {len(text)} characters long; keep it to {self.max_length}")
        if self.fonts and (problem := glyphs.coverage_problem(text)):
            raise Bad(problem)
        return text

    def limits(self) -> str:
        return f"at most {self.max_length} characters" if self.max_length is not None else "-"


class Line(Text):
    """Text on one line."""

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        if "\n" in node.value.strip():
            raise Bad("must be on one line")
        return super().read(node, path, walk)

    def limits(self) -> str:
        return f"one line, at most {self.max_length} characters" if self.max_length is not None else "one line"


class Id(ScalarKind):
    """A short name used in folder and file names."""

    max_length = ID_MAX

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        if not ID.fullmatch(node.value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", node.value.lower()).strip("-")[:ID_MAX]
            hint = f"; try '{suggestion}'" if suggestion and ID.fullmatch(suggestion) else ""
            rule = f"use 1-{ID_MAX} of a-z, 0-9 and -, starting with a letter or digit"
            raise Bad(f"{quoted(node.value)} is not an id: {rule}{hint}")
        return node.value

    def limits(self) -> str:
        return f"at most {self.max_length} characters"


class Choice(ScalarKind):
    """One of a few words; `noun` names what one is in messages ("'A5' is not a paper")."""

    def __init__(self, words: tuple[str, ...], noun: str) -> None:
        self.words = words
        self.noun = noun

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        word = node.value.strip()
        if word not in self.words:
            hint = did_you_mean(word, self.words)
            raise Bad(f"{quoted(word)} is not a {self.noun}{hint} ({', '.join(self.words)})")
        return word

    def choices(self) -> tuple[str, ...]:
        return self.words


class Language(ScalarKind):
    """A language code with shipped content."""

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        code = node.value.strip()
        available = self.examples()
        if not _LANGUAGE.fullmatch(code):
            raise Bad(f"{quoted(code)} is not a language code like 'en'{did_you_mean(code, available)}")
        if code not in available:
            raise Bad(f"there is no content in {quoted(code)} yet; languages available: {', '.join(available)}")
        return code

    def examples(self) -> tuple[str, ...]:
        from leaflet.content import available_languages  # the content module reads this package

        return available_languages()


class PerLanguage(Kind):
    """Text a clinic writes once, or once per language as a mapping of language codes to text:
    `hours: "Mon-Fri 9:00-17:00"` or `hours: {en: "Mon-Fri 9:00-17:00", es: "lun. a vie. 9:00-17:00"}`. Each text is
    read by `text`, each code by Language; read_clinic names the language of text written once (the clinic's
    first)."""

    def __init__(self, text: Text) -> None:
        self.text = text
        self.language = Language()

    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        if isinstance(node, Scalar):
            text = self.text.walk(node, path, walk)
            return INVALID if text is INVALID else Wording(((Wording.ONCE, text),))
        if not isinstance(node, MappingNode) or not node.items:
            walk.problem(node, path, 'must be text, or one text per language: {en: "...", es: "..."}')
            return INVALID
        texts = []
        for key_node, value_node in node.items:
            where = f"{path}.{key_node.value}"
            code, text = self._code(key_node, where, walk), self._text(value_node, where, walk)
            if code is not INVALID and text is not INVALID:
                texts.append((code, text))
        return Wording(tuple(texts)) if len(texts) == len(node.items) else INVALID

    def _code(self, node: Scalar, where: str, walk: Walk) -> Any:
        """A language code written exactly: the rest of leaflet (the lint, the build) looks texts up by it."""
        if node.value != node.value.strip():
            walk.problem(
                node,
                where,
                f"{quoted(node.value)} has spaces around it; write the code alone: {quoted(node.value.strip())}",
            )
            return INVALID
        return self.language.walk(node, where, walk)

    def _text(self, node: Node, where: str, walk: Walk) -> Any:
        """One language's text, read as the text written once is: `en: ~` is no text, not the word "null"."""
        if is_empty(node):
            walk.problem(node, where, "is empty; write the text in this language, or leave the language out")
            return INVALID
        return self.text.walk(node, where, walk)

    def limits(self) -> str:
        return f"{self.text.limits()}; or one such per language: `{{en: ..., es: ...}}`"


class Bool(ScalarKind):
    def read(self, node: Scalar, path: str, walk: Walk) -> bool:
        word = node.value.strip().lower()
        if word not in ("true", "false"):
            name = key_name(path)
            raise Bad(f"{quoted(node.value)} is not true or false; write {name}: true or {name}: false")
        return word == "true"


class Color(ScalarKind):
    """A colour as "#rrggbb", lower case; one too close to white to show on the page is refused, offering
    `instead` (the field's default) as the fix."""

    comment_hint = True

    def __init__(self, instead: str) -> None:
        self.instead = instead

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = node.value.strip()
        if not _COLOR.fullmatch(text):
            raise Bad(f"{quoted(text)} is not a colour like '#1a6b8c' or '#18c' (a # and 3 or 6 hex digits, in quotes)")
        if len(text) == 4:
            text = "#" + "".join(c * 2 for c in text[1:])
        text = text.lower()
        if problem := colors.near_white_problem(text, self.instead):
            raise Bad(problem)
        return text


class Email(ScalarKind):
    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = node.value.strip()
        if len(text) > self.max_length:
            raise Bad(
                f"is {len(text)} characters long; an address printed on a leaflet must be at most {self.max_length}"
            )
        if not _EMAIL.fullmatch(text):
            raise Bad(
                f"{quoted(text)} is not an email address like info@example.com "
                "(letters, digits and . _ + - ' before the @; no spaces, ? or &)"
            )
        return text

    def limits(self) -> str:
        return f"at most {self.max_length} characters"


class Url(ScalarKind):
    """A link printed on a leaflet for patients: a public http(s) address, written in plain ASCII so what the
    reader sees is where the link goes (no look-alike letters, no hidden characters, no user:password@)."""

    def __init__(self, max_length: int) -> None:
        self.max_length = max_length

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = node.value.strip()
        example = "like https://example.com/book"
        if len(text) > self.max_length:
            raise Bad(
                f"is {len(text)} characters long; a web address printed on a leaflet (and in its QR code) must be "
                f"at most {self.max_length}: use a shorter link to the same page"
            )
        try:
            parts = urlsplit(text)
        except ValueError:  # an unclosed [ in the host
            raise Bad(f"{quoted(text)} is not a web address {example}") from None
        try:
            port = parts.port
        except ValueError:  # not a number, or past 65535
            port = 0
        if port == 0:  # port 0 is no port a server listens on: the printed link and the QR code would go nowhere
            raise Bad(
                f"{quoted(text)} has a port that is not a number from 1 to 65535 after the host's ':'; remove the "
                "port (and its ':'), or write the one the site gives"
            )
        if parts.scheme not in ("http", "https"):
            raise Bad(f"{quoted(text)} must start with https:// (or http://)")
        if any(not "!" <= c <= "~" or c in '"<>\\^`{|}' for c in text):
            raise Bad(
                f"{quoted(text)} has a space, a non-ASCII or a special character; write the address "
                "as the browser shows it when copied (spaces as %20, international names in their xn-- form)"
            )
        if bad_escape := _BAD_ESCAPE.search(text):
            raise Bad(
                f"{quoted(text)} has a % not followed by two hex digits ({quoted(bad_escape.group())}); a % in an "
                "address starts an escape like %20: copy the address again from the browser, or write a % as %25"
            )
        if parts.username is not None or parts.password is not None:
            raise Bad(f"{quoted(text)} has a user name or password before the @; remove it")
        host = (parts.hostname or "").rstrip(".")
        if not _HOST.fullmatch(host):
            raise Bad(f"{quoted(text)} needs a public host name, {example} (not an IP address or a local name)")
        return text

    def limits(self) -> str:
        return f"at most {self.max_length} characters"


class Date(ScalarKind):
    """A day as YYYY-MM-DD; with `past`, not after the build's date (a day something was done)."""

    def __init__(self, past: bool = True) -> None:
        self.past = past

    def read(self, node: Scalar, path: str, walk: Walk) -> date:
        text = node.value.strip()
        try:
            day = date.fromisoformat(text) if _DATE.fullmatch(text) else None
        except ValueError:
            raise Bad(f"{quoted(text)} is not a day of the calendar; check the month and the day") from None
        if day is None:
            raise Bad(f"{quoted(text)} is not a date like 2026-11-15 (year-month-day)")
        if self.past and day > (today := clock.build_date()):
            raise Bad(f"{quoted(text)} is after the build's date, {today.isoformat()}; give the day it was done")
        return day

    def limits(self) -> str:
        return "YYYY-MM-DD, not after the build's date" if self.past else "YYYY-MM-DD"


class Hash(ScalarKind):
    """A content hash (leaflet.review); `fix` says where to copy a right one from."""

    def __init__(self, fix: str) -> None:
        self.fix = fix

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = node.value.strip()
        if _HASH.fullmatch(text.lower()) and not _HASH.fullmatch(text):
            raise Bad(f"{quoted(text)} is written in capitals; write it in lower case: {quoted(text.lower())}")
        if not _HASH.fullmatch(text):
            raise Bad(f"{quoted(text)} is not a content hash; {self.fix}")
        return text

    def limits(self) -> str:
        return f"{CONTENT_HASH_LENGTH} hex digits"


class Pattern(ScalarKind):
    """A word of a given form, such as a reference id or a unit path; `what` describes the form."""

    def __init__(self, pattern: str, what: str, example: str = "") -> None:
        self.pattern = re.compile(pattern)
        self.what = what
        self.example = example

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        text = node.value.strip()
        if not self.pattern.fullmatch(text):
            raise Bad(f"{quoted(text)} is not {self.what}")
        return text

    def examples(self) -> tuple[str, ...]:
        return (self.example,) if self.example else ()


class Country(ScalarKind):
    """A two-letter country code with crisis lines: the leaflets tell patients in crisis whom to call."""

    def read(self, node: Scalar, path: str, walk: Walk) -> str:
        code = node.value.strip().upper()
        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise Bad(f"{quoted(node.value)} is not a two-letter country code like US, CA or GB")
        if code not in crisis.supported_countries():
            raise Bad(_no_crisis_lines(code))
        return code

    def limits(self) -> str:
        return f"one with crisis lines: {', '.join(crisis.supported_countries())}"


def _no_crisis_lines(code: str) -> str:
    # Patient safety: every leaflet tells a patient in crisis whom to call, and those numbers differ by country.
    return (
        f"no crisis lines for {code} yet; supported: {', '.join(crisis.supported_countries())}. A leaflet tells "
        f"patients in crisis whom to call: to serve {code}, add data/crisis/{code}.yaml with its crisis lines and "
        f"have the content reviewed for {code} (CONTRIBUTING.md, 'Add a country')"
    )


def parse_phone(text: str, region: str) -> Phone:
    """Read a phone number as people write it; format it the way the country does."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise Bad(
            f'{quoted(text)} is not a phone number in {region}; write it like "505-555-0100" '
            'or with the country code, like "+1 505 555 0100"'
        )
    own_country = phonenumbers.region_code_for_number(number) == region
    style = phonenumbers.PhoneNumberFormat.NATIONAL if own_country else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return Phone(
        display=phonenumbers.format_number(number, style),
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
    )


class PhoneNumber(ScalarKind):
    """A phone number, read in the file's `country:` (a number abroad means patients the crisis lines miss)."""

    def read(self, node: Scalar, path: str, walk: Walk) -> Phone:
        country = walk.source.root.get("country")
        code = country.value.strip().upper() if isinstance(country, Scalar) else ""
        # An unknown country is reported at `country`; read the number as the default's meanwhile.
        region = code if code in phonenumbers.SUPPORTED_REGIONS else "US"
        phone = parse_phone(node.value, region)
        # A number abroad means patients abroad, whom the leaflet's crisis lines do not serve (a clinic that leaves
        # `country:` out is read as US).
        number_region = phonenumbers.region_code_for_number(phonenumbers.parse(phone.e164)) or ""
        supported = crisis.supported_countries()
        if number_region not in supported and region in supported:
            shown = quoted(node.value.strip())
            if len(number_region) != 2 or not number_region.isalpha():  # an international service number (+800)
                raise Bad(f"{shown} is in no country; give the clinic's number in {' or '.join(supported)}")
            raise Bad(f"{shown} is a number in {number_region}: {_no_crisis_lines(number_region)}")
        return phone


def check_logo_path(clinic_file: Path, written: str) -> Path:
    """A logo must be a regular file inside the clinic file's folder: no URLs, absolute paths or escapes."""
    try:
        target = beside.path_beside(clinic_file, written, logos.BESIDE)
    except beside.Refused as exc:
        raise Bad(str(exc)) from None
    shown = quoted(written.strip())
    real = Path(os.path.realpath(target))
    try:
        info = real.stat()
    except FileNotFoundError:
        raise Bad(f"{shown} does not exist (looked for {target})") from None
    except OSError as exc:
        raise Bad(f"{shown} cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise Bad(f"{shown} is not a regular file")
    if info.st_size > MAX_LOGO_BYTES:
        raise Bad(f"{shown} is {info.st_size // 1024} KiB; a logo must be under {MAX_LOGO_BYTES // 1024 // 1024} MiB")
    return real


class Font(ScalarKind):
    """`brand.font` or `brand.heading_font`: a family shipped with leaflet, or a font file beside the clinic file,
    checked as untrusted input (leaflet.fonts.checks)."""

    def read(self, node: Scalar, path: str, walk: Walk) -> Any:
        from leaflet.fonts import checks

        try:
            return checks.check_font(node.value, path.rsplit(".", 1)[-1], walk.source)
        except UnsafeFont as exc:
            raise Bad(str(exc)) from None

    def limits(self) -> str:
        from leaflet.fonts.checks import shipped_families

        return f"{', '.join(shipped_families())}; or a file at most {_font_megabytes()} MiB"


class FontBold(ScalarKind):
    """`brand.font_bold`: the bold face of the static font file `brand.font` names."""

    def read(self, node: Scalar, path: str, walk: Walk) -> Any:
        from leaflet.fonts import checks

        try:
            return checks.check_bold(node.value, walk.source)
        except UnsafeFont as exc:
            raise Bad(str(exc)) from None

    def limits(self) -> str:
        return f"a file at most {_font_megabytes()} MiB"


def _font_megabytes() -> int:
    from leaflet.fonts.files import MAX_FONT_BYTES

    return MAX_FONT_BYTES // (1024 * 1024)


class Logo(ScalarKind):
    """A logo file beside the clinic file, checked to be safe to draw (leaflet.logos)."""

    def read(self, node: Scalar, path: str, walk: Walk) -> Any:
        real = check_logo_path(walk.source.path, node.value)
        try:
            logos.prepared_logo(real)
        except logos.UnsafeLogo as exc:
            raise Bad(f"{quoted(node.value.strip())} {exc}") from None
        return real

    def limits(self) -> str:
        pixels = f"{logos.MAX_PIXELS // 1_000_000} million pixels"
        return (
            f"SVG at most {logos.format_size(logos.MAX_SVG_BYTES)}; "
            f"PNG or JPEG at most {logos.format_size(logos.MAX_RASTER_BYTES)} and {pixels}"
        )
