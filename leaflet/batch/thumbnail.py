"""A PNG of a PDF's page: a small one of the first page for the gallery, and the preview's pages
(leaflet.preview.pages).

WeasyPrint writes PDFs but cannot draw them, so the page is rasterized with pypdfium2 (PDFium, the PDF engine of
Chromium, as a wheel from PyPI): no external program, ~6-9 ms a page at this size. Same PDF, same PNG bytes.
The build draws it in its own process while the workers lay out the next documents: at -j1 that process has a
core to itself, which would otherwise sit idle.
"""

from __future__ import annotations

import io
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from leaflet.errors import RenderFailed

THUMBNAIL_WIDTH = 240  # pixels: sharp in a gallery column, ~30 KB
THUMBNAIL_VERSION = "2"  # part of PDF jobs' keys: bump it when the picture's size or encoding changes


def thumbnail_png(pdf: bytes, width: int = THUMBNAIL_WIDTH) -> bytes:
    import pypdfium2  # imported on first use: only builds with PDFs need it

    try:
        return draw_page(pdf, 0, width)
    except pypdfium2.PdfiumError as exc:
        raise RenderFailed(f"cannot draw the PDF's first page for the gallery: {exc}") from None


def draw_page(pdf: Path | bytes, index: int, width: int, lock: AbstractContextManager[object] | None = None) -> bytes:
    """Page `index` (from 0) of `pdf` as a PNG `width` pixels wide: pypdfium2.PdfiumError if `pdf` is no PDF,
    IndexError if it has no such page. PDFium is not thread-safe: a caller with threads gives a `lock`, held while
    PDFium draws (the PNG is encoded outside it). Also the preview's pages (leaflet.preview.pages)."""
    import pypdfium2

    with nullcontext() if lock is None else lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            if not 0 <= index < len(document):
                raise IndexError(f"the PDF has {len(document)} pages, not page {index + 1}")
            page = document[index]
            try:
                image = page.render(scale=width / page.get_width()).to_pil()
            finally:
                page.close()
        finally:
            document.close()
    stream = io.BytesIO()
    image.save(stream, format="PNG", compress_level=1)  # half the encoding time of the default, no bigger here
    return stream.getvalue()
