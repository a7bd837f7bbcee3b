"""The checkers of single values in a clinic file, looked up by a field's kind in CHECKERS.

Each reads one scalar (a colour, a phone number, a logo's file name, ...) and returns the value the model holds,
or raises Bad saying what is wrong and how to fix it; leaflet.validate walks the file, calls them and puts the
line, column and field path in front of the message.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import phonenumbers

from leaflet import clock, crisis, glyphs, logos
from leaflet.errors import UnsafeFont
from leaflet.fonts import BrandFont
from leaflet.fonts import checks as fonts
from leaflet.load import Scalar, SourceFile
from leaflet.model import Phone
from leaflet.plain_text import quoted, unsafe_character
from leaflet.schema import CONTENT_HASH_LENGTH, ID_MAX, Field

LOGO_SUFFIXES = tuple(logos.MEDIA_TYPES)
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


class Bad(Exception):
    """A field's value is wrong; the message says what to do."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _check_line(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if "\n" in text:
        raise Bad("must be on one line")
    return _check_text(node, field)


def _check_text(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if found := unsafe_character(text):
        raise Bad(f"contains the control or text-direction character {found}; retype it as plain text")
    if len(text) > field.max_length:
        raise Bad(f"is {len(text)} characters long; keep it to {field.max_length}")
    if problem := glyphs.coverage_problem(text):
        raise Bad(problem)
    return text


def _check_id(node: Scalar, field: Field) -> str:
    if not ID.fullmatch(node.value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", node.value.lower()).strip("-")[:ID_MAX]
        hint = f"; try '{suggestion}'" if suggestion and ID.fullmatch(suggestion) else ""
        rule = f"use 1-{ID_MAX} of a-z, 0-9 and -, starting with a letter or digit"
        raise Bad(f"{quoted(node.value)} is not an id: {rule}{hint}")
    return node.value


def check_choice(node: Scalar, field: Field) -> str:
    word = node.value.strip()
    if word not in field.choices:
        what = "a " + field.name.rstrip("s").replace("_", " ")
        raise Bad(f"{quoted(word)} is not {what}{did_you_mean(word, field.choices)} ({', '.join(field.choices)})")
    return word


def check_language(node: Scalar) -> str:
    from leaflet.content import available_languages

    code = node.value.strip()
    available = available_languages()
    if not _LANGUAGE.fullmatch(code):
        raise Bad(f"{quoted(code)} is not a language code like 'en'{did_you_mean(code, available)}")
    if code not in available:
        raise Bad(f"there is no content in {quoted(code)} yet; languages available: {', '.join(available)}")
    return code


def _check_bool(node: Scalar, field: Field) -> bool:
    word = node.value.strip().lower()
    if word not in ("true", "false"):
        raise Bad(f"{quoted(node.value)} is not true or false; write {field.name}: true or {field.name}: false")
    return word == "true"


def _check_color(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if not _COLOR.fullmatch(text):
        raise Bad(f"{quoted(text)} is not a colour like '#1a6b8c' or '#18c' (a # and 3 or 6 hex digits, in quotes)")
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.lower()


def _check_email(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if len(text) > field.max_length:
        raise Bad(f"is {len(text)} characters long; an address printed on a leaflet must be at most {field.max_length}")
    if not _EMAIL.fullmatch(text):
        raise Bad(
            f"{quoted(text)} is not an email address like info@example.com "
            "(letters, digits and . _ + - ' before the @; no spaces, ? or &)"
        )
    return text


def _check_url(node: Scalar, field: Field) -> str:
    """A link printed on a leaflet for patients: a public http(s) address, written in plain ASCII so what the
    reader sees is where the link goes (no look-alike letters, no hidden characters, no user:password@)."""
    text = node.value.strip()
    example = "like https://example.com/book"
    if len(text) > field.max_length:
        raise Bad(
            f"is {len(text)} characters long; a web address printed on a leaflet (and in its QR code) must be at "
            f"most {field.max_length}: use a shorter link to the same page"
        )
    try:
        parts = urlsplit(text)
        _ = parts.port  # reading it checks the port (ValueError when out of range)
    except ValueError:
        raise Bad(f"{quoted(text)} is not a web address {example}") from None
    if parts.scheme not in ("http", "https"):
        raise Bad(f"{quoted(text)} must start with https:// (or http://)")
    if any(not "!" <= c <= "~" or c in '"<>\\^`{|}' for c in text):
        raise Bad(
            f"{quoted(text)} has a space, a non-ASCII or a special character; write the address "
            "as the browser shows it when copied (spaces as %20, international names in their xn-- form)"
        )
    if parts.username is not None or parts.password is not None:
        raise Bad(f"{quoted(text)} has a user name or password before the @; remove it")
    host = (parts.hostname or "").rstrip(".")
    if not _HOST.fullmatch(host):
        raise Bad(f"{quoted(text)} needs a public host name, {example} (not an IP address or a local name)")
    return text


def _check_date(node: Scalar, field: Field) -> date:
    text = node.value.strip()
    try:
        day = date.fromisoformat(text) if _DATE.fullmatch(text) else None
    except ValueError:
        raise Bad(f"{quoted(text)} is not a day of the calendar; check the month and the day") from None
    if day is None:
        raise Bad(f"{quoted(text)} is not a date like 2026-11-15 (year-month-day)")
    if day > (today := clock.build_date()):
        raise Bad(f"{quoted(text)} is after the build's date, {today.isoformat()}; give the day it was done")
    return day


def _check_hash(node: Scalar, field: Field) -> str:
    text = node.value.strip()
    if not _HASH.fullmatch(text):
        raise Bad(f"{quoted(text)} is not a content hash; copy the one `leaflet review-hash` prints for this clinic")
    return text


def _check_country(node: Scalar, field: Field) -> str:
    code = node.value.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise Bad(f"{quoted(node.value)} is not a two-letter country code like US, CA or GB")
    if code not in crisis.supported_countries():
        raise Bad(_no_crisis_lines(code))
    return code


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


def check_logo_path(clinic_file: Path, written: str) -> Path:
    """A logo must be a regular file inside the clinic file's folder: no URLs, absolute paths or escapes."""
    text = written.strip()
    shown = quoted(text)
    if unsafe_character(text) or "\t" in text or "\n" in text:
        raise Bad(f"{shown} contains a control character; give the logo's file name, like logo.svg")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text):
        raise Bad(f"{shown} is a URL; put the logo file beside the clinic file and give its name")
    if text.startswith(("/", "\\", "~")) or "\\" in text:
        raise Bad(f"{shown} must be a path relative to the clinic file's folder, like logo.svg")
    if ".." in Path(text).parts:
        raise Bad(f"{shown} goes outside the clinic file's folder; move the logo beside the clinic file")
    if Path(text).suffix.lower() not in LOGO_SUFFIXES:
        raise Bad(f"{shown} is not a .svg, .png or .jpg file")
    folder = clinic_file.parent.resolve()
    target = folder / text
    real = Path(os.path.realpath(target))
    if not real.is_relative_to(folder):
        raise Bad(f"{shown} is a link to a file outside the clinic file's folder; copy the file there instead")
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


def _check_logo(node: Scalar, field: Field, source: SourceFile) -> Path:
    real = check_logo_path(source.path, node.value)
    try:
        logos.prepared_logo(real)
    except logos.UnsafeLogo as exc:
        raise Bad(f"{quoted(node.value.strip())} {exc}") from None
    return real


def _check_font(node: Scalar, field: Field, source: SourceFile) -> BrandFont:
    try:
        return fonts.check_font(node.value, field.name, source)
    except UnsafeFont as exc:
        raise Bad(str(exc)) from None


def _check_font_bold(node: Scalar, field: Field, source: SourceFile) -> Path:
    try:
        return fonts.check_bold(node.value, source)
    except UnsafeFont as exc:
        raise Bad(str(exc)) from None


def _check_phone(node: Scalar, field: Field, source: SourceFile) -> Phone:
    country = source.root.get("country")
    code = country.value.strip().upper() if isinstance(country, Scalar) else ""
    # An unknown country is reported at `country`; read the number as the default's meanwhile.
    region = code if code in phonenumbers.SUPPORTED_REGIONS else "US"
    phone = parse_phone(node.value, region)
    # A number abroad means patients abroad, whom the leaflet's crisis lines do not serve (a clinic that leaves
    # `country:` out is read as US).
    number_region = phonenumbers.region_code_for_number(phonenumbers.parse(phone.e164)) or ""
    supported = crisis.supported_countries()
    if number_region not in supported and region in supported:
        if len(number_region) != 2 or not number_region.isalpha():  # an international service number, like +800
            raise Bad(
                f"{quoted(node.value.strip())} is in no country; give the clinic's number in {' or '.join(supported)}"
            )
        raise Bad(f"{quoted(node.value.strip())} is a number in {number_region}: {_no_crisis_lines(number_region)}")
    return phone


# Each takes the value's node, its field and the whole file (a phone number is read in the file's country, a
# logo is found beside the file).
CHECKERS: dict[str, Callable[[Scalar, Field, SourceFile], object]] = {
    "line": lambda node, field, source: _check_line(node, field),
    "text": lambda node, field, source: _check_text(node, field),
    "id": lambda node, field, source: _check_id(node, field),
    "choice": lambda node, field, source: check_choice(node, field),
    "bool": lambda node, field, source: _check_bool(node, field),
    "color": lambda node, field, source: _check_color(node, field),
    "email": lambda node, field, source: _check_email(node, field),
    "url": lambda node, field, source: _check_url(node, field),
    "country": lambda node, field, source: _check_country(node, field),
    "date": lambda node, field, source: _check_date(node, field),
    "hash": lambda node, field, source: _check_hash(node, field),
    "phone": _check_phone,
    "logo": _check_logo,
    "font": _check_font,
    "font_bold": _check_font_bold,
}
