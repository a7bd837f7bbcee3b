"""The prose of a YAML file: each string with the file position of each of its characters.

A scalar's value is not its source text: quotes, folding and indentation differ. The characters that are not
white space appear in the source in the same order in every style, so a position inside the value is found by
walking both together from the scalar's start (after its quote, or on the line after a `|` or `>` header).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from leaflet.load import Mapping, Node, Scalar, Sequence, SourceFile

_PROSE = re.compile(r"[^\W\d_]{2,}\s+\S")  # two letters, a space, more: a heading or a sentence, not an id or date


@dataclass(frozen=True)
class Text:
    """A string value of a file, with its field path and its source."""

    path: str  # like "sections.about.body"
    node: Scalar
    source: SourceFile

    @property
    def value(self) -> str:
        return self.node.value

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column in the file of the value's character at `offset`."""
        return self._positions[min(offset, len(self.node.value))]

    @cached_property
    def _positions(self) -> list[tuple[int, int]]:
        return _align(self.node, self.source)


def strings(node: Node, source: SourceFile, path: str = "") -> Iterator[Text]:
    """Every string value under `node` (not the keys), in file order."""
    if isinstance(node, Scalar):
        yield Text(path, node, source)
    elif isinstance(node, Sequence):
        for index, item in enumerate(node.items):
            yield from strings(item, source, f"{path}[{index}]")
    else:
        for key, value in node.items:
            yield from strings(value, source, f"{path}.{key.value}" if path else key.value)


def prose(node: Node, source: SourceFile) -> Iterator[Text]:
    """The string values under `node` that are words for a reader, not ids, dates, numbers or addresses."""
    return (text for text in strings(node, source) if _PROSE.search(text.value))


def field(root: Mapping, dotted: str) -> Node | None:
    """The node at a path like "locations[].name" (the first match) — see `fields` for every match."""
    return next(iter(fields(root, dotted)), None)


def fields(root: Node, dotted: str) -> list[Node]:
    """The nodes at a path like "about" or "locations[].hours": `[]` means every item of a list."""
    found: list[Node] = [root]
    for part in dotted.split("."):
        name, each = part.removesuffix("[]"), part.endswith("[]")
        step = [n.get(name) for n in found if isinstance(n, Mapping)]
        found = [n for n in step if n is not None]
        if each:
            found = [item for n in found if isinstance(n, Sequence) for item in n.items]
    return found


def _align(node: Scalar, source: SourceFile) -> list[tuple[int, int]]:
    lines = source.lines
    line, column = node.line - 1, node.column - 1  # 0-based, into source.lines
    first = lines[line][column : column + 1] if line < len(lines) else ""
    if first in ("|", ">"):
        line, column = line + 1, 0  # the header line may end in a comment; the text starts below it
    elif first in ('"', "'"):
        column += 1
    value = node.value
    result: list[tuple[int, int]] = []
    for char in value:
        if not char.isspace():
            line, column = _find(lines, line, column, char)
        result.append((line + 1, column + 1))
        if not char.isspace():
            column += 1
    result.append((line + 1, column + 1))
    return result


def _find(lines: tuple[str, ...], line: int, column: int, char: str) -> tuple[int, int]:
    """The next place at or after (line, column) holding `char`, skipping white space (and, for an escape like
    `\\"` or a doubled `''`, a few other characters); where we are if it is not found close by."""
    here_line, here_column, skipped = line, column, 0
    while here_line < len(lines) and skipped < 8:
        text = lines[here_line]
        while here_column < len(text):
            found = text[here_column]
            if found == char:
                return here_line, here_column
            if not found.isspace():
                skipped += 1
                if skipped >= 8:
                    return line, column
            here_column += 1
        here_line, here_column = here_line + 1, 0
    return line, column
