"""sentence-length: a sentence longer than `reading.max_sentence_words` words (data/lint/<lang>.yaml): one idea
per sentence reads more easily. Reported where the sentence starts.

An error in the shipped content; a warning for a clinic's own text.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.readability import sentences
from leaflet.lint.targets import Role, Target

ID = "sentence-length"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"clinic", "content"})
DESCRIPTION = "a sentence longer than the limit in words"


def check(target: Target) -> Iterator[LintProblem]:
    limit = target.words.max_sentence_words
    for text in target.texts:
        for sentence in sentences(text.value):
            if sentence.words > limit:
                yield target.at(
                    text,
                    sentence.start,
                    ID,
                    target.level(LEVEL),
                    f"this sentence has {sentence.words} words, more than {limit}: split it",
                )
