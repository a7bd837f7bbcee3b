"""Brand fonts in the leaflets: a clinic's font file is inlined in the HTML as a data URI and embedded in the PDF
(read back from the PDF, it is the clinic's file, not one of the machine's); a shipped family replaces the
default; the same inputs give the same bytes; and the font's bytes are a part of the build key."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, WriteClinic
from font_support import embedded

from leaflet import load_clinic
from leaflet.batch.keys import KeyMaker
from leaflet.batch.plan import Job
from leaflet.documents import KINDS
from leaflet.fonts import css as font_css
from leaflet.model import Clinic
from leaflet.render import fit
from leaflet.render.html import footer_text, masthead_name_size, render_html
from leaflet.render.pdf import render_pdf

pytestmark = pytest.mark.slow

HEAD = 'name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\n'
CLINIC_FAMILY = re.compile(r"Leaflet Font [0-9a-f]{16}")  # a clinic's font file, named by its faces' content
FACES = re.compile(
    r'@font-face \{ font-family: "([^"]+)"; font-style: (\w+); font-weight: (\d+); src: url\("data:([^;]+);'
)


def handout(clinic: Clinic) -> tuple[str, bytes]:
    document = KINDS["handout"].make(clinic, "ptsd", "en")
    html = render_html(document, clinic)
    return html, render_pdf(html, max_pages=KINDS["handout"].max_pages)


@pytest.fixture(scope="module")
def brand_font() -> tuple[str, bytes]:
    return handout(load_clinic(FIXTURES / "brand-font" / "clinic.yaml"))


def test_the_html_inlines_the_clinics_font_and_bold_as_data_uris(brand_font: tuple[str, bytes]) -> None:
    html, _ = brand_font
    [(family, *regular_face), (bold_family, *bold_face)] = FACES.findall(html)
    assert CLINIC_FAMILY.fullmatch(family) and bold_family == family
    assert (regular_face, bold_face) == (["normal", "400", "font/ttf"], ["normal", "700", "font/ttf"])
    regular = (FIXTURES / "brand-font" / "BrandSans-Regular.ttf").read_bytes()
    assert base64.b64decode(html.split("data:font/ttf;base64,")[1].split('"')[0]) == regular  # the file as it is
    assert f'--font-body: "{family}";' in html
    assert "--font-italic: normal;" in html  # a file has no italic: citations upright, never slanted by a renderer


def test_the_pdf_embeds_the_clinics_font_and_nothing_else(brand_font: tuple[str, bytes]) -> None:
    html, pdf = brand_font
    fonts = embedded(pdf)
    named = FACES.findall(html)[0][0].replace(" ", "-")
    assert set(fonts) == {named, f"{named}-Bold"}
    # Read back from the PDF, each is the clinic's file (renamed by tests/font_support.py), not a host font.
    assert {font["name"].getDebugName(1) for font in fonts.values()} == {"Leaflet Test Sans"}
    assert fonts[f"{named}-Bold"]["name"].getDebugName(2) == "Bold"


def test_the_same_inputs_give_the_same_bytes(brand_font: tuple[str, bytes]) -> None:
    assert handout(load_clinic(FIXTURES / "brand-font" / "clinic.yaml")) == brand_font


def test_a_shipped_family_replaces_the_default(write_clinic: WriteClinic) -> None:
    html, pdf = handout(load_clinic(write_clinic(HEAD + "brand:\n  font: Noto Serif\n  heading_font: Open Sans\n")))
    assert {family for family, *_ in FACES.findall(html)} == {"Noto Serif", "Open Sans"}
    assert {re.sub(r"-(Bold|Italic|BoldItalic)$", "", name) for name in embedded(pdf)} == {"Noto-Serif", "Open-Sans"}


def test_a_variable_font_is_embedded_as_static_regular_and_bold(tmp_path: Path, write_clinic: WriteClinic) -> None:
    shutil.copy(ROOT / "tests" / "fonts" / "open-sans-variable-latin.woff2", tmp_path / "Variable.woff2")
    html, pdf = handout(load_clinic(write_clinic(HEAD + "brand:\n  font: Variable.woff2\n")))
    assert [face[1:] for face in FACES.findall(html)] == [
        ("normal", "400", "font/woff2"),
        ("normal", "700", "font/woff2"),
    ]
    fonts = embedded(pdf)
    named = FACES.findall(html)[0][0].replace(" ", "-")
    assert set(fonts) == {named, f"{named}-Bold"}
    assert all("fvar" not in font for font in fonts.values())
    assert handout(load_clinic(tmp_path / "clinic.yaml")) == (html, pdf)  # the instances are the same bytes


def test_a_heading_font_file_sets_the_headings(tmp_path: Path, write_clinic: WriteClinic) -> None:
    shutil.copy(FIXTURES / "brand-font" / "BrandSans-Bold.ttf", tmp_path / "Heading.ttf")
    html, pdf = handout(load_clinic(write_clinic(HEAD + "brand:\n  heading_font: Heading.ttf\n")))
    [family] = [face[0] for face in FACES.findall(html) if CLINIC_FAMILY.fullmatch(face[0])]
    assert (family, "normal", "700", "font/ttf") in FACES.findall(html)
    assert f'--font-heading: "{family}";' in html
    fonts = embedded(pdf)
    assert f"{family.replace(' ', '-')}-Bold" in fonts
    assert {re.sub(r"-(Bold|Italic|BoldItalic)$", "", name) for name in fonts} == {
        family.replace(" ", "-"),
        "Atkinson-Hyperlegible",
    }


def test_editing_the_font_file_changes_the_font_part_of_the_key(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    shutil.copytree(FIXTURES / "brand-font", folder)

    def parts() -> dict[str, str]:
        clinic = load_clinic(folder / "clinic.yaml")
        return KeyMaker(None).key(Job(clinic, "handout", "ptsd", "en", "pdf", topic="ptsd")).parts

    before = parts()
    shutil.copy(FIXTURES / "brand-font" / "BrandSans-Regular.ttf", folder / "BrandSans-Bold.ttf")
    after = parts()
    assert [name for name in before if before[name] != after[name]] == ["font"]
    moved = tmp_path / "moved"
    shutil.move(folder, moved)
    folder = moved
    assert parts() == after  # the folder's place is in no part


def test_the_footer_and_masthead_fit_the_name_in_the_brand_fonts_widths(tmp_path: Path) -> None:
    """leaflet.render.fit measures the clinic's name in the font that sets it: a wider brand font shortens it more."""
    folder = tmp_path / "clinic"
    shutil.copytree(FIXTURES / "brand-font", folder)
    clinic_file = folder / "clinic.yaml"
    name = "Lakeside Community Ketamine and Wellness Clinic of Springfield"
    clinic_file.write_text(
        clinic_file.read_text(encoding="utf-8").replace("Lakeside Ketamine Clinic", name), encoding="utf-8"
    )
    clinic = load_clinic(clinic_file)
    regular = font_css.advances(clinic.brand.font, "font", bold=False)
    footer = footer_text(clinic)
    assert "Wellness…" in footer  # in Atkinson Hyperlegible, narrower, "of…" fits as well
    assert fit.footer_name(name, clinic.main_phone.display) == "Lakeside Community Ketamine and Wellness Clinic of…"
    shown = fit.footer_name(name, clinic.main_phone.display, regular)
    assert fit.width_em(f"{shown} · {clinic.main_phone.display}", advances=regular) <= fit.FOOTER_EM
    bold = font_css.advances(clinic.brand.font, "font", bold=True)
    assert bold is not None and bold != regular  # the bold file's widths for the bold masthead name
    html, pdf = handout(clinic)
    assert pdf.startswith(b"%PDF-")
    assert f'class="masthead {masthead_name_size(clinic)}"' in html
