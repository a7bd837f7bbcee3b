"""The clinic file, declared once: every field's kind, limits, default and one-line description.

`read_clinic` walks a file against CLINIC and builds the Clinic model from the walked values; the checks that
join several fields (a phone unless every location has one, `in_home` or `settings`, a nasal spray only with the
intranasal route, the sign-off's lapse) follow the walk as small functions. `leaflet schema` prints CLINIC as
the README's reference (leaflet.schema.reference_markdown).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from leaflet import clock, review
from leaflet.fonts import with_bold
from leaflet.load import Node, SourceFile
from leaflet.model import DEFAULT_FONT, Brand, Clinic, Location, MedicalReview
from leaflet.plain_text import quoted
from leaflet.schema import CONDITIONS, ID_MAX, NASAL_SPRAYS, PAPERS, REVIEWER_MAX, ROUTES, SETTINGS, SIGN_OFF_MONTHS
from leaflet.spec.kinds import Key, ListOf, Mapping, Walk, is_empty
from leaflet.spec.scalars import (
    ID,
    Bool,
    Choice,
    Color,
    Country,
    Date,
    Email,
    Font,
    FontBold,
    Hash,
    Id,
    Language,
    Line,
    Logo,
    PerLanguage,
    PhoneNumber,
    Text,
    Url,
)

# The brand colours a clinic gets when it names none; also offered as the fix for a colour that cannot show.
PRIMARY_COLOR = "#2a6f97"
ACCENT_COLOR = "#f4a261"

LOCATION = Mapping(
    Key("id", Id(), "Short name for the location, used in file names: a-z, 0-9 and -.", required=True),
    Key("name", Line(max_length=120), "The location's name as patients know it.", required=True),
    Key("address", Line(max_length=200), "Street address."),
    Key("city", Line(max_length=80), "City or town."),
    Key("region", Line(max_length=80), "State, county or region."),
    Key("postal_code", Line(max_length=20), "ZIP or postal code, quoted."),
    Key("phone", PhoneNumber(), "The location's own phone number, if it has one."),
    Key(
        "hours",
        PerLanguage(Line(max_length=120)),
        'Opening hours as patients should read them, e.g. "Mon-Fri 9:00-17:00"; per language like about.',
    ),
    build=Location,
)

BRAND = Mapping(
    Key("logo", Logo(), "Logo file inside the clinic file's folder: .svg, .png or .jpg."),
    Key(
        "primary_color",
        Color(instead=PRIMARY_COLOR),
        f'Headings and bands, quoted: "{PRIMARY_COLOR}". Darkened where needed to keep 4.5:1 contrast with white.',
        default=PRIMARY_COLOR,
    ),
    Key(
        "accent_color",
        Color(instead=ACCENT_COLOR),
        f'Rules and highlights, quoted: "{ACCENT_COLOR}".',
        default=ACCENT_COLOR,
    ),
    Key(
        "font",
        Font(),
        "The text's typeface: a family shipped with leaflet, or a font file inside the clinic file's folder "
        "(.ttf, .otf, .woff, .woff2) with every character the leaflets show. A static file needs its bold as "
        "font_bold; a variable font's weight axis gives it.",
        default=DEFAULT_FONT,
    ),
    Key("font_bold", FontBold(), "With a static font file in font: the file of its bold face."),
    Key(
        "heading_font",
        Font(),
        "The typeface of headings and the clinic's name, like font; a file is one face, used for every heading. "
        "Default: font.",
    ),
    build=lambda font, font_bold, **values: Brand(font=with_bold(font, font_bold), **values),
)

MEDICAL_REVIEW = Mapping(
    Key(
        "by",
        Line(max_length=REVIEWER_MAX),
        'Who reviewed it: a name and role, "Dr Jane Doe, medical director".',
        required=True,
    ),
    Key("on", Date(), "The day the review was done, YYYY-MM-DD.", required=True),
    Key(
        "content",
        Hash("copy the one `leaflet review-hash` prints for this clinic"),
        "The hash `leaflet review-hash` printed for this clinic when the review was done: what was reviewed.",
        required=True,
    ),
    build=MedicalReview,
)

CLINIC = Mapping(
    Key("name", Line(max_length=120), "The clinic's name as it appears on every leaflet.", required=True),
    Key("id", Id(), "Short name used for the output folder: a-z, 0-9 and -. Default: the file name."),
    Key("phone", PhoneNumber(), "Main phone number. Required unless every location has one."),
    # Printed on every leaflet and in its QR code (which must stay readable at 2.4 cm): short enough for both.
    Key("email", Email(max_length=80), "Contact email address."),
    Key("website", Url(max_length=100), "Website, http:// or https://."),
    Key("booking_url", Url(max_length=100), "Where patients book or ask for an appointment, http:// or https://."),
    Key(
        "routes",
        ListOf(Choice(ROUTES, "route"), unique=True),
        "How the clinic gives ketamine; at least one.",
        required=True,
    ),
    Key(
        "conditions",
        ListOf(Choice(CONDITIONS, "condition"), unique=True),
        "Conditions the clinic treats; a handout is built for each that has content.",
        default=("ptsd",),
    ),
    Key("languages", ListOf(Language(), unique=True), "Languages to build, as codes: en.", default=("en",)),
    Key("paper", Choice(PAPERS, "paper"), "Paper size for PDFs.", default="letter"),
    Key(
        "country",
        Country(),
        "Two-letter country code: the crisis lines the leaflets give, and how phone numbers without a + are read.",
        default="US",
    ),
    Key(
        "settings",
        ListOf(Choice(SETTINGS, "setting"), unique=True),
        "Where doses are given: clinic (at the clinic), clinician_home (a clinician gives the dose at the "
        "patient's home and stays), self_home (the patient takes doses at home). One of each at most.",
        default=("clinic",),
    ),
    Key(
        "nasal_spray",
        Choice(NASAL_SPRAYS, "nasal spray"),
        "With the intranasal route: the spray the clinic gives, esketamine (Spravato), compounded or both. "
        "Without it, leaflets tell patients to ask which spray they will get.",
    ),
    Key(
        "in_home",
        Bool(),
        "Replaced by settings. true is read as settings: [clinic, clinician_home]; write settings instead.",
        default=False,
    ),
    Key(
        "interpreter",
        Bool(),
        "The clinic arranges a medical interpreter for patients who ask; leaflets say so.",
        default=False,
    ),
    Key(
        "publish_url",
        Url(max_length=100),
        "Where the clinic publishes its leaflets' HTML (the folder <out>/<clinic-id>/ at that address); each "
        "handout's QR code then opens the handout's long guide there.",
    ),
    Key(
        "about",
        PerLanguage(Text(max_length=600)),
        "A short note about the clinic, shown as plain text; a blank line starts a new paragraph. Written once, "
        "it is in the clinic's first language; for leaflets in several, write one per language: "
        'about: {en: "...", es: "..."} (leaflet lint warns of a language without it).',
    ),
    Key(
        "locations",
        ListOf(LOCATION, unique="id", allow_empty=True),
        "The clinic's locations, each a mapping of the fields below.",
    ),
    Key("brand", BRAND, "Logo, colours and fonts."),
    Key(
        "medical_review",
        MEDICAL_REVIEW,
        "A clinician's sign-off of the leaflets' content for the clinic, printed on them while it holds: it lapses "
        f"after {SIGN_OFF_MONTHS} months or when the content changes (README, 'Medical review').",
    ),
)


def read_clinic(source: SourceFile) -> Clinic:
    """Walk a clinic file and build its Clinic; raise InvalidInput listing every problem in it."""
    walk = Walk(source)
    values: dict[str, Any] = CLINIC.walk(source.root, "", walk)
    values["id"] = values["id"] or _id_from_file_name(walk)
    _phone_or_every_location(values, walk)
    values["settings"] = _settings(values, walk)
    _text_languages(values)
    _spray_needs_intranasal(values, walk)
    walk.finish()
    del values["in_home"]  # read into settings
    signed: MedicalReview | None = values.pop("medical_review")
    clinic = Clinic(source=source.path, **values)
    return _signed_off(clinic, signed)


def _node(walk: Walk, key: str) -> Node | None:
    return walk.source.root.get(key)


def _id_from_file_name(walk: Walk) -> str:
    stem = walk.source.path.stem
    if ID.fullmatch(stem):
        return stem
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:ID_MAX] or "my-clinic"
    walk.problem(
        walk.source.root, "id", f"is missing and the file name {quoted(stem)} is not a valid id; add `id: {suggestion}`"
    )
    return suggestion


def _phone_or_every_location(values: dict[str, Any], walk: Walk) -> None:
    phone = _node(walk, "phone")
    phone_given = phone is not None and not is_empty(phone)  # a bad one is reported as bad, not missing
    locations: tuple[Location, ...] = values["locations"]
    if not phone_given and (not locations or any(location.phone is None for location in locations)):
        walk.problem(
            walk.source.root,
            "phone",
            'is missing; add the main number, e.g. phone: "505-555-0100" '
            "(it may be left out only when every location has its own phone)",
        )


def _settings(values: dict[str, Any], walk: Walk) -> tuple[str, ...]:
    """`settings`, or what the older `in_home: true` meant: the clinic's own staff also treat at home."""
    in_home = _node(walk, "in_home")
    written = _node(walk, "settings")
    if in_home is not None and written is not None:
        walk.problem(in_home, "in_home", "is replaced by settings, which this file has too: remove in_home")
    if values["in_home"] and written is None:
        return ("clinic", "clinician_home")
    settings: tuple[str, ...] = values["settings"]
    return settings


