"""required-element: every document of a shipped kind carries what FACTS.md says every leaflet carries."""

from __future__ import annotations

from pathlib import Path

from lint_support import content_target, found

from leaflet.lint.rules import required_element

COMPLETE = """\
written: 2026-11-15
next_review: 2027-11-15
body: |
  Using ketamine for PTSD is off-label. Talk therapies come first. Doctors do
  not give ketamine if you have had psychosis. Side effects pass within hours.
  Do not drive until the next day. Results vary. Call or text 988, or call
  911. This is not a substitute for medical advice.
references: [fda2023]
"""


def test_a_document_with_every_element_passes(tmp_path: Path) -> None:
    assert found(required_element, content_target(tmp_path, COMPLETE, kind="handout")) == []


def test_a_missing_element_is_an_error_naming_it(tmp_path: Path) -> None:
    text = COMPLETE.replace("Call or text 988, or call\n  911.", "Call us.")
    problems = found(required_element, content_target(tmp_path, text, kind="handout"))
    assert [p.message.rsplit(" lacks ", 1)[1] for p in problems] == [
        "911 for immediate danger (emergency-911)",
        "the 988 crisis line (crisis-988)",
    ]
    assert problems[0].message.startswith("the handout (topic.yaml) lacks")
    assert {(p.line, p.column, p.level) for p in problems} == {(1, 1, "error")}


def test_missing_review_dates_and_sources_are_errors(tmp_path: Path) -> None:
    text = "\n".join(line for line in COMPLETE.splitlines() if not line.startswith(("next_review", "references")))
    problems = found(required_element, content_target(tmp_path, text + "\n", kind="brochure"))
    assert [p.message.rsplit("(", 1)[1] for p in problems] == ["review-dates)", "sources)"]


def test_a_kind_without_declared_elements_is_an_error(tmp_path: Path) -> None:
    problems = found(required_element, content_target(tmp_path, COMPLETE, kind="poster"))
    assert [p.message for p in problems] == [
        "the poster (topic.yaml): no required elements are declared for the kind 'poster'"
    ]
