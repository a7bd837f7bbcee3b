"""The layout invariant of every render, read from WeasyPrint's own layout: nothing printed over text, nothing off
its page, nothing of a folded panel outside its panel.

One walk over each laid-out page collects its line boxes (and replaced boxes: logos, QR codes) with their
rectangles, and checks that
- no two of them on a page overlap (touching is fine): text that ran on past a fixed-height box, a float that
  moved to the next page and was laid over what is there, a negative margin, an absolutely positioned box;
- every line lies inside its page's content box (a margin box's lines, the running masthead and the footer,
  inside the page), every image inside the sheet (the page and its bleed, for a print file);
- every line of an element marked `data-fit` (a brochure's panel) lies inside the panel's own rectangle on the
  page where the panel starts, and none is on another page.
leaflet.render.pdf raises DoesNotFit with what `faults` returns, so a kind takes its fit steps and otherwise fails,
never written. leaflet.render.overflow still says what to shorten when a document needs too many pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

Rect = tuple[float, float, float, float]  # left, top, right, bottom, in CSS pixels from the page's top-left corner
_PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels
# Boxes that touch share an edge; floating-point positions may cross it by far less than this (0.13 mm).
TOLERANCE = 0.5
SHOWN = 3  # faults named in a message; the rest are counted
_EXCERPT = 40  # characters of a line's text in a message


@dataclass
class _Context:
    """Where a box sits: the element that names it, the line it is inside, its panel, its bounds."""

    element: str  # the nearest block-level element, by its tag and id or class: "h2", "p.cover-tagline"
    section: str  # the data-section of the nearest element that has one, else ""
    line: int  # the index of the line box it is inside (a marker, an inline-block's lines), else -1
    fit: str  # the data-fit name of its panel, else ""
    bounds: Rect  # where its lines must lie: the page's content box, or the page
    margin: bool  # whether it is in one of the page's margin boxes (a running masthead, a footer)
    clip: Rect | None  # the padding box of an ancestor that hides its overflow


@dataclass
class _Item:
    """A line box or a replaced box on one page, in CSS pixels from the page's top-left corner."""

    x0: float
    y0: float
    x1: float
    y1: float
    box: Any
    context: _Context
    replaced: bool


@dataclass
class _Panel:
    """The rectangle of a `data-fit` element on the page where it starts, and what of it lies elsewhere."""

    page: int
    rect: Rect
    spilled: dict[int, tuple[float, float]] = field(default_factory=dict)  # page -> the top and bottom of its lines

    @property
    def overrun(self) -> float:
        """How much of it lies on later pages (a list marker and its line counted once)."""
        return sum(bottom - top for top, bottom in self.spilled.values())


def faults(document: Any) -> list[str]:
    """What breaks the layout invariant in `document` (a rendered weasyprint.Document); [] when nothing does."""
    _Kinds.load()
    found: list[str] = []  # what runs over, then what it lands on
    panels: dict[str, _Panel] = {}
    for number, page in enumerate(document.pages):
        items: list[_Item] = []
        box = page._page_box
        sheet: Rect = (
            -page.bleed["left"],
            -page.bleed["top"],
            box.margin_width() + page.bleed["right"],
            box.margin_height() + page.bleed["bottom"],
        )
        content = (box.content_box_x(), box.content_box_y())
        content_box: Rect = (*content, content[0] + box.width, content[1] + box.height)
        whole_page: Rect = (0.0, 0.0, box.margin_width(), box.margin_height())
        for child in box.children:
            margin = isinstance(child, _Kinds.margin)  # @top-center, @bottom-left, ...
            bounds = whole_page if margin else content_box
            _walk(child, _Context("", "", -1, "", bounds, margin, None), items, panels, number)
        found += _on_page(items, panels, number, sheet)
    return [
        f"the {name} is {_mm(panel.overrun)} mm too long for its page: it runs on to page {panel.page + 2}"
        for name, panel in panels.items()
        if panel.spilled
    ] + found


def _walk(box: Any, context: _Context, items: list[_Item], panels: dict[str, _Panel], page: int) -> None:
    """Collect the line and replaced boxes under `box`, each with its context."""
    box = getattr(box, "_box", box)  # an absolutely positioned box, behind the placeholder left in the flow
    if box.element_tag and not isinstance(box, _Kinds.inline):
        context = _entered(box, context, panels, page)
    if isinstance(box, _Kinds.line):
        if box.width > 0 and box.height > 0:
            x, y = box.position_x, box.position_y
            items.append(_Item(x, y, x + box.width, y + box.height, box, context, replaced=False))
            context = replace(context, line=len(items) - 1)
    elif isinstance(box, _Kinds.replaced):
        x, y = box.border_box_x(), box.border_box_y()
        items.append(_Item(x, y, x + box.border_width(), y + box.border_height(), box, context, replaced=True))
        return
    for child in getattr(box, "children", ()):
        if not isinstance(child, _Kinds.text):
            _walk(child, context, items, panels, page)


