"""A clinic's brand font in a real browser: Debian's headless Chromium loads the font file the HTML inlines, and
the text is laid out in it, not in a font of the machine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, WriteClinic
from playwright.sync_api import Browser
from test_browser import PHONE, browser, open_leaflet

from leaflet import load_clinic
from leaflet.documents import KINDS
from leaflet.fonts import css as fonts_css
from leaflet.render.html import render_html

__all__ = ["browser"]  # the module's fixture, shared

pytestmark = pytest.mark.browser

FONTS = """() => ({
  faces: [...document.fonts].map((face) => ({family: face.family, weight: face.weight, status: face.status})),
  body: getComputedStyle(document.body).fontFamily,
  heading: getComputedStyle(document.querySelector("h1")).fontFamily,
})"""


def fonts_in_chromium(browser: Browser, clinic_file: Path, out: Path) -> dict[str, Any]:
    clinic = load_clinic(clinic_file)
    page_file = out / "leaflet.html"
    page_file.write_text(render_html(KINDS["handout"].make(clinic, "ptsd", "en"), clinic), encoding="utf-8")
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        open_leaflet(page, page_file)  # refuses every request but the file and its data: URIs
        found: dict[str, Any] = page.evaluate(FONTS)
        family = fonts_css.family(clinic.brand.font, "font")
        found["check"] = page.evaluate(f"""() => document.fonts.check('16px "{family}"')""")
        return found
    finally:
        context.close()


def test_chromium_loads_the_clinics_font_file(browser: Browser, tmp_path: Path) -> None:
    found = fonts_in_chromium(browser, FIXTURES / "brand-font" / "clinic.yaml", tmp_path)
    faces = [(face["family"].strip('"'), face["weight"], face["status"]) for face in found["faces"]]
    family = fonts_css.family(load_clinic(FIXTURES / "brand-font" / "clinic.yaml").brand.font, "font")
    assert faces == [(family, "400", "loaded"), (family, "700", "loaded")]
    assert found["check"] is True
    assert found["body"].startswith(f'"{family}", "Noto Sans", "Noto Sans Hebrew", "Noto Sans Arabic"')
    assert found["heading"].startswith(f'"{family}", "Noto Sans"')


def test_chromium_loads_a_shipped_family_named_in_the_clinic_file(
    browser: Browser, write_clinic: WriteClinic, tmp_path: Path
) -> None:
    path = write_clinic('name: Clinic\nphone: "505-639-4973"\nroutes: [iv]\nbrand:\n  heading_font: Noto Serif\n')
    found = fonts_in_chromium(browser, path, tmp_path)
    loaded = {(face["family"].strip('"'), face["weight"]) for face in found["faces"] if face["status"] == "loaded"}
    assert {("Noto Serif", "700"), ("Atkinson Hyperlegible", "400"), ("Atkinson Hyperlegible", "700")} <= loaded
    assert found["heading"].startswith('"Noto Serif", "Noto Sans"')
    assert found["body"].startswith('"Atkinson Hyperlegible", "Noto Sans"')
