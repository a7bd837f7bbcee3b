"""Nothing silently cut: find what does not fit a document's pages, by measuring the laid-out boxes.

A kind with a page limit (the brochure: one sheet, two faces) marks each box that must fit its page with
`data-fit="<name>"` in its template. When the layout needs more pages than the limit, this names each marked box
that runs on past its page, with how far, so the message says what to shorten instead of clipping text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels


def overflows(document: Any, max_pages: int) -> list[str]:
    """What does not fit in `max_pages` pages of `document` (a rendered weasyprint.Document); [] when all fits."""
    if len(document.pages) <= max_pages:
        return []
    spilled: dict[str, float] = {}  # a marked box's name -> the height of its fragments after its first page
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name, height in _marked(page._page_box):
            first_page.setdefault(name, number)
            if number > first_page[name]:
                spilled[name] = spilled.get(name, 0.0) + height
    found = [f"{name} is {round(height / _PX_PER_MM)} mm too long for its page" for name, height in spilled.items()]
    return found or [f"it takes {len(document.pages)} pages; it must fit on {max_pages}"]


def _marked(box: Any) -> Iterator[tuple[str, float]]:
    """(name, height) of the outermost box of each `data-fit` element under `box`."""
    element = getattr(box, "element", None)
    name = element.get("data-fit") if element is not None and getattr(box, "element_tag", None) else None
    if name:
        yield name, box.margin_height()
        return
    for child in getattr(box, "children", ()):
        yield from _marked(child)
