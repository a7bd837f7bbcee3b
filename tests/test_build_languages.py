"""Leaflets in a second language: Spanish outputs beside the English ones, marked `es` in the HTML and the PDF,
with the interface words, the crisis lines and dates in Spanish; `--lang` limits a build to some languages; the
interpreter line. The real Spanish content comes from its writers: these tests use a copy of the English content
as a stand-in `es` tree (never committed), so they test the machinery, not the translation."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import leaflet_exit
from pdf_measure import page_texts
from playwright.sync_api import Page
from test_accessibility import axe_page, axe_violations, describe

from leaflet import content, crisis, i18n, load_clinic, resources, translation
from leaflet.batch import BuildOptions, build_clinics, plan_jobs
from leaflet.documents import KINDS
from leaflet.model import Clinic
from leaflet.render import html

__all__ = ["axe_page"]  # the fixture, used here by name
CACHED = (
    content.available_languages,
    content.conditions_with_content,
    content.shared_content,
    content.condition_content,
    content.brochure_content,
    crisis.supported_countries,
    crisis._read,
    i18n.translations,
    html.environment,
    translation.warnings,
)
CLINIC = """\
name: Clínica Esperanza
id: esperanza
phone: "505-639-4973"
website: https://esperanza.org
routes: [iv, intranasal]
conditions: [ptsd]
languages: [en, es]
interpreter: true
locations:
  - id: centro
    name: Centro
    city: Albuquerque
