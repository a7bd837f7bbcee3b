"""The output formats, beside the document kinds: what each writes, with what, and what its bytes depend on.

Every document is laid out once as HTML; each format turns that HTML into its file. FORMATS is the only list of
them: planning, job keys and the worker look a format up here (a print-shop file is one more entry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from leaflet.documents import DocumentKind


@dataclass(frozen=True)
class OutputFormat:
    name: str  # the file's suffix: "pdf"
    render: Callable[[str, DocumentKind], bytes]  # a document's HTML -> the file's bytes
    libraries: tuple[str, ...]  # packages whose version can change the bytes (part of each job's key)
    thumbnail: bool  # the gallery shows a picture of its first page
    cost: float  # its render time as a share of the kind's PDF time, before a build has measured it


def _html(html: str, kind: DocumentKind) -> bytes:
    return html.encode("utf-8")


def _pdf(html: str, kind: DocumentKind) -> bytes:
    from leaflet.render.assets import theme_css
    from leaflet.render.pdf import render_pdf  # WeasyPrint: imported by the process that renders, on first use

    return render_pdf(html, max_pages=kind.max_pages, theme=str(theme_css(kind.stylesheets)))


_TEMPLATING = ("jinja2", "markdown-it-py", "phonenumbers", "babel", "segno")
FORMATS: dict[str, OutputFormat] = {
    "pdf": OutputFormat(
        "pdf", _pdf, (*_TEMPLATING, "weasyprint", "pydyf", "fonttools", "pypdfium2"), thumbnail=True, cost=1.0
    ),
    "html": OutputFormat("html", _html, _TEMPLATING, thumbnail=False, cost=0.02),
}
