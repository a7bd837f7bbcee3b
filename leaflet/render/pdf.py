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
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, Literal

from leaflet.errors import DoesNotFit, RenderFailed
from leaflet.render import layout
from leaflet.render.overflow import overflows
from leaflet.render.tag_languages import NOT_MARKED, has_other_language, mark_other_languages

_DATA_URI = re.compile(r"data:[^\"' )]{40,}")

Verdict = Literal["hole", "notice"]
Finisher = Callable[[Any, Any], None]  # WeasyPrint's finisher: (document, pydyf PDF), before the PDF is written
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
    # leaflet's own (leaflet.render.tag_languages): a screen reader reads that text in the leaflet's language.
    (re.compile("^" + re.escape(NOT_MARKED)), "notice"),
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


def _first(faults: list[str]) -> str:
    """The first faults of a layout, and how many more (one fault often causes dozens: a panel that runs on to the
    next page lands on every line there)."""
    shown = "; ".join(faults[: layout.SHOWN])
    return shown + (f"; and {len(faults) - layout.SHOWN} more" if len(faults) > layout.SHOWN else "")


def verdict(message: str) -> Verdict:
    """Whether a message WeasyPrint logged means the PDF has a hole, or is a notice (see WARNING_POLICY)."""
    return next((found for pattern, found in WARNING_POLICY if pattern.search(message)), "hole")


# The @font-face rules that open every leaflet's <style> (base.html.j2, leaflet.render.assets.font_faces_css).
_FONT_FACES = re.compile(r"(?<=<style>\n)(?:@font-face [^\n]*\n)+")


_FONT_FACE_SETS = 16  # the sets of @font-face rules a process keeps loaded (a build needs a few per clinic)
_loaded_font_faces: dict[str, Any] = {}


def _font_faces(rules: str) -> Any:
    """A leaflet's @font-face rules, parsed and their fonts loaded once per process and reused for every PDF that
    has the same rules: loading the fonts was a seventh of a brochure's render. The PDF's bytes are the same.

    A clinic's font file is a family named by its bytes (leaflet.fonts.css), so each version of it a preview
    saves is another set of rules, and the font configuration keeps every face added to it (a file in its
    folder, fontconfig's pattern). Past a few sets, both start anew: memory stays bounded, and a PDF does not
    depend on what the process rendered before (tests/test_fonts_leak.py)."""
    if rules not in _loaded_font_faces:
        if len(_loaded_font_faces) >= _FONT_FACE_SETS:
            _loaded_font_faces.clear()
            _font_config.cache_clear()
            _theme.cache_clear()  # parsed with the old configuration
        _loaded_font_faces[rules] = _weasyprint().CSS(string=rules, font_config=_font_config(), url_fetcher=_fetcher())
    return _loaded_font_faces[rules]


def _srgb_as_default_rgb(document: Any, pdf: Any) -> None:
    """Make the leaflets' RGB colours device-independent sRGB in a PDF/X file: PDF/X-4 forbids DeviceRGB beside a
    CMYK output intent, and a DefaultRGB colour space (an ICC-based sRGB) is what the PDF reads DeviceRGB as. Every
    page, group and image of a WeasyPrint PDF shares one ColorSpace resource (the one holding its Lab spaces)."""
    import pydyf
    from weasyprint.pdf import __name__ as package

    spaces = [o for o in pdf.objects if isinstance(o, pydyf.Dictionary) and "lab-d50" in o]
    if len(spaces) != 1:  # a WeasyPrint that shares its resources differently: fail loudly, never a wrong file
        raise RenderFailed(f"cannot set the PDF/X file's RGB space: {len(spaces)} colour space resources")
    srgb = pydyf.Stream([_srgb_profile(package)], pydyf.Dictionary({"N": 3}), compress=True)
    pdf.add_object(srgb)
    spaces[0]["DefaultRGB"] = pydyf.Array(("/ICCBased", srgb.reference))


def _pdf_x_finisher(identifier: bytes) -> Finisher:
    """What a PDF/X file needs after WeasyPrint has made it: sRGB as its RGB space, and a DocumentID of its own."""

    def finish(document: Any, pdf: Any) -> None:
        _srgb_as_default_rgb(document, pdf)
        _stable_document_id(pdf, identifier)

    return finish


_XMP_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")


def _one_after_another(finishers: list[Finisher]) -> Finisher | None:
    """WeasyPrint takes one finisher: these, in order."""
    if not finishers:
        return None

    def finish(document: Any, pdf: Any) -> None:
        for finisher in finishers:
            finisher(document, pdf)

    return finish


