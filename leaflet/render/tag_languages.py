"""Mark a clinic's text in another language than the leaflet's in the PDF's structure tree (PDF/UA-1, 7.2).

A clinic's `about` or hours that lack the leaflet's language are shown in the language they have, marked
`lang="en"` in the HTML (leaflet.render.inline.isolated, templates/sections.html.j2). WeasyPrint 70 writes the
document's /Lang but no /Lang on structure elements, so a screen reader would read that text with the leaflet's
voice; PDF/UA asks that a change of language be declared. This finisher (WeasyPrint's `finisher=`, called after
the tags are made) sets /Lang on the structure element of each piece of that text.

How the two are matched: WeasyPrint's tagger (weasyprint/pdf/tags.py, `_build_box_tree`) walks each page's boxes
depth first and, for each piece of text outside a link, adds one structure element to the PDF (a /Span whose one
kid is the id of the text's marked content), in that order. `text_boxes` walks the same boxes the same way, so
the n-th piece of text is the n-th of those elements. If the counts differ, or the boxes are not what this walk
knows (a WeasyPrint that tags otherwise), nothing is marked, and the render logs a notice that reaches the build's
warnings (see WARNING_POLICY): the PDF is as WeasyPrint made it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

# Logged under WeasyPrint's logger: what the render logs there reaches the build's warnings, judged by
# WARNING_POLICY in leaflet.render.pdf, which knows this message for a notice.
LOGGER = logging.getLogger("weasyprint.leaflet")
NOT_MARKED = "Text in another language was not marked with its language in the PDF's tags"

# An element other than <html> with a lang attribute: the HTML has text in another language than the leaflet's.
_OTHER_LANGUAGE = re.compile(r"<(?!html\b)[a-z]+\b[^>]* lang=\"")


def has_other_language(html: str) -> bool:
    """Whether `html` has an element in a language of its own: only then is the finisher worth running."""
    return _OTHER_LANGUAGE.search(html) is not None


def mark_other_languages(document: Any, pdf: Any) -> None:
    """Set /Lang on the structure element of each piece of text whose language is not the document's."""
    import pydyf

    try:
        pieces = [piece for page in document.pages for piece in text_boxes(page._page_box)]
        languages, document_language = _element_languages(document)
    except (AttributeError, IndexError, StopIteration) as exc:  # WeasyPrint's boxes are not what this knows
        LOGGER.warning("%s: %s", NOT_MARKED, exc)
        return
    elements = text_elements(pdf)
    if len(pieces) != len(elements):
        LOGGER.warning("%s: %d pieces of text, %d text elements", NOT_MARKED, len(pieces), len(elements))
        return
    for piece, element in zip(pieces, elements, strict=True):
        language = languages.get(piece.element)
        if language and language != document_language:
            element["Lang"] = pydyf.String(language)


def text_boxes(box: Any) -> Iterator[Any]:
    """Each piece of text under `box` that WeasyPrint's tagger gives a structure element of its own, in the order
    it makes them: all but the text of a link, whose marked content the tagger puts on the link's element."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    tag = None if box.element is None else box.element_tag
    skipped = tag in ("html", "body") or isinstance(box, boxes.PageBox)
    if (skipped and isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox)) or isinstance(
        box, boxes.MarginBox
    ):
        for child in box.children:  # the tagger makes no element for these, but walks their children
            yield from text_boxes(child)
        return
    is_link = tag is not None and tag.split(":")[0] == "a"
    for child in _tagged_children(box):
        for piece in child.children if isinstance(child, boxes.LineBox) else [child]:
            if isinstance(piece, boxes.TextBox):
                if not is_link:
                    yield piece
            else:
                yield from text_boxes(piece)


def _tagged_children(box: Any) -> list[Any]:
    """A box's children as the tagger walks them: a table wrapper's captions beside its table's rows."""
    if getattr(box, "is_table_wrapper", False) and box.element_tag == "table" and (table := box.get_wrapped_table()):
        return [grandchild for child in box.children for grandchild in (table.children if child is table else [child])]
    return list(box.children)


def text_elements(pdf: Any) -> list[Any]:
    """The structure elements the tagger made for pieces of text, in the order it made them: a /Span whose only
    kid is a marked-content id (an element of the HTML's own has other elements for kids)."""
    return [
        obj
        for obj in pdf.objects
        if isinstance(obj, dict)
        and obj.get("Type") == "/StructElem"
        and obj.get("S") == "/Span"
        and len(kids := obj.get("K", ())) == 1
        and isinstance(kids[0], int)
    ]


def _element_languages(document: Any) -> tuple[dict[Any, str], str]:
    """The language of each element of the HTML (its own lang, else its nearest ancestor's), and the document's."""
    root = next(box.element for box in document.pages[0]._page_box.children if box.element_tag == "html")
    languages: dict[Any, str] = {}
    stack = [(root, "")]
    while stack:
        element, inherited = stack.pop()
        language = element.get("lang", inherited)
        languages[element] = language
        stack.extend((child, language) for child in element)
    return languages, languages[root]
