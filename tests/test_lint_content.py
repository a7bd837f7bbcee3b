"""The shipped content lints clean: every rule is an error there (review-date's "soon" aside, a warning)."""

from __future__ import annotations

from leaflet import resources
from leaflet.documents import KINDS
from leaflet.lint.engine import errors, format_text, lint_content
from leaflet.lint.targets import content_targets
from leaflet.lint.words import words


def test_the_shipped_content_has_no_lint_errors() -> None:
    problems = lint_content()
    assert errors(problems) == [], format_text(problems)


def test_every_shipped_kind_declares_its_required_elements() -> None:
    for language in sorted(p.name for p in resources.content_dir().iterdir() if p.is_dir()):
        assert set(KINDS) <= set(words(language).required), language


def test_every_document_is_checked_once_on_its_first_content_file() -> None:
    led = [(target.language, d.kind, d.topic) for target in content_targets() for d in target.documents]
    assert len(led) == len(set(led))
    assert ("en", "handout", "ptsd") in led and ("en", "brochure", None) in led