def _stable_document_id(pdf: Any, identifier: bytes) -> None:
    """WeasyPrint writes a random xmpMM:DocumentID (uuid4) into a PDF/X-4 file's XMP metadata; the same inputs must
    give the same bytes, so the ID becomes the file's identifier (a hash of its HTML and print CSS) as a UUID."""
    import pydyf

    document_id = f"xmp.did:{uuid.UUID(hex=identifier.decode('ascii')[:32])}".encode("ascii")
    found = 0
    for stream in (o for o in pdf.objects if isinstance(o, pydyf.Stream) and o.extra.get("Type") == "/Metadata"):
        for index, part in enumerate(stream.stream):
            if isinstance(part, bytes):
                stream.stream[index], count = _XMP_DOCUMENT_ID.subn(document_id, part)
                found += count
    if found != 1:  # a WeasyPrint that writes its XMP differently: fail loudly, never a file that changes each time
        raise RenderFailed(f"cannot give the PDF/X file a stable DocumentID: {found} found in its XMP metadata")


@cache
def _srgb_profile(package: str) -> bytes:
    """The ICC's sRGB profile (sRGB2014.icc) that WeasyPrint ships for its own sRGB output intent."""
    from importlib.resources import files

    return (files(package) / "sRGB2014.icc").read_bytes()


@cache
def _theme(css: str) -> Any:
    """A kind's theme stylesheets (leaflet.render.assets.theme_css), parsed once per process (issue 14)."""
    return _weasyprint().CSS(string=css, font_config=_font_config(), url_fetcher=_fetcher())


def render_pdf(
    html: str,
    max_pages: int | None = None,
    theme: str = "",
    *,
    print_css: str | None = None,
    variant: str = "pdf/ua-1",
) -> bytes:
    """The PDF of `html`. Its identifier is a hash of the HTML, so the same HTML always gives the same bytes.

    With `max_pages`, a layout that needs more pages fails, naming what does not fit (leaflet.render.overflow).
    Every layout must keep the invariant of leaflet.render.layout (no text over text, nothing off its page or its
    panel), else it fails likewise: DoesNotFit, so a kind takes its fit steps, and nothing is written.
    `theme`: the kind's theme CSS as the HTML's <style> ends with it; it is taken out of the HTML and applied as a
    stylesheet parsed once per process. As a user stylesheet it ranks below the HTML's own rules, which only set
    what the theme never does (the brand's custom properties, the page's size and footer text): every style
    comes out the same, and so do the PDF's bytes.
    `print_css` and `variant` make a print-shop file (leaflet.render.print_ready): a stylesheet added after the
    document's, whose @color-profile rules WeasyPrint collects into the dict that both the stylesheet and the
    render get (the layout reads colours with it, the PDF embeds it as the output intent)."""
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    identifier = hashlib.sha256((html + (print_css or "")).encode("utf-8")).hexdigest()[:32].encode("ascii")
    fonts = _FONT_FACES.search(html)
    page_html, stylesheets = html, []
    if fonts:
        page_html = html[: fonts.start()] + html[fonts.end() :]
        stylesheets.append(_font_faces(fonts.group(0)))
    if theme and (end := page_html.rfind(theme + "\n</style>")) != -1:
        page_html = page_html[:end] + page_html[end + len(theme) :]
        stylesheets.append(_theme(theme))
    color_profiles: dict[str, Any] = {}
    try:
        with failing_on_holes():
            if print_css is not None:
                stylesheets.append(
                    weasyprint.CSS(string=print_css, url_fetcher=_fetcher(), color_profiles=color_profiles)
                )
            options = {"pdf_tags": True, "pdf_variant": variant, "pdf_identifier": identifier}
            page = weasyprint.HTML(string=page_html, base_url="data:,", url_fetcher=_fetcher())
            document = page.render(
                font_config=_font_config(), stylesheets=stylesheets or None, color_profiles=color_profiles, **options
            )
            if max_pages is not None and (too_long := overflows(document, max_pages)):
                raise DoesNotFit(f"does not fit on {max_pages} pages: {'; '.join(too_long)}")
            if broken := layout.faults(document):
                raise DoesNotFit(f"its layout prints text where it cannot be read: {_first(broken)}")
            finishers: list[Finisher] = [mark_other_languages] if has_other_language(page_html) else []
            if variant.startswith("pdf/x"):
                finishers.append(_pdf_x_finisher(identifier))
            pdf: bytes = document.write_pdf(finisher=_one_after_another(finishers), **options)
    except FatalURLFetchingError as exc:
        cause = exc.__cause__ or exc
        raise RenderFailed(str(cause)) from None
    return pdf
