"""Glyph coverage: text validates only if the shipped fonts can show it, and then renders with those fonts alone,
whatever fonts the machine has installed."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, WriteClinic
from fontTools.ttLib.woff2 import WOFF2Reader

from leaflet import InvalidInput, load_clinic
from leaflet.documents import KINDS
from leaflet.fonts import DEFAULT_FAMILY
from leaflet.glyphs import PLAIN, always_characters, clinic_text, families_needed, family_characters, uncovered
from leaflet.render.assets import FONT_FACES, font_faces_css, font_path
from leaflet.render.html import render_html
from leaflet.render.pdf import render_pdf

handout = KINDS["handout"].make

HEBREW_NAME = "מרפאת השלום"
ARABIC_ABOUT = "مرحبا بكم في عيادتنا"
FALLBACK_FAMILIES = list(dict.fromkeys(face.family for face in FONT_FACES if not face.brand))
BRAND_FAMILIES = list(dict.fromkeys(face.family for face in FONT_FACES if face.brand))
ALWAYS = {DEFAULT_FAMILY}


def refused(write_clinic: WriteClinic, text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(InvalidInput) as caught:
        load_clinic(write_clinic(text))
    return [(p.line, p.column, p.field, p.message) for p in caught.value.problems]


def test_an_emoji_in_the_name_is_refused_by_name(write_clinic: WriteClinic) -> None:
    [(line, column, field, message)] = refused(write_clinic, 'name: "Sunny 😀"\nphone: "505-639-4973"\nroutes: [iv]\n')
    assert (line, column, field) == (1, 7, "name")
    assert message.startswith("contains characters the leaflet's fonts cannot show: U+1F600 GRINNING FACE; remove")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("नमस्ते", "U+0928 DEVANAGARI LETTER NA"),
        ("สวัสดี", "U+0E2A THAI CHARACTER SO SUA"),
        ("你好", "U+4F60 CJK UNIFIED IDEOGRAPH-4F60"),  # whatever fallback font this machine happens to have
    ],
)
def test_scripts_no_shipped_font_has_are_refused_in_about(write_clinic: WriteClinic, text: str, first: str) -> None:
    [(line, column, field, message)] = refused(
        write_clinic, f'name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\nabout: "Hello {text}"\n'
    )
    assert (line, column, field) == (4, 8, "about")
    assert f"cannot show: {first}" in message


def test_a_location_field_is_checked_and_many_characters_are_summed_up(write_clinic: WriteClinic) -> None:
    text = 'name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\nlocations:\n  - id: a\n    name: "一二三四五六七"\n'
    [(line, _, field, message)] = refused(write_clinic, text)
    assert (line, field) == (6, "locations[0].name")
    assert message.count("U+") == 5
    assert "and 2 more; remove them (the fonts cover Latin, " in message


def test_hebrew_arabic_and_accented_latin_validate(write_clinic: WriteClinic) -> None:
    clinic = load_clinic(
        write_clinic(f'name: "{HEBREW_NAME}"\nphone: "505-639-4973"\nroutes: [iv]\nabout: "{ARABIC_ABOUT} Dvořák"\n')
    )
    assert clinic.name == HEBREW_NAME
    assert uncovered(clinic_text(clinic)) == []


def test_every_leaflet_has_the_plain_characters_checked_without_opening_a_font() -> None:
    assert {ord(c) for c in PLAIN} <= always_characters()
    for family in BRAND_FAMILIES:
        assert {ord(c) for c in PLAIN} <= family_characters(family), family


@pytest.mark.parametrize("family", BRAND_FAMILIES)
def test_text_that_validates_shows_in_every_brand_family_or_a_fallback(family: str) -> None:
    """uncovered() lets through what every brand family or a fallback has, whichever family a clinic names."""
    fallbacks = frozenset().union(*(family_characters(f) for f in FALLBACK_FAMILIES))
    text = "Nguyễn Văn Đức, Łódź, Dvořák, Ελληνικά, Русский"
    assert uncovered(text) == []
    assert {ord(c) for c in text} <= family_characters(family) | fallbacks


def test_the_faces_a_text_needs() -> None:
    assert families_needed("Plain Latin, café, 1–2 “quoted”") == frozenset()
    assert families_needed(HEBREW_NAME) == {"Noto Sans Hebrew"}
    assert families_needed(ARABIC_ABOUT + " Nguyễn") == {"Noto Sans Arabic", "Noto Sans"}


def test_the_html_inlines_a_script_face_only_when_the_text_needs_it() -> None:
    latin, hebrew = str(font_faces_css("Clinic")), str(font_faces_css(HEBREW_NAME))
    assert re.findall(r'font-family: "([^"]+)"', latin) == ["Atkinson Hyperlegible"] * 4
    assert re.findall(r'font-family: "([^"]+)"', hebrew) == ["Atkinson Hyperlegible"] * 4 + ["Noto Sans Hebrew"] * 2


def test_the_css_font_stacks_name_the_shipped_families_in_order() -> None:
    css = (ROOT / "templates" / "css" / "leaflet.css").read_text(encoding="utf-8")
    stacks = re.findall(r"font-family:\s*([^;]+);", css)
    assert stacks
    fallbacks = ", ".join(f'"{family}"' for family in FALLBACK_FAMILIES) + ", sans-serif"
    body, heading = f"var(--font-body), {fallbacks}", f"var(--font-heading), {fallbacks}"
    assert {stack.strip() for stack in stacks} == {heading, body}
    assert [stack.strip() for stack in stacks].count(heading) == 1
    assert "DejaVu" not in css


def test_every_shipped_font_exists_and_has_its_licence() -> None:
    licences = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "templates" / "fonts").glob("LICENSE*"))
    for face in FONT_FACES:
        assert font_path(face).is_file(), face.file
        assert face.family.split()[0] in licences, face.family
    assert licences.count("SIL OPEN FONT LICENSE Version 1.1") == 4


def test_every_shipped_face_is_stored_with_untransformed_glyphs() -> None:
    # Undoing WOFF2's glyf transform is pure Python in fontTools, which WeasyPrint runs for each face once per
    # worker: 160-330 ms for a Noto face (scripts/woff2-untransformed). A face added without it slows cold builds.
    for face in (face for face in FONT_FACES if face.file.endswith(".woff2")):  # a .ttf has nothing to undo
        with font_path(face).open("rb") as file:
            transformed = WOFF2Reader(file).flavorData.transformedTables
        assert transformed == set(), f"run scripts/woff2-untransformed templates/fonts/{face.file}"


def test_the_shipped_content_and_theme_need_only_the_faces_every_leaflet_inlines() -> None:
    files = [*(ROOT / "data").rglob("*.yaml"), *(ROOT / "data").rglob("*.po"), *(ROOT / "templates").glob("*.j2")]
    text = "".join(path.read_text(encoding="utf-8") for path in files if "clinics" not in path.parts)
    assert families_needed(text) == frozenset()
    assert uncovered(text) == []


def pdf_fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    with pikepdf.open(path) as document:
        return {
            re.sub(r"^/[A-Z]{6}\+", "", str(font.BaseFont))
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
        }


@pytest.mark.slow
def test_hebrew_and_arabic_render_with_the_shipped_fonts_only(write_clinic: WriteClinic, tmp_path: Path) -> None:
    clinic = load_clinic(
        write_clinic(f'name: "{HEBREW_NAME}"\nphone: "505-639-4973"\nroutes: [iv]\nabout: "{ARABIC_ABOUT}"\n')
    )
    guide = KINDS["guide"].make(clinic, "ptsd", "en")  # it shows `about`; the one-sheet handout does not
    used = pdf_fonts(render_pdf(render_html(guide, clinic)), tmp_path)
    assert {"Noto-Sans-Hebrew", "Noto-Sans-Arabic"} <= used
    shipped = {"Atkinson-Hyperlegible", "Noto-Sans", "Noto-Sans-Hebrew", "Noto-Sans-Arabic"}
    assert {re.sub(r"-(Bold|Italic|BoldItalic)$", "", name) for name in used} <= shipped


def test_a_leaflet_inlines_the_hebrew_face_for_a_hebrew_name_and_nothing_more(write_clinic: WriteClinic) -> None:
    hebrew = load_clinic(write_clinic(f'name: "{HEBREW_NAME}"\nphone: "505-639-4973"\nroutes: [iv]\n'))
    latin = load_clinic(write_clinic('name: "Clinic"\nphone: "505-639-4973"\nroutes: [iv]\n', "latin.yaml"))
    faces = re.compile(r'@font-face \{ font-family: "([^"]+)"; font-style: (\w+); font-weight: (\d+)')
    assert set(faces.findall(render_html(handout(hebrew, "ptsd", "en"), hebrew))) == {
        *(("Atkinson Hyperlegible", style, weight) for style in ("normal", "italic") for weight in ("400", "700")),
        ("Noto Sans Hebrew", "normal", "400"),
        ("Noto Sans Hebrew", "normal", "700"),
    }
    assert {family for family, _, _ in faces.findall(render_html(handout(latin, "ptsd", "en"), latin))} == ALWAYS
