"""Translation of the words leaflet itself puts on a page (labels, headings, route names) and local dates.

The educational content is translated as whole files in data/content/<lang>/. The words in templates and in
this package are English message ids, translated by a gettext catalog data/locale/<lang>/LC_MESSAGES/leaflet.po
(read with Babel, so no compiled .mo files are kept). English needs no catalog.
"""

from __future__ import annotations

import gettext
import io
from datetime import date
from functools import cache

from leaflet import resources

# Babel is imported where it is used: planning a build (a no-op rebuild) translates nothing.


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (it is translated where it is shown)."""
    return message


ROUTE_NAMES = {
    "iv": N_("IV infusion"),
    "intranasal": N_("nasal spray"),
    "intramuscular": N_("injection into a muscle"),
    "oral": N_("tablets or lozenges by mouth"),
}
CONDITION_NAMES = {
    "ptsd": N_("PTSD"),
    "depression": N_("depression"),
    "anxiety": N_("anxiety"),
    "chronic_pain": N_("chronic pain"),
    "ocd": N_("OCD"),
    "bipolar_depression": N_("bipolar depression"),
    "postpartum_depression": N_("postpartum depression"),
    "suicidal_thoughts": N_("suicidal thoughts"),
}


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog for `language`; English, and any language without a catalog, shows the message ids."""
    po_file = resources.locale_dir() / language / "LC_MESSAGES" / "leaflet.po"
    if not po_file.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def long_date(day: date, language: str) -> str:
    """A date the way readers of `language` write it: "November 15, 2026", "15 de noviembre de 2026"."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=language)
