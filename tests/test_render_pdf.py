"""The PDF leaflet, checked by what a reader and a screen reader get: page size, text, tags, fonts, text size."""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pikepdf
import pypdf
import pytest
from conftest import SAMPLE_IDS, Built

from leaflet.documents import KINDS
from leaflet.errors import RenderFailed
from leaflet.render.html import render_html
from leaflet.render.pdf import failing_on_holes, render_pdf, verdict

handout = KINDS["handout"].make

pytestmark = pytest.mark.slow

LETTER = (612, 792)
A4 = (595, 842)
MIN_BODY_PT = 10.0
MIN_ANY_PT = 9.0
ATKINSON_SUBSET = re.compile(r"/[A-Z]{6}\+Atkinson-Hyperlegible(?:-Bold|-Italic|-BoldItalic)?")


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its font's name and its size in points on the page."""

    text: str
    font: str
    size: float


@cache
def reader(path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(path)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in reader(path).pages]


def runs(path: Path) -> list[Run]:
    """Every non-blank text run of the PDF with its effective size: the Tf size scaled by the text matrix and the
    current transformation matrix (WeasyPrint draws in CSS px inside a 0.75 scale)."""
    found: list[Run] = []
    for page in reader(path).pages:

        def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
            if text.strip() and font is not None:
                scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
                found.append(Run(text.strip(), str(font.get("/BaseFont")), size * scale))

        page.extract_text(visitor_text=visit)
    return found


def fonts(path: Path) -> dict[str, bool]:
    """Every font the PDF's pages use (and the forms drawn on them), by base font name, and whether its font program
    is embedded."""
    found: dict[str, bool] = {}

    def collect(resources: pikepdf.Dictionary, depth: int = 0) -> None:
        for font in resources.get("/Font", {}).values():
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0] if descendants is not None else font).get("/FontDescriptor")
            programs = ("/FontFile", "/FontFile2", "/FontFile3")
            found[str(font.BaseFont)] = descriptor is not None and any(k in descriptor for k in programs)
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject and depth < 8:
                collect(xobject.Resources, depth + 1)

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            collect(page.Resources)
    return found


def structure_types(node: object) -> Counter[str]:
    """How many structure elements of each type (/H1, /P, ...) the structure tree under `node` holds."""
    found = Counter[str]()
    if isinstance(node, pikepdf.Array):
        for kid in node:
            found += structure_types(kid)
    elif isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found[str(node.S)] += 1
        if "/K" in node:
            found += structure_types(node.K)
    return found


# -- page size --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_letter_page_size(built_samples: Built, clinic_id: str) -> None:
    pages = reader(built_samples.path(clinic_id, "pdf")).pages
    assert len(pages) >= 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {LETTER}


def test_a4_page_size(built_fixtures: Built) -> None:
    pages = reader(built_fixtures.path("harbour-a4", "pdf")).pages
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {A4}


# -- text ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_every_page_names_the_clinic_and_its_phone(built_samples: Built, clinic_id: str) -> None:
    clinic = built_samples.clinics[clinic_id]
    texts = page_texts(built_samples.path(clinic_id, "pdf"))
    for number, text in enumerate(texts, start=1):
        flat = " ".join(text.split())
        assert clinic.name in flat, f"page {number}"
        assert clinic.main_phone.display in flat, f"page {number}"
        assert f"Page {number} of {len(texts)}" in flat


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_footer_reads_name_dot_phone(built_samples: Built, clinic_id: str) -> None:
    clinic = built_samples.clinics[clinic_id]
    footer = f"{clinic.name} · {clinic.main_phone.display}"
    footers = [run.text for run in runs(built_samples.path(clinic_id, "pdf")) if run.text == footer]
    assert len(footers) == len(reader(built_samples.path(clinic_id, "pdf")).pages)


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_crisis_lines_and_off_label_are_in_the_text(built_samples: Built, clinic_id: str) -> None:
    text = " ".join(" ".join(page_texts(built_samples.path(clinic_id, "pdf"))).split())
    assert re.search(r"\b988\b", text)
    assert re.search(r"\b911\b", text)
    assert "off-label" in text


