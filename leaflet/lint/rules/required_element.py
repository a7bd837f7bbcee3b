"""required-element: a document of a shipped kind lacks something every leaflet must carry (FACTS.md): the
off-label statement, "not a substitute for medical advice", the alternatives, who should not have it, side
effects, the driving rule, 988 and 911, "results vary", review dates, sources. The elements are data per kind
(data/lint/<lang>.yaml `required`), looked for in all the content files the document reads; the problem is
reported on the first of them. A kind with no elements declared is an error too: each kind must say what it
needs.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Document, Role, Target
from leaflet.lint.text import prose
from leaflet.lint.words import Element
from leaflet.load import Scalar

ID = "required-element"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "a document lacks an element every leaflet must carry (off-label, 988, side effects, ...)"


def check(target: Target) -> Iterator[LintProblem]:
    root = target.source.root
    for document in target.documents:
        elements = target.words.required.get(document.kind)
        if elements is None:
            message = f"{document.describe()}: no required elements are declared for the kind {document.kind!r}"
            yield target.problem(ID, target.level(LEVEL), root.line, root.column, message)
            continue
        for element in elements:
            if not _present(element, document):
                message = f"{document.describe()} lacks {element.name} ({element.id})"
                yield target.problem(ID, target.level(LEVEL), root.line, root.column, message)


def _present(element: Element, document: Document) -> bool:
    for source in document.files:
        if element.keys and all(_set(source.root.get(key)) for key in element.keys):
            return True
        if element.pattern is not None and any(
            element.pattern.search(text.value) for text in prose(source.root, source)
        ):
            return True
    return False


def _set(node: object) -> bool:
    return node is not None and not (isinstance(node, Scalar) and not node.value.strip())
