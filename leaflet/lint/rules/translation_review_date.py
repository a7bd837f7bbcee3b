"""translation-review-date: a translation's `written` or `next_review` differs from its English file's.

A translation is brought in step with its English as a whole: when it is, it takes the English file's dates, so
a leaflet in either language says the same about when its text was checked and is next due.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet import translation
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.load import Scalar, read_yaml

ID = "translation-review-date"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "a translation's written or next_review date differs from its English file's (always a warning)"
DATES = ("written", "next_review")


def check(target: Target) -> Iterator[LintProblem]:
    source = translation.english_path(target.path)
    if not translation.is_translation(target.path) or not source.is_file():
        return
    english = read_yaml(source).root
    for name in DATES:
        mine, theirs = target.source.root.get(name), english.get(name)
        if not isinstance(mine, Scalar) or not isinstance(theirs, Scalar):
            continue  # a missing date is the content loader's error (leaflet.content)
        if mine.value.strip() != theirs.value.strip():
            message = (
                f"{name} {mine.value.strip()} differs from {source}'s {theirs.value.strip()}: once the translation "
                f"is in step with the English, give it the English file's dates"
            )
            yield target.problem(ID, "warning", mine.line, mine.column, message)
