"""reading-grade: a file's prose, read as one text, harder than the limit for its language. English: above the
Flesch-Kincaid grade limit (data/lint/<lang>.yaml `reading.max_grade`), the SMOG index in the message. Spanish:
below the Fernández-Huerta reading ease limit (readability.SPANISH_MIN_EASE), Szigriszt-Pazos/INFLESZ in the
message; English grade formulas count English syllables and would misjudge it. A grade of a few words means
nothing, so a text shorter than `reading.min_words` is not graded.

An error in the shipped content (graded per file); a warning for a clinic's own text.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.readability import SPANISH_MIN_EASE, grade, spanish_ease, word_count
from leaflet.lint.targets import Role, Target

ID = "reading-grade"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"clinic", "content"})
DESCRIPTION = (
    "the text's Flesch-Kincaid grade is above the limit (SMOG in the message); "
    "Spanish: its Fernández-Huerta ease is below 70"
)


def check(target: Target) -> Iterator[LintProblem]:
    if not target.texts:
        return
    words = target.words
    values = [text.value for text in target.texts]
    if word_count(values) < words.min_words:  # before the grade: a short `about` never loads Pyphen
        return
    if target.language == "es":
        ease = spanish_ease(values)
        if ease.fernandez_huerta >= SPANISH_MIN_EASE:
            return
        message = (
            f"reads at Fernández-Huerta ease {ease.fernandez_huerta:.1f} (Szigriszt-Pazos/INFLESZ "
            f'{ease.szigriszt_pazos:.1f}), below {SPANISH_MIN_EASE:g} ("bastante fácil"): use shorter '
            "sentences and everyday words"
        )
    else:
        found = grade(values)
        if found.flesch_kincaid <= words.max_grade:
            return
        message = (
            f"reads at Flesch-Kincaid grade {found.flesch_kincaid:.1f} (SMOG {found.smog:.1f}), above "
            f"{words.max_grade:g}: use shorter sentences and everyday words"
        )
    yield target.at(target.texts[0], 0, ID, target.level(LEVEL), message)
