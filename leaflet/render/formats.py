"""The output formats, beside the document kinds: what each writes, with what, and what its bytes depend on.

Every document is laid out once as HTML; each format turns that HTML into its file. FORMATS is the only list of
them: planning, job keys and the worker look a format up here. A format made only when asked for (the
print-shop file, `--print-ready`) is not `default`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leaflet.documents import DocumentKind
    from leaflet.render.print_ready import PrintSetup


@dataclass(frozen=True)
class OutputFormat:
    name: str  # the file's suffix: "pdf"
    render: Callable[[str, DocumentKind, PrintSetup | None], bytes]  # a document's HTML -> the file's bytes
    libraries: tuple[str, ...]  # packages whose version can change the bytes (part of each job's key)
    thumbnail: bool  # the gallery shows a picture of its first page
    cost: float  # its render time as a share of the kind's PDF time, before a build has measured it
    default: bool = True  # made by every build; else only when asked for
    paged: bool = True  # laid out on the kind's pages (max_pages, fit steps); else the document whole, as HTML


def _html(html: str, kind: DocumentKind, setup: PrintSetup | None) -> bytes:
    return html.encode("utf-8")


def _theme(kind: DocumentKind) -> str:
    """The kind's theme CSS as its HTML ends with it: the renderer parses it once per process, not per document."""
    from leaflet.render.assets import theme_css

    return str(theme_css(kind.stylesheets))


def _pdf(html: str, kind: DocumentKind, setup: PrintSetup | None) -> bytes:
    from leaflet.render.pdf import render_pdf  # WeasyPrint: imported by the process that renders, on first use

    return render_pdf(html, max_pages=kind.max_pages, theme=_theme(kind))


def _print_pdf(html: str, kind: DocumentKind, setup: PrintSetup | None) -> bytes:
    from leaflet.render.print_ready import PrintSetup, render_print_pdf

    return render_print_pdf(html, kind.max_pages, setup or PrintSetup(), _theme(kind))


_TEMPLATING = ("jinja2", "markdown-it-py", "phonenumbers", "babel", "segno")
_WEASYPRINT = (*_TEMPLATING, "weasyprint", "pydyf", "fonttools")
PRINT = "print.pdf"  # beside each PDF: <name>.<lang>.print.pdf
FORMATS: dict[str, OutputFormat] = {
    "pdf": OutputFormat("pdf", _pdf, (*_WEASYPRINT, "pypdfium2"), thumbnail=True, cost=1.0),
    "html": OutputFormat("html", _html, _TEMPLATING, thumbnail=False, cost=0.02, paged=False),
    # Its options and profile are a part of its key of their own (leaflet.batch.keys); pillow checks the profile.
    PRINT: OutputFormat(PRINT, _print_pdf, (*_WEASYPRINT, "pillow"), thumbnail=False, cost=1.05, default=False),
}
DEFAULT_FORMATS = tuple(name for name, fmt in FORMATS.items() if fmt.default)
