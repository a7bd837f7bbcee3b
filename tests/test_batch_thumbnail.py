"""leaflet.batch.thumbnail: a PDF page drawn as a PNG, for the gallery and the preview."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image

from leaflet.batch.thumbnail import draw_page, thumbnail_png
from leaflet.errors import RenderFailed


def two_pages() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))  # US Letter
    pdf.add_blank_page(page_size=(792, 612))  # landscape
    out = io.BytesIO()
    pdf.save(out, static_id=True)
    return out.getvalue()


def test_a_page_is_drawn_at_the_width_asked_the_same_each_time(tmp_path: Path) -> None:
    data = two_pages()
    png = draw_page(data, 1, 200)
    with Image.open(io.BytesIO(png)) as image:
        assert (image.format, image.size) == ("PNG", (200, 155))  # 612/792 of 200, rounded
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    assert draw_page(path, 1, 200, threading.Lock()) == png  # from a file, under a lock: the same bytes


def test_a_page_it_has_not_and_a_file_that_is_no_pdf_are_told_apart() -> None:
    with pytest.raises(IndexError, match="the PDF has 2 pages, not page 3"):
        draw_page(two_pages(), 2, 200)
    with pytest.raises(IndexError):
        draw_page(two_pages(), -1, 200)
    with pytest.raises(pypdfium2.PdfiumError):
        draw_page(b"%PDF-1.7 but nothing else", 0, 200)


def test_the_thumbnail_is_the_first_page_and_a_broken_pdf_fails_the_render() -> None:
    with Image.open(io.BytesIO(thumbnail_png(two_pages()))) as image:
        assert image.size == (240, 311)  # portrait: the first page
    with pytest.raises(RenderFailed, match="cannot draw the PDF's first page for the gallery"):
        thumbnail_png(b"not a PDF")
