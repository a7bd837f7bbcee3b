"""Sanitize an SVG logo: check it against an allow-list and re-serialize what was checked.

An SVG is a program more than a picture: it can load files (`<image href="file:///...">`), run scripts and
expand a few `<use>` elements into billions of shapes. It is parsed with defusedxml (no DTD, no entities),
checked against an allow-list of elements and attributes, bounded in size, element count and `<use>`
expansion, and re-serialized from the checked tree, so what a leaflet embeds is exactly what was checked.
Anything dangerous is refused, naming the element, attribute and line; only inert editor metadata (Inkscape's
and Illustrator's own namespaces, `<metadata>`, comments) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError

from leaflet.errors import UnsafeLogo

MAX_SVG_BYTES = 256 * 1024
MAX_ELEMENTS = 5_000
MAX_EXPANDED = 10_000  # elements drawn once every <use> and clip-path is expanded
MAX_REFERENCE_DEPTH = 4  # <use> of a <use> of ...
MAX_NUMBER = 100_000  # coordinates, sizes and widths; a logo's are in the hundreds
MAX_NESTING = 64  # WeasyPrint draws SVG recursively; deep nesting would exhaust Python's stack


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Editors' own bookkeeping: never drawn, so dropped rather than refused (every Inkscape file carries it).
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
)

ELEMENTS = _words(
    "svg g path circle rect ellipse line polyline polygon text tspan title desc defs "
    "linearGradient radialGradient stop clipPath use symbol"
)
# Elements whose text a renderer shows (or reads out): other text is never drawn, so it is dropped rather than
# carried into the embedded logo.
TEXT_CONTENT = _words("text tspan title desc")
_WHY_REFUSED = {
    "script": "scripts are not allowed in a logo; delete the element",
    "foreignObject": "HTML inside a logo is not allowed; re-export the logo as plain SVG",
    "image": "a logo may not load or embed other files; delete the element, or export the logo as PNG",
    "style": "style sheets are not allowed in a logo (they can load other files); export the SVG with "
    "presentation attributes (fill=..., stroke=...) instead",
    "a": "links are not allowed in a logo; delete the element and keep what is inside it",
}
GEOMETRY = _words(
    "x y width height cx cy r rx ry x1 y1 x2 y2 fx fy fr d points pathLength dx dy rotate textLength "
    "lengthAdjust viewBox preserveAspectRatio offset gradientUnits gradientTransform spreadMethod "
    "clipPathUnits version baseProfile id"
)
# Attributes that may also be written as properties in a style="..." attribute.
PRESENTATION = _words(
    "fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit "
    "stroke-dasharray stroke-dashoffset stroke-opacity opacity color display visibility clip-path clip-rule "
    "stop-color stop-opacity font-family font-size font-weight font-style font-variant font-stretch "
    "text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing "
    "text-decoration overflow vector-effect shape-rendering text-rendering paint-order transform "
    "transform-origin"
)
# Written by editors, never read by the renderer in a way that matters: dropped.
INERT = _words(
    "class enable-background line-height text-align white-space text-indent text-transform isolation "
    "mix-blend-mode writing-mode direction unicode-bidi solid-color solid-opacity color-interpolation "
    "color-interpolation-filters color-rendering image-rendering inline-size font-kerning "
    "font-feature-settings font-variation-settings font-variant-ligatures font-variant-caps "
    "font-variant-numeric font-variant-east-asian text-decoration-line text-decoration-style "
    "text-decoration-color"
)
INERT_WHEN_NONE = _words("marker marker-start marker-mid marker-end filter mask")
_INERT_ATTRIBUTE_NAMESPACES = (*EDITOR_NAMESPACES, XLINK_NS, XML_NS)
HREF_ELEMENTS = frozenset({"use", "linearGradient", "radialGradient"})
_EXPANDING = frozenset({"href", "clip-path"})  # references that draw their target again
_FUNCTIONS = _words(
    "url rgb rgba hsl hsla matrix translate translatex translatey scale scalex scaley rotate skewx skewy calc"
)
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,127}")
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)""", re.IGNORECASE)
_FUNCTION = re.compile(r"([A-Za-z-]+)\s*\(")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]+")
_SCHEME = re.compile(r"\b(?:javascript|vbscript|data|file|https?|ftp)\s*:", re.IGNORECASE)


