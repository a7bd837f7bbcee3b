"""Nothing silently cut: find what does not fit a document's pages, by measuring the laid-out boxes.

A kind with a page limit (the brochure: one sheet, two faces; the handout: one sheet, front and back) fails when
its layout needs more pages, and the message says what to shorten. A folded document marks each box that must
fit its own page with `data-fit="<name>"` (a brochure's panels): those that run on past their page are named,
with how far. In a document that flows from page to page, the sections (`data-section`) that land past the last
page allowed are named instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

_PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels


def overflows(document: Any, max_pages: int) -> list[str]:
    """What does not fit in `max_pages` pages of `document` (a rendered weasyprint.Document); [] when all fits."""
    pages = len(document.pages)
    if pages <= max_pages:
        return []
    spilled: dict[str, float] = {}  # a marked box's name -> the height of its fragments after its first page
    first_page: dict[str, int] = {}
    beyond: dict[str, float] = {}  # a section past the last page allowed -> its height there
    for number, page in enumerate(document.pages):
        for attribute, name, height in _marked(page._page_box):
            if attribute == "data-fit":
                first_page.setdefault(name, number)
                if number > first_page[name]:
                    spilled[name] = spilled.get(name, 0.0) + height
            elif number >= max_pages:
                beyond[name] = beyond.get(name, 0.0) + height
    if spilled:
        return [f"{name} is {round(height / _PX_PER_MM)} mm too long for its page" for name, height in spilled.items()]
    over = round(sum(beyond.values()) / _PX_PER_MM)
    named = ", ".join(f"'{name}'" for name in beyond) or "the end"
    return [f"{over} mm runs onto page {max_pages + 1} ({named}); shorten what comes before it"]


def _marked(box: Any) -> Iterator[tuple[str, str, float]]:
    """(attribute, name, height) of the outermost box of each element marked `data-fit` or `data-section`."""
    element = getattr(box, "element", None)
    if element is not None and getattr(box, "element_tag", None):
        for attribute in ("data-fit", "data-section"):
            name = element.get(attribute)
            if name:
                yield attribute, name, box.margin_height()
                return
    for child in getattr(box, "children", ()):
        yield from _marked(child)
