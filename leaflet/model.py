"""The validated clinic: what the rest of the pipeline reads. Built only by leaflet.spec.clinic, from the walked
clinic file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from leaflet.fonts import BrandFont
from leaflet.lint.placeholder import is_fictional_phone, is_reserved_address

DEFAULT_FONT = BrandFont()
_BLANK_LINE = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Phone:
    """A phone number as the leaflet shows it and as a `tel:` link dials it."""

    display: str  # "(505) 639-4973"
    e164: str  # "+15056394973"

    @property
    def href(self) -> str:
        return f"tel:{self.e164}"


@dataclass(frozen=True)
class Said:
    """A clinic's own text as one leaflet shows it: in the leaflet's language when the clinic wrote it in that
    language, else in the language it wrote it in (the leaflet marks it as such: `lang`)."""

    text: str
    language: str  # the language the text is in
    shown_in: str  # the leaflet's language

    @property
    def other_language(self) -> str | None:
        """The text's language when it is not the leaflet's: screen readers then read it in that language."""
        return self.language if self.language != self.shown_in else None

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text in paragraphs, split at its blank lines (as written with `about: |`)."""
        return tuple(p.strip() for p in _BLANK_LINE.split(self.text) if p.strip())


@dataclass(frozen=True)
class Wording:
    """A clinic's own sentences (`about`, a location's hours), written once, in the clinic's first language, or
    once per language: `hours: {en: "Mon-Fri 9:00-17:00", es: "lun. a vie. 9:00-17:00"}`."""

    texts: tuple[tuple[str, str], ...]  # (language, text), in the clinic's order of languages

    ONCE = ""  # the language of text written once, until read_clinic names it: the clinic's first language

    def in_language(self, language: str) -> Said:
        """The text in `language`, else in the first language it is written in."""
        written, text = next(((code, text) for code, text in self.texts if code == language), self.texts[0])
        return Said(text, written, language)

    def named(self, languages: tuple[str, ...]) -> Wording:
        """The wording with text written once given the first of `languages`, in their order (read_clinic)."""
        texts = [(code or languages[0], text) for code, text in self.texts]
        order = {code: index for index, code in enumerate(languages)}
        return Wording(tuple(sorted(texts, key=lambda item: order.get(item[0], len(order)))))


@dataclass(frozen=True)
class Location:
    id: str
    name: str
    address: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    phone: Phone | None
    hours: Wording | None

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The postal address as lines: street, then "City, Region Postcode"."""
        place = ", ".join(part for part in (self.city, self.region) if part)
        last = " ".join(part for part in (place, self.postal_code) if part)
        return tuple(line for line in (self.address, last) if line)


@dataclass(frozen=True)
class Brand:
    logo: Path | None  # absolute, checked to be a regular file inside the clinic file's folder
    primary_color: str  # "#rrggbb", lower case
    accent_color: str
    font: BrandFont = DEFAULT_FONT  # the text's font: a shipped family, or a checked font file (leaflet.fonts)
    heading_font: BrandFont | None = None  # the headings' and the clinic name's, when not `font`


@dataclass(frozen=True)
class MedicalReview:
    """The clinic's sign-off (`medical_review:`): a named clinician reviewed the content of its leaflets."""

    by: str  # "Dr Jane Doe, medical director"
    on: date
    content: str  # the hash of the content reviewed, as `leaflet review-hash` printed it (see leaflet.review)
    lapsed: str | None = None  # why it no longer holds (too old, the content changed); None while it holds


@dataclass(frozen=True)
class Clinic:
    source: Path  # the clinic file
    id: str
    name: str
    phone: Phone | None
    email: str | None
    website: str | None
    booking_url: str | None
    routes: tuple[str, ...]
    conditions: tuple[str, ...]
    languages: tuple[str, ...]
    paper: str
    country: str
    settings: tuple[str, ...]  # where doses are given: a subset of leaflet.schema.SETTINGS, in the file's order
    nasal_spray: str | None  # with the intranasal route: esketamine, compounded or both; None: not said
    about: Wording | None
    locations: tuple[Location, ...]
    brand: Brand
    publish_url: str | None = None  # where <out>/<clinic-id>/ is published: handouts' QR codes open their guide
    interpreter: bool = False  # the clinic arranges a medical interpreter for patients who ask

    @property
    def spray(self) -> str:
        """Which words the leaflets use for the nasal spray: a kind the clinic named, else "unknown" (ask)."""
        return self.nasal_spray if self.nasal_spray in ("esketamine", "compounded") else "unknown"

    medical_review: MedicalReview | None = None

    @property
    def signed_off(self) -> MedicalReview | None:
        """The clinic's sign-off while it holds: the only review a leaflet may claim for the clinic."""
        review = self.medical_review
        return review if review is not None and review.lapsed is None else None

    @property
    def contact_url(self) -> str:
        """Where a patient goes to reach the clinic, for the QR code: booking, else the website, else a call."""
        return self.booking_url or self.website or self.main_phone.href

    @property
    def placeholder_contact(self) -> bool:
        """Whether a contact detail is a placeholder (555-01xx, example.com): its leaflets are marked as samples
        ("SAMPLE — NOT FOR DISTRIBUTION") until the clinic's real details are in; `leaflet lint` names each one."""
        phones = [self.phone, *(location.phone for location in self.locations)]
        addresses = (self.email, self.website, self.booking_url)
        return any(phone is not None and is_fictional_phone(phone.e164) for phone in phones) or any(
            value is not None and is_reserved_address(value) for value in addresses
        )

    @property
    def main_phone(self) -> Phone:
        """The number a patient should call: the clinic's own, else its first location's."""
        if self.phone is not None:
            return self.phone
        for location in self.locations:
            if location.phone is not None:
                return location.phone
        raise AssertionError("validation guarantees a phone number")  # pragma: no cover