@dataclass
class _Element:
    name: str  # local name
    namespace: str
    attributes: dict[str, str]  # qualified as the parser gives them: "{ns}name" or "name"
    line: int
    children: list[_Element | str] = field(default_factory=list)
    checked: list[tuple[str, str]] = field(default_factory=list)  # what is kept, in document order
    references: list[tuple[str, str]] = field(default_factory=list)  # (attribute, id)

    def elements(self) -> list[_Element]:
        return [child for child in self.children if isinstance(child, _Element)]


def sanitize_svg(data: bytes) -> bytes:
    """The SVG in `data`, checked and re-serialized; raise UnsafeLogo naming what is not allowed, and where."""
    if len(data) > MAX_SVG_BYTES:
        raise UnsafeLogo(f"is larger than {MAX_SVG_BYTES // 1024} KiB; simplify the logo, or export it as PNG")
    root = _parse(data)
    if root.name != "svg" or root.namespace not in (SVG_NS, ""):
        raise UnsafeLogo(f"is not an SVG image: it starts with <{root.name}>, not <svg>")
    ids: dict[str, _Element] = {}
    _collect_ids(root, ids)
    kept = _check(root, ids)
    assert kept is not None  # the root is <svg>, which is always kept
    _check_expansion(kept, ids)
    out: list[str] = []
    _serialize(kept, out, root=True)
    return "".join(out).encode("utf-8")


class _Builder:
    """The parser's target: builds _Elements that remember their line, and stops at the element limit."""

    def __init__(self) -> None:
        self.parser: Any = None
        self.stack: list[_Element] = []
        self.root: _Element | None = None
        self.count = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        line = self.parser.CurrentLineNumber if self.parser is not None else 0
        element = _Element(name, namespace, dict(attributes), line)
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise UnsafeLogo(f"has more than {MAX_ELEMENTS:,} elements; simplify the logo, or export it as PNG")
        if len(self.stack) >= MAX_NESTING:
            raise UnsafeLogo(f"has elements nested more than {MAX_NESTING} deep (line {line}); simplify the logo")
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def end(self, tag: str) -> None:
        self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].children.append(text)

    def pi(self, target: str, text: str) -> None:
        if target.lower() == "xml-stylesheet":
            line = self.parser.CurrentLineNumber if self.parser is not None else 0
            raise UnsafeLogo(f"links a style sheet on line {line} (<?xml-stylesheet?>); delete that line")

    def close(self) -> _Element | None:
        return self.root


def _parse(data: bytes) -> _Element:
    builder = _Builder()
    # No DTD at all: it is where entity bombs and external entities live, and a logo never needs one.
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder.parser = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        line = parser.parser.CurrentLineNumber
        raise UnsafeLogo(
            f"has a <!DOCTYPE> or entity declaration on line {line}; DTDs and entities are not allowed "
            "in a logo: delete the <!DOCTYPE ...> part"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":")[0]
        raise UnsafeLogo(f"is not well-formed XML ({reason}) at line {line}, column {column + 1}") from None
    if root is None:  # pragma: no cover - expat refuses a document without a root element
        raise UnsafeLogo("is empty")
    return root  # type: ignore[no-any-return]


def _collect_ids(element: _Element, ids: dict[str, _Element]) -> None:
    value = element.attributes.get("id")
    if value is not None:
        if not _ID.fullmatch(value):
            raise UnsafeLogo(
                f"has id={value[:40]!r} on {_at(element)}; "
                "an id must be letters, digits, _ . or -, starting with a letter"
            )
        if value in ids:
            raise UnsafeLogo(f"has id {value!r} twice, on lines {ids[value].line} and {element.line}; rename one")
        ids[value] = element
    for child in element.elements():
        _collect_ids(child, ids)


def _at(element: _Element) -> str:
    return f"<{element.name}> on line {element.line}"


