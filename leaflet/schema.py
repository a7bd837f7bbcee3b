"""The clinic file's words and limits (routes, conditions, papers, ...), and its reference for `leaflet schema`.

Each field is declared once, in leaflet.spec.clinic: the walk checks files against that declaration, and
`reference_markdown` prints it as the reference in the README, so the documentation and the checks cannot
drift apart.
"""

from __future__ import annotations

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


def reference_markdown() -> str:
    """The clinic file reference as a Markdown table, for the README and `leaflet schema`: the declarations the
    walk checks files against (leaflet.spec.clinic)."""
    from leaflet.render.assets import FONT_FACES
    from leaflet.spec.clinic import CLINIC
    from leaflet.spec.kinds import flatten

    rows = ["| field | default | limits | what it is |", "| --- | --- | --- | --- |"]
    for path, key in flatten(CLINIC).items():
        choices = key.kind.choices()
        allowed = f" One of: {', '.join(choices)}." if choices else ""
        rows.append(f"| `{path}` | {key.describe_default()} | {key.kind.limits()} | {key.doc}{allowed} |")
    scripts = ", ".join(dict.fromkeys(face.covers for face in FONT_FACES))
    rows.append("")
    rows.append(f"Text (names, addresses, hours, `about`) may use the characters the leaflet's fonts have: {scripts}.")
    return "\n".join(rows)
