"""Run the rules over clinic files or the shipped content, and print what they found."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from leaflet.lint.problem import LintProblem
from leaflet.lint.rules import RULES
from leaflet.lint.targets import Target, clinic_targets, content_targets
from leaflet.model import Clinic


def lint(targets: Iterable[Target]) -> list[LintProblem]:
    """Every problem every rule finds in `targets`, in file, line and column order."""
    return sorted(
        problem
        for target in targets
        for rule in RULES.values()
        if target.role in rule.TARGETS
        for problem in rule.check(target)
    )


def lint_clinics(clinics: Iterable[Clinic]) -> list[LintProblem]:
    """Lint validated clinics' files: their own text, contact details and colours."""
    return lint(target for clinic in clinics for target in clinic_targets(clinic))


def lint_content(paths: list[Path] | None = None) -> list[LintProblem]:
    """Lint the shipped content (data/content/<lang>/*.yaml), or the content files `paths`."""
    return lint(content_targets(paths))


def errors(problems: list[LintProblem]) -> list[LintProblem]:
    return [p for p in problems if p.level == "error"]


def format_text(problems: list[LintProblem]) -> str:
    """One `file:line:col: [level] rule-id message` line each."""
    return "\n".join(str(problem) for problem in problems)


def format_json(problems: list[LintProblem]) -> str:
    return json.dumps({"problems": [p.to_json() for p in problems]}, indent=2, ensure_ascii=False)


def summary(problems: list[LintProblem]) -> str:
    count = len(errors(problems))
    return f"{_plural(count, 'error')}, {_plural(len(problems) - count, 'warning')}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