def _check(element: _Element, ids: dict[str, _Element]) -> _Element | None:
    """Check `element` and its subtree; return it with only allowed attributes, or None to drop it."""
    where = f"on line {element.line}"
    if element.namespace.startswith(EDITOR_NAMESPACES) or (element.namespace == SVG_NS and element.name == "metadata"):
        return None
    if element.namespace not in (SVG_NS, ""):
        raise UnsafeLogo(
            f"has <{element.name}> from another XML vocabulary ({element.namespace[:60]}) {where}; "
            "a logo may only hold SVG shapes and text"
        )
    if element.name in _WHY_REFUSED:
        raise UnsafeLogo(f"has <{element.name}> {where}: {_WHY_REFUSED[element.name]}")
    if element.name not in ELEMENTS:
        raise UnsafeLogo(
            f"has <{element.name}> {where}, which a logo may not use; simplify the logo (flatten effects, "
            "masks and patterns), or export it as PNG"
        )
    for name, value in element.attributes.items():
        _check_attribute(element, name, value, ids)
    children: list[_Element | str] = []
    for child in element.children:
        if isinstance(child, str):
            if element.name in TEXT_CONTENT or not child.strip():  # layout white space stays as it was
                children.append(child)
        elif (kept := _check(child, ids)) is not None:
            children.append(kept)
    element.children = children
    return element


def _check_attribute(element: _Element, name: str, value: str, ids: dict[str, _Element]) -> None:
    where = _at(element)
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    if local == "href" and namespace in ("", XLINK_NS):
        target = value.strip()
        if element.name not in HREF_ELEMENTS:
            raise UnsafeLogo(f"has href on {where}; only <use> and gradients may refer to other elements")
        if not (target.startswith("#") and target[1:] in ids):
            raise UnsafeLogo(
                f"has {where} pointing to {target[:80]!r}, outside the logo: "
                'point it at an id in the same file, like href="#shape"'
            )
        element.checked.append(("href", target))
        element.references.append(("href", target[1:]))
        return
    if namespace:
        if (namespace, local) == (XML_NS, "space"):
            element.checked.append(("xml:space", value))
        elif (namespace, local) == (XML_NS, "base") or not namespace.startswith(_INERT_ATTRIBUTE_NAMESPACES):
            # xml:base would change what every reference in the element points at.
            raise UnsafeLogo(f"has the attribute {local} ({namespace[:60]}) on {where}; delete it")
        return  # xml:lang, xlink:title and editors' attributes: inert
    if local.lower().startswith("on"):
        raise UnsafeLogo(f"has {local} on {where}: event handlers (scripts) are not allowed in a logo; delete it")
    if local == "style":
        declarations = [_check_property(element, *d, ids) for d in _declarations(element, value)]
        kept = ";".join(f"{prop}:{val}" for prop, val in declarations if prop)
        if kept:
            element.checked.append(("style", kept))
        return
    prop, checked = _check_property(element, local, value, ids, attribute=True)
    if prop:
        element.checked.append((prop, checked))


def _declarations(element: _Element, style: str) -> list[tuple[str, str]]:
    if "/*" in style or "\\" in style:
        raise UnsafeLogo(
            f'has a style on {_at(element)} with CSS comments or escapes; write it plainly, like style="fill:#123456"'
        )
    found: list[tuple[str, str]] = []
    for declaration in style.split(";"):
        if not declaration.strip():
            continue
        prop, colon, value = declaration.partition(":")
        if not colon:
            raise UnsafeLogo(
                f"has a style on {_at(element)} that is not 'property: value; ...': {declaration.strip()[:60]!r}"
            )
        found.append((prop.strip().lower(), value.strip()))
    return found


