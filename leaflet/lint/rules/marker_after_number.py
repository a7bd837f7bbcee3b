"""marker-after-number: a citation `[@id]` touching a number ("838255 [@veterans-crisis-line]", "24/7[@x]",
"[988](tel:988) [@x]"). A marker is printed as a superscript against the word before it, so after a number it
reads as more digits of that number ("838255⁶": a patient in crisis dials the wrong line), and a reader who
copies the text gets them too. A marker between digits splits the number. Cite the number's sentence by a word,
or cite the line once elsewhere. Reported at the marker.

An error in the shipped content (a clinic's own text has no citations).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target

ID = "marker-after-number"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "a citation marker right after (or inside) a number, where it reads as another digit"

# A digit, then what Markdown prints nothing of (the end of bold or italics, the end of a link's text and its
# address), then spaces (the marker is printed against the word before it): then a marker.
_AFTER = re.compile(r"\d(?:[*_]{1,3})?(?:\]\([^()\s]*\))?(?:[*_]{1,3})?\s*(?P<marker>\[@[a-z0-9_-]+\])")
# A marker with a digit straight after it: inside a number.
_BEFORE = re.compile(r"(?P<marker>\[@[a-z0-9_-]+\])(?:[*_]{1,3})?\d")


def check(target: Target) -> Iterator[LintProblem]:
    for text in target.texts:
        offsets = sorted(
            {match.start("marker") for pattern in (_AFTER, _BEFORE) for match in pattern.finditer(text.value)}
        )
        for offset in offsets:
            yield target.at(
                text,
                offset,
                ID,
                target.level(LEVEL),
                "this citation touches a number, where it reads as another digit of it: cite the sentence "
                "after a word, or cite the line once elsewhere",
            )
