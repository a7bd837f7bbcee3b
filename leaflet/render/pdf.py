"""Turn a leaflet's HTML into a tagged PDF (PDF/UA-1) with WeasyPrint, sealed off from the network and disk.

The HTML carries everything it needs as data: URIs, so the URL fetcher refuses every other URL: a file: or
http: reference in a hostile logo or override fails the leaflet instead of ending up inside the PDF. What
WeasyPrint logs while rendering is judged by WARNING_POLICY: a hole in the PDF (a refused fetch, a missing glyph,
a broken image) fails the leaflet; a notice (an unsupported CSS declaration, slower font subsetting) does not,
and reaches the build's report as a warning (leaflet.batch.worker collects WeasyPrint's log for it).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, Literal

from leaflet.errors import RenderFailed
from leaflet.render.overflow import overflows

_DATA_URI = re.compile(r"data:[^\"' )]{40,}")

Verdict = Literal["hole", "notice"]
# What a message WeasyPrint logs means for the PDF, the first pattern that matches deciding. A message no pattern
# knows is a hole: a new WeasyPrint that says something new fails a leaflet loudly rather than print it damaged.
WARNING_POLICY: tuple[tuple[re.Pattern[str], Verdict], ...] = (
    # A CSS declaration WeasyPrint does not support: the layout differs from a browser's, nothing is missing.
    (re.compile(r"^(Ignored|Deprecated) `"), "notice"),
    # No libharfbuzz-subset on this machine: fontTools subsets the same fonts, more slowly.
    (re.compile(r"^Using fontTools instead of HarfBuzz-Subset"), "notice"),
    (re.compile(r"^\.notdef glyph rendered"), "hole"),  # a character drawn as an empty box
    (re.compile(r"^refused to fetch|^Failed to load|^Error while loading"), "hole"),  # an image, font or sheet
    (re.compile(r"^Unknown image mode|SVG"), "hole"),  # an image drawn wrong or not at all
    (re.compile(r"^Font-face .* cannot be loaded|^Too many glyphs missing"), "hole"),
)


@cache
def _weasyprint() -> Any:
    """Import WeasyPrint once, on first use: it costs most of a second, which `leaflet validate` need not pay."""
    import weasyprint

    return weasyprint


@cache
def _fetcher() -> Any:
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    class SealedFetcher(weasyprint.URLFetcher):  # type: ignore[misc,name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise FatalURLFetchingError(f"refused to fetch {url[:200]!r}: leaflets may only use embedded files")

    return SealedFetcher(allowed_protocols={"data"}, fail_on_errors=True)


@cache
def _font_config() -> Any:
    """One font configuration per process: building it is slow and reusing it keeps memory flat."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # Data URIs run to megabytes: keep their start only.
        self.messages.append(_DATA_URI.sub(lambda m: m.group(0)[:40] + "...", record.getMessage())[:500])


@contextmanager
def failing_on_holes() -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    holes = [m for m in handler.messages if verdict(m) == "hole"]
    if holes:
        raise RenderFailed("; ".join(holes[:3]))


def verdict(message: str) -> Verdict:
    """Whether a message WeasyPrint logged means the PDF has a hole, or is a notice (see WARNING_POLICY)."""
    return next((found for pattern, found in WARNING_POLICY if pattern.search(message)), "hole")


# The @font-face rules that open every leaflet's <style> (base.html.j2, leaflet.render.assets.font_faces_css).
_FONT_FACES = re.compile(r"(?<=<style>\n)(?:@font-face [^\n]*\n)+")


@cache
def _font_faces(rules: str) -> Any:
    """A leaflet's @font-face rules, parsed and their fonts loaded once per process and reused for every PDF that
    has the same rules: loading the fonts was a seventh of a brochure's render. The PDF's bytes are the same."""
    return _weasyprint().CSS(string=rules, font_config=_font_config(), url_fetcher=_fetcher())


@cache
def _theme(css: str) -> Any:
    """A kind's theme stylesheets (leaflet.render.assets.theme_css), parsed once per process (issue 14)."""
    return _weasyprint().CSS(string=css, font_config=_font_config(), url_fetcher=_fetcher())


def render_pdf(html: str, max_pages: int | None = None, theme: str = "") -> bytes:
    """The PDF of `html`. Its identifier is a hash of the HTML, so the same HTML always gives the same bytes.

    With `max_pages`, a layout that needs more pages fails, naming what does not fit (leaflet.render.overflow).
    `theme`: the kind's theme CSS as the HTML's <style> ends with it; it is taken out of the HTML and applied as a
    stylesheet parsed once per process. As a user stylesheet it ranks below the HTML's own rules, which only set
    what the theme never does (the brand's custom properties, the page's size and footer text): every style
    comes out the same, and so do the PDF's bytes."""
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    fonts = _FONT_FACES.search(html)
    page_html, stylesheets = html, None
    if fonts:
        page_html = html[: fonts.start()] + html[fonts.end() :]
        stylesheets = [_font_faces(fonts.group(0))]
    if theme and (end := page_html.rfind(theme + "\n</style>")) != -1:
        page_html = page_html[:end] + page_html[end + len(theme) :]
        stylesheets = [*(stylesheets or []), _theme(theme)]
    try:
        with failing_on_holes():
            options = {"pdf_tags": True, "pdf_variant": "pdf/ua-1", "pdf_identifier": identifier}
            page = weasyprint.HTML(string=page_html, base_url="data:,", url_fetcher=_fetcher())
            document = page.render(font_config=_font_config(), stylesheets=stylesheets, **options)
            if max_pages is not None and (too_long := overflows(document, max_pages)):
                raise RenderFailed(f"does not fit on {max_pages} pages: {'; '.join(too_long)}")
            pdf: bytes = document.write_pdf(**options)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        raise RenderFailed(str(cause)) from None
    return pdf