"""


def clear_caches() -> None:
    for cached in CACHED:
        cached.cache_clear()


@pytest.fixture(scope="module")
def with_spanish(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the shipped data whose English PTSD title has changed since the Spanish was translated from it;
    yields a folder to work in."""
    folder = tmp_path_factory.mktemp("spanish")
    data = folder / "data"
    shutil.copytree(resources.data_dir(), data)
    english = data / "content" / "en" / "ptsd.yaml"
    text = english.read_text(encoding="utf-8")
    changed = text.replace("title: Ketamine therapy for PTSD", "title: Ketamine for PTSD", 1)
    english.write_text(changed, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(resources, "data_dir", lambda: data)
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        clear_caches()
        yield folder
    clear_caches()


@pytest.fixture(scope="module")
def built(with_spanish: Path) -> Path:
    source = with_spanish / "esperanza.yaml"
    source.write_text(CLINIC, encoding="utf-8")
    out = with_spanish / "out"
    report = build_clinics([load_clinic(source)], out, BuildOptions(jobs=0, gallery=False))
    assert not report.failed, report.failed
    return out / "esperanza"


NAMES = ("ptsd", "ptsd.guide", "brochure.centro")


@pytest.mark.parametrize("name", NAMES)
def test_a_spanish_pdf_and_html_beside_each_english_one(built: Path, name: str) -> None:
    for language in ("en", "es"):
        assert (built / f"{name}.{language}.pdf").is_file() and (built / f"{name}.{language}.html").is_file()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("language", ["en", "es"])
def test_each_output_is_marked_with_its_language(built: Path, name: str, language: str) -> None:
    page = (built / f"{name}.{language}.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in page
    with pikepdf.open(built / f"{name}.{language}.pdf") as pdf:
        assert str(pdf.Root.Lang) == language


def test_the_spanish_handout_has_spanish_words_crisis_lines_and_page_counter(built: Path) -> None:
    pages = page_texts(built / "ptsd.es.pdf")
    first = " ".join(pages[0].split())
    assert "¿Está en crisis? Pida ayuda ahora" in first
    assert "Llame al 988 y marque 2 para español" in first and "envíe AYUDA" in first
    assert "Línea de Crisis para Veteranos" in first and "marque 1" in first and "llame al 911" in first
    assert "Página 1 de 2" in first and "Página 2 de 2" in " ".join(pages[1].split())
    every = " ".join(" ".join(pages).split())
    assert "In crisis? Get help now" not in every and "Page 1 of 2" not in every
    assert "Puede pedirnos un intérprete médico." in every
    assert "Datos de contacto" in every and "Fuentes" in every


def test_the_spanish_guide_gives_its_dates_the_spanish_way(built: Path) -> None:
    page = (built / "ptsd.guide.es.html").read_text(encoding="utf-8")
    written = content.condition_content("es", "ptsd").review.reviewed
    assert i18n.long_date(written, "es") in page and " de 20" in i18n.long_date(written, "es")
    assert "Cómo comunicarse con" in page and "Puede pedirnos un intérprete médico." in page


@pytest.mark.browser
def test_axe_finds_nothing_in_the_spanish_html(built: Path, axe_page: Page) -> None:
    reports = [
        describe(path.name, found)
        for path in sorted(built.glob("*.es.html"))
        if (found := axe_violations(axe_page, path))
    ]
    assert len(list(built.glob("*.es.html"))) == len(NAMES) and reports == []


def test_the_english_handout_stays_english(built: Path) -> None:
    every = " ".join(" ".join(page_texts(built / "ptsd.en.pdf")).split())
    assert "In crisis? Get help now" in every and "You can ask us for a medical interpreter." in every
    assert "Página" not in every


def test_a_clinic_in_english_only_gets_no_spanish(with_spanish: Path) -> None:
    clinic_file = with_spanish / "english.yaml"
    clinic_file.write_text(CLINIC.replace("languages: [en, es]", "languages: [en]").replace("esperanza", "english"))
    assert {job.language for job in plan_jobs([load_clinic(clinic_file)])} == {"en"}


def made(clinic: Clinic, kind: str, language: str) -> str:
    topic = "ptsd" if KINDS[kind].scope == "condition" else (clinic.locations[0].id if clinic.locations else None)
    viewed = KINDS[kind].view(clinic, topic)
    return html.render_html(KINDS[kind].make(viewed, topic, language), viewed)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_interpreter_line_only_when_the_clinic_has_one(with_spanish: Path, kind: str) -> None:
    source = with_spanish / "esperanza.yaml"
    source.write_text(CLINIC, encoding="utf-8")
    clinic = load_clinic(source)
    assert made(clinic, kind, "es").count('data-interpreter="yes"') == 1
    assert "You can ask us for a medical interpreter." in made(clinic, kind, "en")
    without = with_spanish / "without.yaml"
    without.write_text(CLINIC.replace("interpreter: true\n", ""), encoding="utf-8")
    for language in ("en", "es"):
        assert "interpreter" not in made(load_clinic(without), kind, language)


def test_lang_builds_only_that_language_and_notes_a_clinic_without_it(
    with_spanish: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = with_spanish / "clinics"
    folder.mkdir()
    (folder / "esperanza.yaml").write_text(CLINIC, encoding="utf-8")
    english = CLINIC.replace("languages: [en, es]", "languages: [en]").replace("esperanza", "english")
    (folder / "english.yaml").write_text(english, encoding="utf-8")
    out = with_spanish / "lang-out"
    args = ("build", str(folder), "--out", str(out), "-j", "0", "--kind", "handout", "--no-lint")
    assert leaflet_exit(monkeypatch, *args, "--lang", "es") == 0
    assert sorted(p.name for p in (out / "esperanza").glob("ptsd.*")) == ["ptsd.es.html", "ptsd.es.pdf"]
    assert not (out / "english").exists() or not list((out / "english").glob("*.pdf"))
    err = capsys.readouterr().err
    assert f"note: {folder / 'english.yaml'}: skipped es: the clinic lists en" in err
    # The English title changed since: the build says the Spanish may be older, never silently.
    assert "warning: esperanza: the es text of ptsd.yaml may be older than its English (title):" in err
    assert leaflet_exit(monkeypatch, *args, "--lang", "en,es", "--prune") == 0
    assert (out / "esperanza" / "ptsd.en.pdf").is_file() and (out / "english" / "ptsd.en.pdf").is_file()
    assert leaflet_exit(monkeypatch, *args, "--lang", "en", "--prune") == 0  # leaves the Spanish alone
    assert (out / "esperanza" / "ptsd.es.pdf").is_file()


@pytest.mark.parametrize("value", ["fr", "es,xx", ","])
def test_an_unknown_language_is_a_usage_error(
    with_spanish: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    out = with_spanish / "unknown-out"
    assert leaflet_exit(monkeypatch, "build", "--lang", value, "--out", str(out)) == 2
    assert "languages available: en, es" in capsys.readouterr().err
    assert not out.exists()