def test_hostile_clinic_text_is_printed_as_text(built_fixtures: Built) -> None:
    text = " ".join(" ".join(page_texts(built_fixtures.path("hostile-text", "pdf"))).split())
    assert 'Clinic "A" </style><script>alert(1)</script> & Co' in text
    assert "<script>alert(1)</script>" in text


# -- tags and metadata ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_pdf_is_tagged_with_its_language(built_samples: Built, clinic_id: str) -> None:
    with pikepdf.open(built_samples.path(clinic_id, "pdf")) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        tags = structure_types(root.StructTreeRoot.K)
        assert tags["/Document"] == 1
        assert tags["/H1"] == 1
        assert min(tags["/H2"], tags["/P"], tags["/L"], tags["/LI"], tags["/Link"]) > 0
        assert str(root.Lang) == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"
        title = str(pdf.docinfo.Title)
        assert title == f"Ketamine therapy for PTSD · {built_samples.clinics[clinic_id].name}"


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_no_attachments_or_scripts(built_samples: Built, clinic_id: str) -> None:
    with pikepdf.open(built_samples.path(clinic_id, "pdf")) as pdf:
        names = pdf.Root.get("/Names", pikepdf.Dictionary())
        assert "/EmbeddedFiles" not in names
        assert "/JavaScript" not in names
        assert "/OpenAction" not in pdf.Root
        assert "/AF" not in pdf.Root
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                assert annotation.get("/Subtype") != "/FileAttachment"


# -- fonts and sizes ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("clinic_id", ["harbour-a4", "all-routes", "hostile-text"])
def test_fonts_are_embedded_atkinson_hyperlegible_subsets(built_fixtures: Built, clinic_id: str) -> None:
    used = fonts(built_fixtures.path(clinic_id, "pdf"))
    assert used
    for name, embedded in used.items():
        assert embedded, name
        assert ATKINSON_SUBSET.fullmatch(name), name


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_sample_fonts_are_embedded_subsets(built_samples: Built, clinic_id: str) -> None:
    for name, embedded in fonts(built_samples.path(clinic_id, "pdf")).items():
        assert embedded, name
        assert re.fullmatch(r"/[A-Z]{6}\+\S+", name), f"{name} is not a subset"


def test_sample_pdfs_use_only_the_shipped_font(built_samples: Built) -> None:
    for clinic_id in SAMPLE_IDS:
        for name in fonts(built_samples.path(clinic_id, "pdf")):
            assert ATKINSON_SUBSET.fullmatch(name), f"{clinic_id}: {name}"


def is_citation_marker(run: Run) -> bool:
    return run.text.isdigit() and run.size < MIN_ANY_PT


@pytest.mark.parametrize("clinic_id", ["harbour-a4", "all-routes"])
def test_body_text_is_at_least_10_pt(built_fixtures: Built, clinic_id: str) -> None:
    """Measured in the PDF (pypdf's text visitor: Tf size × text matrix × CTM), not read from the CSS. Body text
    is the size most of the characters are set in."""
    by_size = Counter[float]()
    for run in runs(built_fixtures.path(clinic_id, "pdf")):
        by_size[round(run.size, 2)] += len(run.text)
    body_size, count = by_size.most_common(1)[0]
    assert count > sum(by_size.values()) / 2
    assert body_size >= MIN_BODY_PT


@pytest.mark.parametrize("clinic_id", ["harbour-a4", "all-routes"])
def test_no_text_is_below_9_pt(built_fixtures: Built, clinic_id: str) -> None:
    """FACTS.md's floor for any text (the EU readability guideline); only superscript citation numbers are smaller."""
    found = runs(built_fixtures.path(clinic_id, "pdf"))
    small = {(run.text, round(run.size, 2)) for run in found if run.size < MIN_ANY_PT and not is_citation_marker(run)}
    assert small == set()


def test_citation_markers_are_the_only_small_text(built_fixtures: Built) -> None:
    markers = [run for run in runs(built_fixtures.path("all-routes", "pdf")) if is_citation_marker(run)]
    assert markers, "no superscript citation numbers found: the size measurement is broken"
    assert all(run.size >= 7 for run in markers)


# -- reproducible output ------------------------------------------------------------------------------------------


