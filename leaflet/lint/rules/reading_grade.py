"""reading-grade: a file's prose, read as one text, above the Flesch-Kincaid grade limit (data/lint/<lang>.yaml
`reading.max_grade`); the message gives the SMOG index too. A grade of a few words means nothing, so a text
shorter than `reading.min_words` is not graded.

An error in the shipped content (graded per file); a warning for a clinic's own text.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.readability import grade, word_count
from leaflet.lint.targets import Role, Target

ID = "reading-grade"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"clinic", "content"})
DESCRIPTION = "the text's Flesch-Kincaid grade is above the limit (SMOG in the message)"


def check(target: Target) -> Iterator[LintProblem]:
    if not target.texts:
        return
    words = target.words
    values = [text.value for text in target.texts]
    if word_count(values) < words.min_words:  # before the grade: a short `about` never loads Pyphen
        return
    found = grade(values)
    if found.flesch_kincaid <= words.max_grade:
        return
    yield target.at(
        target.texts[0],
        0,
        ID,
        target.level(LEVEL),
        f"reads at Flesch-Kincaid grade {found.flesch_kincaid:.1f} (SMOG {found.smog:.1f}), above "
        f"{words.max_grade:g}: use shorter sentences and everyday words",
    )
