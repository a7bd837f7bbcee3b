"""The clinic file's schema, declared once: every field, its kind, default and a one-line description.

The validator walks a file against these declarations, and `leaflet schema` prints them as the reference in
the README, so the documentation and the checks cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1

ROUTES = ("iv", "intranasal", "intramuscular", "oral")
# Conditions a clinic may list. A handout is built for those that have content in data/content/<lang>/;
# the others are known words (so a typo is caught) that the contact block names as "also offers ketamine for".
CONDITIONS = (
    "ptsd",
    "depression",
    "anxiety",
    "chronic_pain",
    "ocd",
    "bipolar_depression",
    "postpartum_depression",
    "suicidal_thoughts",
)
PAPERS = ("letter", "a4")
# Where a dose is given, and who is there: each reads differently to a patient (who watches you, how you get home).
SETTINGS = ("clinic", "clinician_home", "self_home")
# Which nasal spray a clinic offering `intranasal` gives: the FDA-approved esketamine (Spravato), a compounded
# ketamine spray, or both. The leaflet must never let a compounded spray pass for Spravato.
NASAL_SPRAYS = ("esketamine", "compounded", "both")
REVIEWER_MAX = 120  # a reviewer's name and role, printed in the review line of every leaflet they reviewed
SIGN_OFF_MONTHS = 24  # a clinic's medical sign-off lapses this long after it was made (see leaflet.review)
# Hex digits of the hash of the content a sign-off covered: short enough to copy into a clinic file, long enough
# that no edit goes unseen.
CONTENT_HASH_LENGTH = 16
ID_MAX = 64  # an id names a folder and a file: short, and the same on every file system


@dataclass(frozen=True)
class Field:
    """One key of a clinic file."""

    name: str
    kind: str  # a key of leaflet.fields.CHECKERS, or "mapping" / "locations"
    doc: str
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()
    max_length: int = 200
    fields: tuple[Field, ...] = ()  # for "mapping" and "locations": the nested fields

    def describe_default(self) -> str:
        if self.required:
            return "required"
        if self.default is None or self.default == ():
            return "optional"
        if isinstance(self.default, tuple):
            return "[" + ", ".join(self.default) + "]"
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)


LOCATION_FIELDS = (
    Field(
        "id", "id", "Short name for the location, used in file names: a-z, 0-9 and -.", required=True, max_length=ID_MAX
    ),
    Field("name", "line", "The location's name as patients know it.", required=True, max_length=120),
    Field("address", "line", "Street address.", max_length=200),
    Field("city", "line", "City or town.", max_length=80),
    Field("region", "line", "State, county or region.", max_length=80),
    Field("postal_code", "line", "ZIP or postal code, quoted.", max_length=20),
    Field("phone", "phone", "The location's own phone number, if it has one."),
    Field(
        "hours",
        "line",
        'Opening hours as patients should read them, e.g. "Mon-Fri 9:00-17:00".',
        max_length=120,
    ),
)

BRAND_FIELDS = (
    Field("logo", "logo", "Logo file inside the clinic file's folder: .svg, .png or .jpg."),
    Field(
        "primary_color",
        "color",
        'Headings and bands, quoted: "#2a6f97". Darkened where needed to keep 4.5:1 contrast with white.',
        default="#2a6f97",
    ),
    Field("accent_color", "color", 'Rules and highlights, quoted: "#f4a261".', default="#f4a261"),
    Field(
        "font",
        "font",
        "The text's typeface: a family shipped with leaflet, or a font file inside the clinic file's folder "
        "(.ttf, .otf, .woff, .woff2) with every character the leaflets show. A static file needs its bold as "
        "font_bold; a variable font's weight axis gives it.",
        default="Atkinson Hyperlegible",
    ),
    Field("font_bold", "font_bold", "With a static font file in font: the file of its bold face."),
    Field(
        "heading_font",
        "font",
        "The typeface of headings and the clinic's name, like font; a file is one face, used for every heading. "
        "Default: font.",
    ),
)

MEDICAL_REVIEW_FIELDS = (
    Field(
        "by",
        "line",
        'Who reviewed it: a name and role, "Dr Jane Doe, medical director".',
        required=True,
        max_length=REVIEWER_MAX,
    ),
    Field("on", "date", "The day the review was done, YYYY-MM-DD.", required=True),
    Field(
        "content",
        "hash",
        "The hash `leaflet review-hash` printed for this clinic when the review was done: what was reviewed.",
        required=True,
    ),
)

CLINIC_FIELDS = (
    Field("name", "line", "The clinic's name as it appears on every leaflet.", required=True, max_length=120),
    Field(
        "id", "id", "Short name used for the output folder: a-z, 0-9 and -. Default: the file name.", max_length=ID_MAX
    ),
    Field("phone", "phone", "Main phone number. Required unless every location has one."),
    # Printed on every leaflet and in its QR code (which must stay readable at 2.4 cm): short enough for both.
    Field("email", "email", "Contact email address.", max_length=80),
    Field("website", "url", "Website, http:// or https://.", max_length=100),
    Field(
        "booking_url",
        "url",
        "Where patients book or ask for an appointment, http:// or https://.",
        max_length=100,
    ),
    Field("routes", "choices", "How the clinic gives ketamine; at least one.", required=True, choices=ROUTES),
    Field(
        "conditions",
        "choices",
        "Conditions the clinic treats; a handout is built for each that has content.",
        default=("ptsd",),
        choices=CONDITIONS,
    ),
    Field("languages", "languages", "Languages to build, as codes: en.", default=("en",)),
    Field("paper", "choice", "Paper size for PDFs.", default="letter", choices=PAPERS),
    Field(
        "country",
        "country",
        "Two-letter country code: the crisis lines the leaflets give, and how phone numbers without a + are read.",
        default="US",
    ),
    Field(
        "settings",
        "choices",
        "Where doses are given: clinic (at the clinic), clinician_home (a clinician gives the dose at the "
        "patient's home and stays), self_home (the patient takes doses at home). One of each at most.",
        default=("clinic",),
        choices=SETTINGS,
    ),
    Field(
        "nasal_spray",
        "choice",
        "With the intranasal route: the spray the clinic gives, esketamine (Spravato), compounded or both. "
        "Without it, leaflets tell patients to ask which spray they will get.",
        choices=NASAL_SPRAYS,
    ),
    Field(
        "in_home",
        "bool",
        "Replaced by settings. true is read as settings: [clinic, clinician_home]; write settings instead.",
        default=False,
    ),
    Field(
        "publish_url",
        "url",
        "Where the clinic publishes its leaflets' HTML (the folder <out>/<clinic-id>/ at that address); each "
        "handout's QR code then opens the handout's long guide there.",
        max_length=100,
    ),
    Field(
        "about",
        "text",
        "A short note about the clinic, shown as plain text; a blank line starts a new paragraph.",
        max_length=600,
    ),
    Field(
        "locations",
        "locations",
        "The clinic's locations, each a mapping of the fields below.",
        fields=LOCATION_FIELDS,
    ),
    Field("brand", "mapping", "Logo, colours and fonts.", fields=BRAND_FIELDS),
    Field(
        "medical_review",
        "mapping",
        "A clinician's sign-off of the leaflets' content for the clinic, printed on them while it holds: it lapses "
        f"after {SIGN_OFF_MONTHS} months or when the content changes (README, 'Medical review').",
        fields=MEDICAL_REVIEW_FIELDS,
    ),
)


def limits(field: Field) -> str:
    """What a field's value may be, in words, from the declarations its checks read."""
    from leaflet import crisis, logos  # imported on first use: `leaflet schema` only
    from leaflet.fonts.checks import shipped_families
    from leaflet.fonts.files import MAX_FONT_BYTES

    pixels = f"{logos.MAX_PIXELS // 1_000_000} million pixels"
    by_kind = {
        "line": f"one line, at most {field.max_length} characters",
        "text": f"at most {field.max_length} characters",
        "id": f"at most {field.max_length} characters",
        "email": f"at most {field.max_length} characters",
        "url": f"at most {field.max_length} characters",
        "date": "YYYY-MM-DD, not after the build's date",
        "hash": f"{CONTENT_HASH_LENGTH} hex digits",
        "country": f"one with crisis lines: {', '.join(crisis.supported_countries())}",
        "font": f"{', '.join(shipped_families())}; or a file at most {MAX_FONT_BYTES // (1024 * 1024)} MiB",
        "font_bold": f"a file at most {MAX_FONT_BYTES // (1024 * 1024)} MiB",
        "logo": f"SVG at most {logos.format_size(logos.MAX_SVG_BYTES)}; "
        f"PNG or JPEG at most {logos.format_size(logos.MAX_RASTER_BYTES)} and {pixels}",
    }
    return by_kind.get(field.kind, "-")


def reference_markdown() -> str:
    """The clinic file reference as a Markdown table, for the README and `leaflet schema`."""
    from leaflet.render.assets import FONT_FACES

    rows = ["| field | default | limits | what it is |", "| --- | --- | --- | --- |"]

    def add(fields: tuple[Field, ...], prefix: str) -> None:
        for field in fields:
            allowed = f" One of: {', '.join(field.choices)}." if field.choices else ""
            rows.append(
                f"| `{prefix}{field.name}` | {field.describe_default()} | {limits(field)} | {field.doc}{allowed} |"
            )
            if field.fields:
                add(field.fields, f"{prefix}{field.name}{'[].' if field.kind == 'locations' else '.'}")

    add(CLINIC_FIELDS, "")
    scripts = ", ".join(dict.fromkeys(face.covers for face in FONT_FACES))
    rows.append("")
    rows.append(f"Text (names, addresses, hours, `about`) may use the characters the leaflet's fonts have: {scripts}.")
    return "\n".join(rows)
