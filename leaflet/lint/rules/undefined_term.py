"""undefined-term: a medical word from the glossary (data/lint/<lang>.yaml `terms`: FDA, IV, PTSD, SSRI, ...)
used in a file before it is defined there. A definition counts in the sentence of the first use or the next one
("... 6 IV doses. IV means through a drip into a vein."). A heading or title (one line, no full stop) names what
follows, so a word in it is not yet a use; but a heading may define a word ("... a drip into a vein (IV)").

An error in the shipped content; not checked in a clinic's text (the leaflet's content defines the words).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.readability import sentences
from leaflet.lint.targets import Role, Target
from leaflet.lint.text import Text

ID = "undefined-term"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "a medical word (FDA, IV, PTSD, ...) used before it is defined in the file"


def check(target: Target) -> Iterator[LintProblem]:
    for term in target.words.terms:
        first = _first_use(target.texts, term.pattern)
        if first is None:
            continue
        index, offset = first
        text = target.texts[index]
        if _defined_by(target.texts, index, _end_of_next_sentence(text.value, offset), term.defined):
            continue
        yield target.at(
            text,
            offset,
            ID,
            target.level(LEVEL),
            f'"{term.term}" is used before it is defined; say what it means where it first appears',
        )


def _first_use(texts: tuple[Text, ...], pattern: re.Pattern[str]) -> tuple[int, int] | None:
    for index, text in enumerate(texts):
        if _heading(text.value):
            continue
        found = pattern.search(text.value)
        if found is not None:
            return index, found.start()
    return None


def _end_of_next_sentence(value: str, offset: int) -> int:
    ends = [s.end for s in sentences(value) if s.end > offset]
    return ends[1] if len(ends) > 1 else len(value)


def _defined_by(texts: tuple[Text, ...], index: int, until: int, defined: re.Pattern[str]) -> bool:
    """Whether a definition starts before `until` in texts[index], or anywhere in an earlier text."""
    for earlier in texts[:index]:
        if defined.search(earlier.value):
            return True
    found = defined.search(texts[index].value)
    return found is not None and found.start() < until


def _heading(value: str) -> bool:
    return "\n" not in value.strip() and not re.search(r"[.!?:]", value)