def _spray_needs_intranasal(values: dict[str, Any], walk: Walk) -> None:
    if values["nasal_spray"] and "intranasal" not in values["routes"]:
        walk.problem(
            _node(walk, "nasal_spray") or walk.source.root,
            "nasal_spray",
            "is only for a clinic that offers the intranasal route; add intranasal to routes or remove nasal_spray",
        )


def _text_languages(values: dict[str, Any]) -> None:
    """Text written once is in the clinic's first language; texts per language take the clinic's order of them.
    (Text in a language the clinic does not list is shown by no leaflet: `leaflet lint` warns of it.)"""
    languages: tuple[str, ...] = values["languages"]
    if not languages:  # none valid: that is reported already, and no clinic is built
        return
    if values["about"] is not None:
        values["about"] = values["about"].named(languages)
    values["locations"] = tuple(
        replace(location, hours=location.hours.named(languages)) if location.hours is not None else location
        for location in values["locations"]
    )


def _signed_off(clinic: Clinic, signed: MedicalReview | None) -> Clinic:
    """The clinic with its sign-off, and whether it has lapsed on the build's date (a warning, not a problem: the
    leaflets are built, saying that they have not yet been reviewed)."""
    if signed is None:
        return clinic
    lapsed = review.lapse(clinic, signed, clock.build_date())
    return replace(clinic, medical_review=replace(signed, lapsed=lapsed))
