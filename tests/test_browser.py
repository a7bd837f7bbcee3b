"""The HTML leaflet in a real browser at a phone's size: it fits, its text is large enough, its logo shows.

Playwright drives Debian's own headless Chromium (/usr/bin/chromium); it never downloads a browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_IDS, Built
from playwright.sync_api import Browser, Page, Route, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 812}
MIN_TEXT_PX = 16.0

# Body text: every paragraph and list item of the leaflet but the small print (the review dates and the sources).
MEASURE = """() => {
  const root = document.documentElement;
  const px = (element) => parseFloat(getComputedStyle(element).fontSize);
  const paragraphs = [...document.querySelectorAll("main p, main li")]
    .filter((e) => !e.closest(".section-review, .section-references"));
  const logo = document.querySelector("img.logo");
  return {
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
    widest: Math.max(...[...document.body.querySelectorAll("*")].map((e) => e.getBoundingClientRect().right)),
    bodyPx: px(document.body),
    smallestTextPx: Math.min(...paragraphs.map(px)),
    paragraphs: paragraphs.length,
    logo: logo && {complete: logo.complete, naturalWidth: logo.naturalWidth, width: logo.getBoundingClientRect().width},
    font: document.fonts.check('16px "Atkinson Hyperlegible"'),
  };
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), "Debian's chromium package is missing (scripts/install-system-deps installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


Measure = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="module")
def measure(browser: Browser, built_samples: Built, built_fixtures: Built) -> Measure:
    """Open a clinic's built HTML leaflet on a phone-sized screen once; return what the page measured."""
    leaflets = {clinic_id: built_samples.path(clinic_id, "html") for clinic_id in SAMPLE_IDS}
    leaflets["all-routes"] = built_fixtures.path("all-routes", "html")  # a PNG logo, four routes
    leaflets["hostile-text"] = built_fixtures.path("hostile-text", "html")  # a long clinic name, no logo

    @cache
    def measured(clinic_id: str) -> dict[str, Any]:
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
        try:
            return open_leaflet(context.new_page(), leaflets[clinic_id])
        finally:
            context.close()

    return measured


def open_leaflet(page: Page, path: Path) -> dict[str, Any]:
    """Open a leaflet file, refusing any request that is not the file itself or an embedded data: URI."""
    requested: list[str] = []

    def only_local(route: Route) -> None:
        requested.append(route.request.url)
        if route.request.url.startswith(("file://", "data:")):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_local)
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert [url for url in requested if not url.startswith(("file://", "data:"))] == []
    measured: dict[str, Any] = page.evaluate(MEASURE)
    return measured


@pytest.mark.parametrize("clinic_id", [*SAMPLE_IDS, "all-routes", "hostile-text"])
def test_fits_a_phone_without_scrolling_sideways(measure: Measure, clinic_id: str) -> None:
    measured = measure(clinic_id)
    assert measured["clientWidth"] == PHONE["width"]
    assert measured["scrollWidth"] <= measured["clientWidth"]
    assert measured["widest"] <= PHONE["width"] + 0.5


@pytest.mark.parametrize("clinic_id", [*SAMPLE_IDS, "all-routes"])
def test_body_text_is_at_least_16_css_px(measure: Measure, clinic_id: str) -> None:
    measured = measure(clinic_id)
    assert measured["paragraphs"] > 20
    assert measured["bodyPx"] >= MIN_TEXT_PX
    assert measured["smallestTextPx"] >= MIN_TEXT_PX
    assert measured["font"] is True, "the embedded Atkinson Hyperlegible font did not load"


@pytest.mark.parametrize("clinic_id", [*SAMPLE_IDS, "all-routes"])
def test_the_logo_loads(measure: Measure, clinic_id: str) -> None:
    logo = measure(clinic_id)["logo"]
    assert logo is not None, "no <img class='logo'>"
    assert logo["complete"] is True
    assert logo["naturalWidth"] > 0
    assert 0 < logo["width"] <= PHONE["width"]
