"""The words leaflet puts around the content: every message in the code and templates has a translation in every
catalogue, no English is left outside a message in a leaflet's template, and dates are the reader's way."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from leaflet import i18n, resources
from leaflet.content import available_languages

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(resources.locale_dir().glob("*/LC_MESSAGES/leaflet.po"))
LANGUAGES = [path.parent.parent.name for path in CATALOGUES]
# Templates of leaflets a patient reads; gallery.html.j2 is the build's index for clinic staff, in English.
LEAFLET_TEMPLATES = sorted(p for p in resources.templates_dir().glob("*.j2") if p.name != "gallery.html.j2")
_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_WORD = re.compile(r"[^\W\d_]{2,}")


def extracted() -> set[str]:
    """The message ids `pybabel extract -F babel.cfg` finds (templates with Jinja2's extractor, the code's _/N_)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(ROOT, method_map, options_map)
    }


def catalogue(language: str) -> Catalog:
    with (resources.locale_dir() / language / "LC_MESSAGES" / "leaflet.po").open("rb") as stream:
        return read_po(stream, locale=language)


def test_there_is_a_spanish_catalogue() -> None:
    assert "es" in LANGUAGES


def test_the_extraction_finds_the_templates_and_the_code() -> None:
    ids = extracted()
    assert {"Page {page} of {pages}", "In crisis? Get help now", "IV infusion", "source %(number)d"} <= ids
    assert "You can ask us for a medical interpreter." in ids


def test_the_interface_messages_are_what_pybabel_extracts() -> None:
    """leaflet.i18n finds the messages without babel.cfg (an installed leaflet has none): the same ones."""
    assert i18n.interface_messages() == extracted()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_translation(language: str) -> None:
    assert i18n.untranslated(language) == []


def test_a_message_missing_from_a_catalogue_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    catalog = catalogue("es")
    catalog.delete("Sources")
    catalog["Hours"].flags.add("fuzzy")
    path = tmp_path / "es" / "LC_MESSAGES" / "leaflet.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as stream:
        write_po(stream, catalog)
    monkeypatch.setattr(resources, "locale_dir", lambda: tmp_path)
    assert i18n.untranslated("es") == ["Hours", "Sources"]
    assert i18n.untranslated("fr") == sorted(i18n.interface_messages())  # no catalogue at all


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_its_placeholders(language: str) -> None:
    problems = [(message.id, errors) for message, errors in catalogue(language).check() if errors]
    assert problems == []


def test_every_language_a_clinic_can_choose_has_a_catalogue() -> None:
    assert [language for language in available_languages() if language != "en" and language not in LANGUAGES] == []


class _Text(HTMLParser):
    """The words a reader would see that are written in a template itself, outside any message."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        self.words += [f"{name}={value}" for name, value in attrs if name in ("alt", "aria-label", "title") and value]

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style and _WORD.search(data):
            self.words.append(data.strip())


@pytest.mark.parametrize("template", LEAFLET_TEMPLATES, ids=lambda p: p.name)
def test_no_english_is_left_outside_a_message(template: Path) -> None:
    reader = _Text()
    reader.feed(_JINJA.sub("", template.read_text(encoding="utf-8")))
    assert reader.words == []


def test_the_css_writes_no_words() -> None:
    """Words in a stylesheet's `content:` (a page counter) could not be translated: they come from the templates."""
    for sheet in sorted((resources.templates_dir() / "css").glob("*.css")):
        assert re.findall(r"content:\s*\"[^\"]*[^\W\d_]{2,}", sheet.read_text(encoding="utf-8")) == [], sheet.name


def test_spanish_dates_and_page_counter() -> None:
    assert i18n.long_date(date(2026, 3, 5), "es") == "5 de marzo de 2026"
    assert i18n.translations("es").gettext("Page {page} of {pages}") == "Página {page} de {pages}"
    assert i18n.translations("es").ngettext("Location", "Locations", 2) == "Ubicaciones"