def test_same_html_gives_byte_identical_pdfs(built_samples: Built) -> None:
    clinic = built_samples.clinics["tranquility"]
    html = render_html(handout(clinic, "ptsd", "en"), clinic)
    first = render_pdf(html)
    assert first.startswith(b"%PDF-")
    assert render_pdf(html) == first


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_theme_parsed_once_gives_the_same_bytes(built_samples: Built, kind: str) -> None:
    """Issue 14: the worker applies a kind's theme as a stylesheet parsed once; every style, so every byte, is the
    same as with the theme left in the HTML's <style>."""
    from leaflet.render import pdf
    from leaflet.render.assets import theme_css

    document_kind = KINDS[kind]
    clinic = built_samples.clinics["austin"]
    topic = next(iter(document_kind.topics(clinic, "en")))
    view = document_kind.view(clinic, topic)
    html = render_html(document_kind.make(view, topic, "en"), view)
    theme = str(theme_css(document_kind.stylesheets))
    assert theme + "\n</style>" in html
    parsed_before = pdf._theme.cache_info().misses + pdf._theme.cache_info().hits
    assert render_pdf(html, theme=theme) == render_pdf(html)
    assert pdf._theme.cache_info().misses + pdf._theme.cache_info().hits == parsed_before + 1  # it was used


def test_a_render_in_another_process_gives_the_same_bytes(built_samples: Built) -> None:
    """The session's build rendered in worker processes; rendering here again must give the very same file."""
    clinic = built_samples.clinics["cache"]
    html = render_html(handout(clinic, "ptsd", "en"), clinic)
    assert built_samples.path("cache", "html").read_text(encoding="utf-8") == html
    assert built_samples.path("cache", "pdf").read_bytes() == render_pdf(html)


# -- what WeasyPrint logs: a hole fails the leaflet, a notice does not ------------------------------------------------

MINIMAL_HTML = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><p>{}</p></body></html>'


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("Ignored `hyphens: auto` at 3:1, invalid value.", "notice"),
        ("Deprecated `-weasy-hyphens:auto` at 3:1, prefixes on unstable attributes are deprecated.", "notice"),
        (
            'Using fontTools instead of HarfBuzz-Subset for font "Atkinson Hyperlegible". This will be unsupported '
            "in future versions of WeasyPrint. Please install HarfBuzz-Subset >= 4.1.0 with your package manager.",
            "notice",
        ),
        ('.notdef glyph rendered for Unicode string unsupported by fonts: "😀" (U+1F600)', "hole"),
        ("Failed to load image at 'data:image/png;base64,iVBOR...': cannot identify image file", "hole"),
        ("Unknown image mode: I;16", "hole"),
        ("Failed to render SVG image data:image/svg+xml;base64,PHN2...", "hole"),
        ("Font-face 'Noto Sans' cannot be loaded", "hole"),
        ("Something WeasyPrint has never said before", "hole"),  # unknown: fail loudly, never print it damaged
    ],
)
def test_the_warning_policy_sorts_holes_from_notices(message: str, expected: str) -> None:
    assert verdict(message) == expected


def test_a_character_no_font_has_fails_the_pdf() -> None:
    with pytest.raises(RenderFailed, match=r"\.notdef glyph rendered .*\(U\+10FFFD\)"):
        render_pdf(MINIMAL_HTML.format("\U0010fffd"))


def test_an_unsupported_css_declaration_is_a_notice(caplog: pytest.LogCaptureFixture) -> None:
    html = MINIMAL_HTML.format("Text").replace("<title>", "<style>p { hyphens: sometimes; }</style><title>")
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        assert render_pdf(html).startswith(b"%PDF-")
    assert [r.getMessage() for r in caplog.records if r.getMessage().startswith("Ignored `hyphens")]


def test_the_harfbuzz_fallback_notice_passes_and_a_hole_fails() -> None:
    """WeasyPrint logs the fallback only on a machine without libharfbuzz-subset; say it as it would."""
    logger = logging.getLogger("weasyprint")
    with failing_on_holes():
        logger.warning('Using fontTools instead of HarfBuzz-Subset for font "%s". This will be unsupported', "X")
    with pytest.raises(RenderFailed, match="Unknown image mode: I;16"), failing_on_holes():
        logger.warning("Unknown image mode: %s", "I;16")