def _entered(box: Any, context: _Context, panels: dict[str, _Panel], page: int) -> _Context:
    """The context inside a block-level box: its name, its panel, and its clip if it hides its overflow."""
    element = box.element
    fit = element.get("data-fit")
    section = element.get("data-section") or context.section
    clip = context.clip
    if box.style["overflow"] != "visible":
        x, y = box.padding_box_x(), box.padding_box_y()
        clip = (x, y, x + box.padding_width(), y + box.padding_height())
    if fit and fit not in panels:
        x, y = box.border_box_x(), box.border_box_y()
        panels[fit] = _Panel(page, (x, y, x + box.border_width(), y + box.border_height()))
    return _Context(_described(box), section, context.line, fit or context.fit, context.bounds, context.margin, clip)


def _described(box: Any) -> str:
    """An element by its tag and its id or class: "div.cover", "p#intro"."""
    element = box.element
    if identifier := element.get("id"):
        return f"{box.element_tag}#{identifier}"
    if classes := element.get("class"):
        return f"{box.element_tag}.{classes.split()[0]}"
    return str(box.element_tag)


def _on_page(items: list[_Item], panels: dict[str, _Panel], page: int, sheet: Rect) -> list[str]:
    found: list[str] = []
    for item in items:
        if item.replaced or item.context.margin:
            if (out := _outside(item, sheet if item.replaced else item.context.bounds)) > TOLERANCE:
                found.append(f"{_named(item)} runs {_mm(out)} mm off page {page + 1}")
        elif (out := _outside(item, item.context.bounds)) > TOLERANCE:
            found.append(f"{_named(item)} runs {_mm(out)} mm into the margin of page {page + 1}")
        if item.context.clip is not None and (cut := _outside(item, item.context.clip)) > TOLERANCE:
            found.append(f"{_named(item)} is cut off by {_mm(cut)} mm on page {page + 1}")
        fit = item.context.fit
        if fit and not item.replaced:
            panel = panels[fit]
            if panel.page != page:
                top, bottom = panel.spilled.get(page, (item.y0, item.y1))
                panel.spilled[page] = (min(top, item.y0), max(bottom, item.y1))
            elif (out := _outside(item, panel.rect)) > TOLERANCE:
                found.append(f"{_named(item)} runs {_mm(out)} mm outside the {fit} on page {page + 1}")
    for first, second in _overlapping(items):
        depth = min(first.y1, second.y1) - max(first.y0, second.y0)
        found.append(f"{_named(second)} is printed over {_named(first)} by {_mm(depth)} mm on page {page + 1}")
    return found


def _outside(item: _Item, rect: Rect) -> float:
    left, top, right, bottom = rect
    return max(left - item.x0, top - item.y0, item.x1 - right, item.y1 - bottom)


def _overlapping(items: list[_Item]) -> Iterator[tuple[_Item, _Item]]:
    """Each pair of items that overlap by more than TOLERANCE both ways, neither inside the other (a list marker
    or an inline-block inside its line): a sweep down the page, each item compared with those it reaches into."""
    order = sorted(range(len(items)), key=lambda index: items[index].y0)
    active: list[int] = []
    for index in order:
        item = items[index]
        active = [other for other in active if items[other].y1 - TOLERANCE > item.y0]
        for other in active:
            them = items[other]
            if (
                min(item.x1, them.x1) - max(item.x0, them.x0) > TOLERANCE
                and min(item.y1, them.y1) - max(item.y0, them.y0) > TOLERANCE
                and not _within(items, index, other)
                and not _within(items, other, index)
            ):
                yield them, item
        active.append(index)


def _within(items: list[_Item], index: int, ancestor: int) -> bool:
    """Whether item `index` is inside the line `ancestor` (an inline-block's line, an image in a line)."""
    line = items[index].context.line
    while line != -1:
        if line == ancestor:
            return True
        line = items[line].context.line
    return False


def _named(item: _Item) -> str:
    """A line as a person finds it: its element, where it is, and its text's start."""
    kind = "the image" if item.replaced else "the line"
    context = item.context
    where = context.element or _described(item.box)
    if context.section:
        where += f" in section '{context.section}'"
    if context.fit:
        where += f" of the {context.fit}"
    text = " ".join(_text(item.box).split())
    excerpt = f' "{text[:_EXCERPT]}{"…" if len(text) > _EXCERPT else ""}"' if text else ""
    return f"{kind}{excerpt} ({where})"


def _text(box: Any) -> str:
    if isinstance(box, _Kinds.text):
        return str(box.text)
    return "".join(_text(child) for child in getattr(box, "children", ()))


def _mm(pixels: float) -> str:
    return f"{pixels / _PX_PER_MM:.1f}"


class _Kinds:
    """WeasyPrint's box classes, imported on the first check (importing WeasyPrint costs most of a second, which
    `leaflet validate` need not pay)."""

    line: type[Any]
    replaced: type[Any]
    text: type[Any]
    margin: type[Any]
    inline: tuple[type[Any], ...]  # boxes inside a line, which name no element of their own

    @classmethod
    def load(cls) -> None:
        from weasyprint.formatting_structure import boxes

        cls.line, cls.replaced, cls.text, cls.margin = boxes.LineBox, boxes.ReplacedBox, boxes.TextBox, boxes.MarginBox
        cls.inline = (boxes.InlineBox, boxes.TextBox, boxes.LineBox)