def _check_property(
    element: _Element, name: str, value: str, ids: dict[str, _Element], attribute: bool = False
) -> tuple[str, str]:
    """Return (name, value) to keep, ("", "") to drop an inert one; raise UnsafeLogo for anything else."""
    what = f"{name} on {_at(element)}"
    allowed = name in PRESENTATION or (attribute and name in GEOMETRY)
    if not allowed:
        if name in INERT or name.startswith("-") or (attribute and name.startswith("data-")):
            return "", ""
        if name in INERT_WHEN_NONE and value.strip() == "none":
            return "", ""
        raise UnsafeLogo(f"has {what}, which a logo may not use; delete it")
    if "\\" in value:
        raise UnsafeLogo(f"has {what} with a backslash escape; write the value plainly")
    for function in _FUNCTION.findall(value):
        if function.lower() not in _FUNCTIONS:
            raise UnsafeLogo(f"has {what} using {function}(), which a logo may not use; delete it")
    for _quote, target in _URL.findall(value):
        target = target.strip()
        if not (target.startswith("#") and target[1:] in ids):
            raise UnsafeLogo(
                f"has {what} referring to {target[:80]!r}, outside the logo; refer only to ids in the same "
                'file, like fill="url(#gradient)"'
            )
        element.references.append((name, target[1:]))
    rest = _URL.sub("", value)
    if "url(" in rest.lower() or _SCHEME.search(rest):
        raise UnsafeLogo(f"has {what} referring to another file or address; delete the reference")
    for number in _NUMBER.findall(_HEX_COLOUR.sub("", rest)):
        # Pango and the PDF writer fail on absurd sizes (font-size="1e30"); say so now, with the line.
        if not abs(float(number)) <= MAX_NUMBER:
            raise UnsafeLogo(f"has {what} with the number {number[:20]}; a logo's numbers stay within ±{MAX_NUMBER:,}")
    return name, value


def _check_expansion(root: _Element, ids: dict[str, _Element]) -> None:
    """Refuse <use> and clip-path references that loop, nest too deep or multiply into too many elements:
    each is drawn again wherever it is referenced, so ten <use>s of ten <use>s of ... is a bomb."""
    memo: dict[int, tuple[int, int]] = {}  # id(element) -> (elements drawn, reference depth below it)
    visiting: set[int] = set()

    def too_deep(element: _Element) -> UnsafeLogo:
        return UnsafeLogo(
            f"has references nested more than {MAX_REFERENCE_DEPTH} deep at {_at(element)}; "
            "refer to the shapes themselves, not to other <use> elements"
        )

    def measure(element: _Element, hops: int) -> tuple[int, int]:
        key = id(element)
        if key not in memo:
            visiting.add(key)
            cost, depth = 1, 0
            for child in element.elements():
                child_cost, child_depth = measure(child, hops)
                cost, depth = cost + child_cost, max(depth, child_depth)
            for attribute, target_id in element.references:
                target = ids[target_id]
                if id(target) in visiting:
                    raise UnsafeLogo(
                        f"has {_at(element)} referring to #{target_id}, which leads back to it; remove the loop"
                    )
                if hops + 1 > MAX_REFERENCE_DEPTH:  # checked before following, so recursion stays shallow
                    raise too_deep(element)
                target_cost, target_depth = measure(target, hops + 1)
                cost += target_cost if attribute in _EXPANDING else 1
                depth = max(depth, target_depth + 1)
            visiting.discard(key)
            memo[key] = (cost, depth)
        cost, depth = memo[key]
        if hops + depth > MAX_REFERENCE_DEPTH:
            raise too_deep(element)
        if cost > MAX_EXPANDED:
            raise UnsafeLogo(
                f"draws more than {MAX_EXPANDED:,} elements once its <use> references are expanded "
                f"(from {_at(element)}); simplify the logo, or export it as PNG"
            )
        return cost, depth

    measure(root, 0)


def _serialize(element: _Element, out: list[str], root: bool = False) -> None:
    out.append(f"<{element.name}")
    if root:
        out.append(f' xmlns="{SVG_NS}"')
    for name, value in element.checked:
        out.append(f' {name}="{_escape(value, attribute=True)}"')
    if not element.children:
        out.append("/>")
        return
    out.append(">")
    for child in element.children:
        if isinstance(child, str):
            out.append(_escape(child))
        else:
            _serialize(child, out)
    out.append(f"</{element.name}>")


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text
