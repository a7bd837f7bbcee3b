"""The lint rules, one module each, and RULES: the only list of them (the CLI, the README table and the tests
read it; nothing else names a rule).

Each rule module declares
    ID           its name in messages and in RULES: "overstated-claim"
    LEVEL        "error" or "warning": its level in a clinic's own text (the shipped content: always "error")
    TARGETS      what it reads: "clinic" files, "content" files, or both
    DESCRIPTION  one line for the README
    check()      (target) -> the LintProblems it finds, each with its file, line and column
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.rules import (
    brand_contrast,
    marker_after_number,
    overstated_claim,
    placeholder_contact,
    reading_grade,
    required_element,
    review_date,
    sentence_length,
    translation_missing,
    translation_review_date,
    translation_stale,
    undefined_term,
    untranslated_text,
)
from leaflet.lint.targets import Role, Target


class Rule(Protocol):
    ID: str
    LEVEL: Level
    TARGETS: frozenset[Role]
    DESCRIPTION: str

    def check(self, target: Target) -> Iterator[LintProblem]: ...


_MODULES: tuple[Rule, ...] = (
    overstated_claim,
    reading_grade,
    sentence_length,
    undefined_term,
    required_element,
    review_date,
    placeholder_contact,
    brand_contrast,
    translation_stale,
    translation_missing,
    translation_review_date,
    untranslated_text,
    marker_after_number,
)
RULES: dict[str, Rule] = {rule.ID: rule for rule in _MODULES}


def rules_markdown() -> str:
    """The rules as a Markdown table, for the README (a test compares)."""
    rows = ["| rule | in a clinic file | in the shipped content | what it finds |", "| --- | --- | --- | --- |"]
    for rule in RULES.values():
        clinic = rule.LEVEL if "clinic" in rule.TARGETS else "-"
        shipped = "error" if "content" in rule.TARGETS else "-"
        rows.append(f"| `{rule.ID}` | {clinic} | {shipped} | {rule.DESCRIPTION} |")
    return "\n".join(rows)
