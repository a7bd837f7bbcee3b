"""The validated clinic: what the rest of the pipeline reads. Built only by leaflet.validate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from leaflet.lint.placeholder import is_fictional_phone, is_reserved_address

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
class Location:
    id: str
    name: str
    address: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    phone: Phone | None
    hours: str | None

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
    in_home: bool
    about: str | None
    locations: tuple[Location, ...]
    brand: Brand

    @property
    def contact_url(self) -> str:
        """Where a patient goes to reach the clinic, for the QR code: booking, else the website, else a call."""
        return self.booking_url or self.website or self.main_phone.href

    @property
    def about_paragraphs(self) -> tuple[str, ...]:
        """`about` in paragraphs, split at its blank lines (as written with `about: |`)."""
        return tuple(p.strip() for p in _BLANK_LINE.split(self.about or "") if p.strip())

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
