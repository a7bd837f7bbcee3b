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
from pathlib import Path

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
# A condition as a leaflet names it when it has no handout of its own to say what it is: its name and a plain
# definition (abbreviations spelt out), and no promise about ketamine for it.
CONDITIONS_DEFINED = {
    "ptsd": N_("PTSD (post-traumatic stress disorder: fear and upsetting memories that last after a terrible event)"),
    "depression": N_("depression (low mood and loss of interest that last for weeks)"),
    "anxiety": N_("anxiety (worry or fear that is hard to control)"),
    "chronic_pain": N_("chronic pain (long-lasting pain)"),
    "ocd": N_("OCD (obsessive-compulsive disorder: unwanted thoughts and urges to repeat actions)"),
    "bipolar_depression": N_("bipolar depression (low mood in bipolar disorder)"),
    "postpartum_depression": N_("postpartum depression (depression around a birth)"),
    "suicidal_thoughts": N_("suicidal thoughts (thoughts of ending your life)"),
}


# What a screen reader says for a citation marker ("source 3").
SOURCE_LABEL = N_("source %(number)d")
# Every message the code itself puts on a page; the templates' are found in them (`interface_messages`).
PYTHON_MESSAGES = (*ROUTE_NAMES.values(), *CONDITION_NAMES.values(), *CONDITIONS_DEFINED.values(), SOURCE_LABEL)


def catalogue_path(language: str) -> Path:
    return resources.locale_dir() / language / "LC_MESSAGES" / "leaflet.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The catalog for `language`; English, and any language without a catalog, shows the message ids."""
    po_file = catalogue_path(language)
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


def interface_messages() -> frozenset[str]:
    """Every message id a leaflet may show: the templates' `_()` and `ngettext()` (the singular), and the code's.
    The same set `pybabel extract -F babel.cfg` finds (tests/test_i18n.py compares)."""
    from babel.messages.extract import extract_from_dir

    options = {"**.j2": {"extensions": "jinja2.ext.i18n"}}
    found = extract_from_dir(str(resources.templates_dir()), [("**.j2", "jinja2")], options)
    return frozenset(m if isinstance(m, str) else m[0] for _, _, m, _, _ in found) | frozenset(PYTHON_MESSAGES)


def untranslated(language: str) -> list[str]:
    """The messages `language`'s catalogue does not translate (missing, empty or fuzzy): they print in English.
    Every message when the language has no catalogue."""
    from babel.messages.pofile import read_po

    path = catalogue_path(language)
    if not path.is_file():
        return sorted(interface_messages())
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    missing = []
    for message_id in sorted(interface_messages()):
        message = catalog.get(message_id)
        if message is None or message.fuzzy or not all(_strings(message.string)):
            missing.append(message_id)
    return missing


def _strings(value: object) -> tuple[object, ...]:
    """A message's translation as a tuple: one string, or one per plural form."""
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def long_date(day: date, language: str) -> str:
    """A date the way readers of `language` write it: "November 15, 2026", "15 de noviembre de 2026"."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=language)


def language_name(language: str) -> str:
    """A language's name in English, for messages to the person at the terminal: "es" -> "Spanish"."""
    from babel import Locale

    return Locale.parse(language).get_language_name("en") or language
