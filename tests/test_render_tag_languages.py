"""A clinic's text in another language than the leaflet's is declared in the PDF's tags (PDF/UA-1, 7.2), read back
as a screen reader gets it: the structure elements with a /Lang and the text their marked content shows."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pikepdf
import pytest
from conftest import GS_CMYK, ROOT, WriteClinic
from pdf_measure import languages_of_tagged_text

from leaflet import load_clinic
from leaflet.documents import KINDS
from leaflet.model import Clinic
from leaflet.render import tag_languages
from leaflet.render.html import render_html
from leaflet.render.pdf import render_pdf, verdict
from leaflet.render.print_ready import PrintSetup, render_print_pdf

pytestmark = pytest.mark.slow

ABOUT = "Founded by two emergency physicians."
HOURS = "Mon-Fri 9:00-17:00"


@pytest.fixture
def english_only(write_clinic: WriteClinic) -> Clinic:
    """A clinic that lists Spanish but wrote its `about` and hours in English only."""
    return load_clinic(
        write_clinic(
            f"""
            name: Two Languages
            phone: "505-639-4973"
            routes: [iv]
            languages: [en, es]
            about: "{ABOUT}"
            locations:
              - id: main
                name: Main
                hours: "{HOURS}"
            """
        )
    )


def html_of(clinic: Clinic, kind: str, language: str) -> str:
    topic = None if kind == "brochure" else "ptsd"
    return render_html(KINDS[kind].make(KINDS[kind].view(clinic, topic), topic, language), clinic)


def pdf_of(html: str, tmp_path: Path) -> Path:
    path = tmp_path / "leaflet.pdf"
    path.write_bytes(render_pdf(html))
    return path


@pytest.mark.parametrize(("kind", "expected"), [("guide", [ABOUT, HOURS]), ("brochure", [HOURS])])
def test_english_text_on_a_spanish_leaflet_is_declared_english_and_nothing_else_is(
    english_only: Clinic, tmp_path: Path, kind: str, expected: list[str]
) -> None:
    pdf = pdf_of(html_of(english_only, kind, "es"), tmp_path)
    assert languages_of_tagged_text(pdf) == [("en", text) for text in expected]


def test_a_pdf_x_print_file_declares_it_too(english_only: Clinic, tmp_path: Path) -> None:
    # Its finisher (sRGB, a stable DocumentID) runs after the one that declares the language.
    setup = PrintSetup(profile=GS_CMYK)
    pdf = tmp_path / "brochure.print.pdf"
    pdf.write_bytes(render_print_pdf(html_of(english_only, "brochure", "es"), None, setup))
    assert languages_of_tagged_text(pdf) == [("en", HOURS)]
    with pikepdf.open(pdf) as printed:
        assert "/GTS_PDFX" in str(printed.Root.OutputIntents[0].S)


def test_a_leaflet_in_one_language_declares_none_but_its_own(english_only: Clinic, tmp_path: Path) -> None:
    html = html_of(english_only, "guide", "en")
    assert not tag_languages.has_other_language(html)
    assert languages_of_tagged_text(pdf_of(html, tmp_path)) == []


def test_right_to_left_clinic_text_in_the_leaflets_language_is_not_declared_another(tmp_path: Path) -> None:
    # Hebrew names and hours on an English leaflet: isolated for their direction (<bdi>), with no language of their
    # own to declare (the clinic wrote them in no language it lists).
    hebrew = load_clinic(ROOT / "tests" / "clinics" / "extreme" / "hebrew" / "clinic.yaml")
    html = html_of(hebrew, "brochure", "en")
    assert "<bdi>" in html and not tag_languages.has_other_language(html)


def test_when_the_tags_do_not_match_the_text_nothing_is_declared_and_the_build_is_told(
    english_only: Clinic, caplog: pytest.LogCaptureFixture
) -> None:
    # Stands in for a WeasyPrint that tags text otherwise: one text element more than there are pieces of text.
    import pydyf
    import weasyprint

    marked: list[Any] = []

    def one_element_more(document: Any, pdf: Any) -> None:
        pdf.add_object(pydyf.Dictionary({"Type": "/StructElem", "S": "/Span", "K": pydyf.Array([999])}))
        tag_languages.mark_other_languages(document, pdf)
        marked.extend(element for element in tag_languages.text_elements(pdf) if "Lang" in element)

    document = weasyprint.HTML(string=html_of(english_only, "brochure", "es")).render(pdf_tags=True)
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        document.write_pdf(finisher=one_element_more, pdf_tags=True)
    [message] = [record.getMessage() for record in caplog.records]
    assert message.startswith(tag_languages.NOT_MARKED)
    assert verdict(message) == "notice"  # the leaflet is built; the warning reaches the terminal
    assert marked == []


def test_boxes_this_walk_does_not_know_declare_nothing_and_the_build_is_told(caplog: pytest.LogCaptureFixture) -> None:
    # Stands in for a WeasyPrint whose pages keep their boxes elsewhere: the PDF is left as WeasyPrint made it.
    document = SimpleNamespace(pages=[SimpleNamespace()])
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        tag_languages.mark_other_languages(document, pdf=None)
    [message] = [record.getMessage() for record in caplog.records]
    assert message.startswith(tag_languages.NOT_MARKED) and "_page_box" in message
