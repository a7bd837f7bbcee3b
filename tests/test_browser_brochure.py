"""The brochure's HTML in a real browser: on a phone its panels stack into one column in reading order; printed,
it is the tri-fold again, two landscape pages of three panels."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from conftest import sample_path
from playwright.sync_api import Browser, Page
from test_browser import PHONE, browser, open_leaflet

from leaflet.batch import build, plan_jobs
from leaflet.validate import load_clinics

__all__ = ["browser"]  # the module's fixture, shared
pytestmark = pytest.mark.browser

PANELS = """() => [...document.querySelectorAll(".panel")].map((panel) => {
  const box = panel.getBoundingClientRect();
  return {id: panel.className, left: box.left, top: box.top, width: box.width, bottom: box.bottom};
})"""


@pytest.fixture(scope="module")
def brochure_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("brochure-html")
    jobs = plan_jobs(load_clinics([sample_path("austin")]), ("html",), ("brochure",))
    assert not build(jobs, out).failed
    return out / "austin" / "brochure.central.en.html"


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_on_a_phone_the_panels_stack_in_reading_order_without_sideways_scrolling(
    phone_page: Page, brochure_html: Path
) -> None:
    measured = open_leaflet(phone_page, brochure_html)
    assert measured["scrollWidth"] <= measured["clientWidth"] == PHONE["width"]
    panels = phone_page.evaluate(PANELS)
    assert [panel["id"].split()[1] for panel in panels] == [
        "panel-cover",
        "panel-fold_in",
        "panel-back",
        "panel-inside_left",
        "panel-inside_middle",
        "panel-inside_right",
    ]
    assert len({round(panel["left"]) for panel in panels}) == 1  # one column
    assert all(a["bottom"] <= b["top"] + 0.5 for a, b in itertools.pairwise(panels))
    assert measured["smallestTextPx"] >= 14


def test_printed_from_the_browser_it_is_the_tri_fold(browser: Browser, brochure_html: Path) -> None:
    page = browser.new_page()
    try:
        page.goto(brochure_html.as_uri(), wait_until="load")
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 2
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {(792, 612)}
    assert "Questions to ask" in (pages[0].extract_text() or "")
    assert "What ketamine therapy is" in (pages[1].extract_text() or "")
