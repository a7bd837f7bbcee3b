"""A small PNG of a PDF's first page, for the gallery.

WeasyPrint writes PDFs but cannot draw them, so the page is rasterized with pypdfium2 (PDFium, the PDF engine of
Chromium, as a wheel from PyPI): no external program, ~6 ms a page at this size. Same PDF, same PNG bytes.
"""

from __future__ import annotations

import io

THUMBNAIL_WIDTH = 240  # pixels: sharp in a gallery column, ~20 KB


def thumbnail_png(pdf: bytes, width: int = THUMBNAIL_WIDTH) -> bytes:
    import pypdfium2  # imported on first use: only PDF jobs need it

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        try:
            image = page.render(scale=width / page.get_width()).to_pil()
        finally:
            page.close()
    finally:
        document.close()
    stream = io.BytesIO()
    image.save(stream, format="PNG")
    return stream.getvalue()
