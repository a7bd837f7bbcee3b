"""Accessibility of everything a build writes: axe-core finds no WCAG 2.0/2.1 A or AA violation in any HTML
page (every leaflet and the gallery), and every PDF carries what PDF/UA asks of it.

The pages and PDFs are found in the output folder, not listed here, so a new kind of document is checked as soon
as the sample clinics build it. axe-core is the copy bundled by the pinned PyPI package axe-playwright-python,
injected into Debian's headless Chromium (/usr/bin/chromium) through Playwright, as in test_browser.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import SAMPLE_IDS, Built, built_outputs
from playwright.sync_api import Page, Route, sync_playwright
from test_browser import CHROMIUM, CHROMIUM_ARGS, PHONE

AXE_JS = files("axe_playwright_python").joinpath("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Only violations come back: axe then skips gathering the nodes that passed, a third of its time here.
RUN_AXE = "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
FONT_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")

Violation = dict[str, Any]


# -- HTML: axe-core ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def axe_page() -> Iterator[Page]:
    """A phone-sized page (the HTML is laid out phone first) that has axe-core in every document it opens and that
    refuses any request but local files and data: URIs."""
    assert CHROMIUM.is_file(), "Debian's chromium package is missing (scripts/install-system-deps installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE)
            context.add_init_script(path=str(AXE_JS))
            context.route("**/*", only_local)
            yield context.new_page()
        finally:
            browser.close()


def only_local(route: Route) -> None:
    if route.request.url.startswith(("file://", "data:")):
        route.continue_()
    else:
        route.abort()


def axe_violations(page: Page, path: Path) -> list[Violation]:
    """What axe-core finds against WCAG 2.0 and 2.1, levels A and AA, in the page at `path` once its fonts are in."""
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    violations: list[Violation] = page.evaluate(RUN_AXE, WCAG_TAGS)["violations"]
    return violations


def describe(name: str, violations: list[Violation]) -> str:
    """A violation report a developer can act on: each rule's id, impact, help and link, then each failing node's
    selector and what axe says would fix it."""
    lines = [f"{name}: {len(violations)} axe-core violation{'s' if len(violations) != 1 else ''}"]
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            selector = " ".join(" >>> ".join(t) if isinstance(t, list) else t for t in node["target"])
            fix = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {selector}  — {fix}")
    return "\n".join(lines)


@pytest.mark.slow
def test_the_sample_build_writes_the_gallery_and_each_clinics_pages_and_pdfs(sample_site: Path) -> None:
    pages, pdfs = built_outputs(sample_site, ".html"), built_outputs(sample_site, ".pdf")
    assert sample_site / "index.html" in pages
    for clinic_id in SAMPLE_IDS:
        assert [p for p in pages if p.parent.name == clinic_id], f"no HTML page for {clinic_id}"
        assert [p for p in pdfs if p.parent.name == clinic_id], f"no PDF for {clinic_id}"


@pytest.fixture
def fixture_site(built_fixtures: Built) -> Path:
    """The a4, all-routes and hostile-text fixture clinics' handouts and gallery: a brand colour near the contrast
    limit (all-routes), a long name and no logo (hostile-text)."""
    return built_fixtures.out


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("site", ["sample_site", "fixture_site"])
def test_no_html_output_has_an_axe_violation(axe_page: Page, request: pytest.FixtureRequest, site: str) -> None:
    out: Path = request.getfixturevalue(site)
    pages = built_outputs(out, ".html")
    assert out / "index.html" in pages
    reports = []
    for path in pages:
        violations = axe_violations(axe_page, path)
        if violations:
            reports.append(describe(str(path.relative_to(out)), violations))
    assert not reports, "\n".join(reports)


@pytest.mark.browser
def test_an_axe_violation_is_reported_with_what_to_fix(axe_page: Page, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>Bad</title></head><body><main><img src="data:image/gif;base64,'
        'R0lGODlhAQABAAAAACw=" width="20" height="20"><p style="color: #aaaaaa">faint text</p></main></body></html>',
        encoding="utf-8",
    )
    violations = axe_violations(axe_page, page)
    assert {v["id"] for v in violations} >= {"html-has-lang", "image-alt", "color-contrast"}
    report = describe("bad.html", violations)
    assert report.startswith("bad.html: ")
    assert "  image-alt (critical): Images must have alternative text <https://" in report
    assert "\n    img  — Fix any of the following:" in report
    assert "\n    p  — Fix any of the following: Element has insufficient color contrast" in report


# -- PDF: what PDF/UA asks of every file ------------------------------------------------------------------------


def pdf_ua_problems(path: Path) -> list[str]:
    """What the PDF at `path` lacks of PDF/UA-1: tags, a structure tree, the language of its file name
    (<name>.<language>.pdf), a title shown in the title bar, PDF/UA identification, bookmarks, embedded fonts."""
    language = path.suffixes[-2].lstrip(".") if len(path.suffixes) >= 2 else "?"
    problems = []
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        if root.get("/MarkInfo", {}).get("/Marked") is not True:
            problems.append("not tagged: no /MarkInfo /Marked true")
        structure = root.get("/StructTreeRoot")
        if structure is None or not structure.get("/K"):
            problems.append("no structure tree: no /StructTreeRoot with elements")
        if str(root.get("/Lang", "")).split("-")[0] != language:
            problems.append(f"/Lang is {str(root.get('/Lang', '')) or 'missing'}, not {language}")
        title = str(pdf.docinfo.get("/Title", "")).strip()
        with pdf.open_metadata() as xmp:
            xmp_title, part = xmp.get("dc:title", ""), xmp.get("pdfuaid:part")
        if not title or not xmp_title:
            problems.append("no document title in the document info and the XMP metadata (dc:title)")
        if root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") is not True:
            problems.append("no /ViewerPreferences /DisplayDocTitle true: a viewer shows the file name")
        if part != "1":
            problems.append("no PDF/UA identification (pdfuaid:part 1) in the XMP metadata")
        with pdf.open_outline() as outline:
            if not outline.root:
                problems.append("no bookmarks: /Outlines is missing or empty")
        problems += [f"font {name} is not embedded" for name in unembedded_fonts(pdf)]
    return problems


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """The base names of the fonts in `pdf`, wherever they are used, whose font program is not in the file. A Type 3
    font's glyphs are drawn by the PDF itself; a Type 0 font's program is in its descendant font."""
    missing = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
            continue
        if obj.get("/Subtype") == "/Type3":
            continue
        fonts = list(obj.DescendantFonts) if obj.get("/Subtype") == "/Type0" else [obj]
        for font in fonts:
            descriptor = font.get("/FontDescriptor", pikepdf.Dictionary())
            if not any(program in descriptor for program in FONT_PROGRAMS):
                missing.append(str(font.get("/BaseFont", "(unnamed)")))
    return sorted(set(missing))


@pytest.mark.slow
@pytest.mark.parametrize("site", ["sample_site", "fixture_site"])
def test_every_pdf_output_is_tagged_titled_bookmarked_with_embedded_fonts(
    request: pytest.FixtureRequest, site: str
) -> None:
    out: Path = request.getfixturevalue(site)
    pdfs = built_outputs(out, ".pdf")
    assert len(pdfs) >= 3
    reports = [f"{path.relative_to(out)}: {'; '.join(p)}" for path in pdfs if (p := pdf_ua_problems(path))]
    assert not reports, "\n".join(reports)


def test_a_bare_pdf_is_reported_for_everything_it_lacks(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    )
    pdf.pages[0].Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET")
    path = tmp_path / "bare.en.pdf"
    pdf.save(path)
    assert pdf_ua_problems(path) == [
        "not tagged: no /MarkInfo /Marked true",
        "no structure tree: no /StructTreeRoot with elements",
        "/Lang is missing, not en",
        "no document title in the document info and the XMP metadata (dc:title)",
        "no /ViewerPreferences /DisplayDocTitle true: a viewer shows the file name",
        "no PDF/UA identification (pdfuaid:part 1) in the XMP metadata",
        "no bookmarks: /Outlines is missing or empty",
        "font /Helvetica is not embedded",
    ]
