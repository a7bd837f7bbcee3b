"""translation-review-date: a translation's dates differ from its English file's: a warning."""

from __future__ import annotations

from pathlib import Path

from lint_support import found, places
from translation_support import SPANISH, target, tree

from leaflet.lint.rules import translation_review_date


def test_the_same_dates_pass(tmp_path: Path) -> None:
    assert found(translation_review_date, target(tree(tmp_path))) == []


def test_different_dates_are_warnings_at_each_date(tmp_path: Path) -> None:
    spanish = SPANISH.replace("written: 2026-11-15", "written: 2026-10-01").replace("2027-11-15", "2027-10-01")
    problems = found(translation_review_date, target(tree(tmp_path, spanish=spanish)))
    assert places(problems) == [(3, 10, "warning"), (4, 14, "warning")]
    english = tmp_path / "content" / "en" / "ptsd.yaml"
    assert problems[0].message.startswith(f"written 2026-10-01 differs from {english}'s 2026-11-15")
