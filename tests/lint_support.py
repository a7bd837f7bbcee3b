"""Lint targets from a few lines of YAML, for the tests of each rule (tests/test_lint_*.py)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from leaflet import load_clinic
from leaflet.lint.problem import LintProblem
from leaflet.lint.rules import Rule
from leaflet.lint.targets import Document, Target, clinic_targets, content_targets

CLINIC_HEAD = 'name: Test Clinic\nphone: "505-639-4973"\nroutes: [iv]\n'


def write(folder: Path, text: str, name: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def content_target(folder: Path, text: str, name: str = "en/topic.yaml", kind: str | None = None) -> Target:
    """A content file written from `text`; with `kind`, the file alone is a document of that kind."""
    target = content_targets([write(folder, text, name)])[0]
    if kind is None:
        return target
    return Target(target.source, "content", "en", target.texts, documents=(Document(kind, None, (target.source,)),))


def clinic_file_target(folder: Path, text: str, name: str = "clinic.yaml") -> Target:
    """A valid clinic file: CLINIC_HEAD (name, phone, routes) and then `text`; the target of its first language."""
    return clinic_file_targets(folder, text, name)[0]


def clinic_file_targets(folder: Path, text: str, name: str = "clinic.yaml") -> list[Target]:
    """A valid clinic file's targets, one for each of its languages."""
    return clinic_targets(load_clinic(write(folder, CLINIC_HEAD + textwrap.dedent(text).lstrip("\n"), name)))


def found(rule: Rule, target: Target) -> list[LintProblem]:
    return sorted(rule.check(target))


def places(problems: list[LintProblem]) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.level) for p in problems]
