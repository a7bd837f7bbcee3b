"""Content files are walked with positions: a reviewer or translator sees each problem's line and column."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from leaflet import content, resources
from leaflet.errors import InvalidInput
from leaflet.spec.content import read_brochure, read_condition, read_references, read_shared

PTSD = resources.content_dir() / "en" / "ptsd.yaml"


def line_of(text: str, pattern: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if re.match(pattern, line))


def edited(tmp_path: Path, edit: Callable[[str], str], source: Path = PTSD) -> tuple[Path, str]:
    text = edit(source.read_text(encoding="utf-8"))
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    return path, text


def problems(read: Callable[[], object]) -> list[tuple[int, int, str, str]]:
    with pytest.raises(InvalidInput) as caught:
        read()
    return [(p.line, p.column, p.field, p.message) for p in caught.value.problems]


def test_the_shipped_files_read_as_before() -> None:
    shared = read_shared(content.shared_path("en"), "en")
    assert shared == content.shared_content("en")
    assert read_condition(PTSD, "en", "ptsd") == content.condition_content("en", "ptsd")
    assert read_brochure(content.brochure_path("en"), "en") == content.brochure_content("en")
    assert read_references(resources.content_dir() / "references.yaml") == content.references()
    assert shared.translated_from == {} and list(shared.routes) == ["iv", "intramuscular", "oral"]


def test_a_misspelt_section_and_the_one_it_misses_are_both_placed(tmp_path: Path) -> None:
    path, text = edited(tmp_path, lambda text: text.replace("\n  usual_care:", "\n  usual_cure:", 1))
    assert problems(lambda: read_condition(path, "en", "ptsd")) == [
        (
            line_of(text, "sections:") + 1,
            3,
            "sections.usual_care",
            "is missing; add `usual_care:` (The usual_care section: heading and body.)",
        ),
        (
            line_of(text, "  usual_cure:"),
            3,
            "sections.usual_cure",
            "is not a section; did you mean 'usual_care'? (sections here: about, usual_care, evidence)",
        ),
    ]


def test_a_date_problem_points_at_the_date(tmp_path: Path) -> None:
    path, text = edited(
        tmp_path, lambda text: re.sub(r"^next_review: .*$", "next_review: 2020-01-01", text, flags=re.M)
    )
    assert problems(lambda: read_condition(path, "en", "ptsd")) == [
        (line_of(text, "next_review:"), 14, "next_review", "must come after `written`")
    ]


def test_an_unknown_top_level_key_is_refused(tmp_path: Path) -> None:
    path, text = edited(tmp_path, lambda text: text + "tagline: Not here\n")
    [(line, column, field, message)] = problems(lambda: read_condition(path, "en", "ptsd"))
    assert (line, column, field) == (line_of(text, "tagline:"), 1, "tagline")
    assert message.startswith("is not a field (fields here: title, summary, written, next_review, review, sections")


def test_translated_from_is_read_and_checked(tmp_path: Path) -> None:
    good = "translated_from:\n  sections.about: 0123456789abcdef\n  sheet_routes.iv: fedcba9876543210\n"
    path, _ = edited(tmp_path, lambda text: text + good, content.shared_path("en"))
    assert read_shared(path, "en").translated_from == {
        "sections.about": "0123456789abcdef",
        "sheet_routes.iv": "fedcba9876543210",
    }
    path, text = edited(tmp_path, lambda text: text + "translated_from:\n  title: 0123\n")
    line = line_of(text, "  title: 0123")
    assert problems(lambda: read_condition(path, "en", "ptsd")) == [
        (
            line,
            10,
            "translated_from.title",
            "'0123' is not a content hash; give the 16 hex digits of the hash of the English text this unit was "
            "translated from",
        )
    ]


def test_a_reference_without_a_title_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "references.yaml"
    path.write_text("a2020:\n  authors: A\n  source: B\n", encoding="utf-8")
    assert problems(lambda: read_references(path)) == [(2, 3, "a2020.title", "is missing; add `title:` (Its title.)")]


def with_status_body(first_line: str) -> Callable[[str], str]:
    """An edit of the shared file: `first_line` put before the text of its status section's body."""

    def edit(text: str) -> str:
        found = re.search(r"^  status:\n    heading: .*\n    body: \|\n", text, re.M)
        assert found, "the shared file's status section moved"
        return text[: found.end()] + f"      {first_line}\n\n" + text[found.end() :]

    return edit


def test_a_gate_naming_an_unknown_id_is_placed_at_its_marker(tmp_path: Path) -> None:
    path, text = edited(tmp_path, with_status_body("{only: iv, pill} Words."), content.shared_path("en"))
    assert problems(lambda: read_shared(path, "en")) == [
        (
            line_of(text, r"      \{only: iv, pill\}"),
            7,
            "sections.status.body",
            "{only: iv, pill}: 'pill' is not a route, setting or spray a gate can name (iv, intranasal, "
            "intramuscular, oral, clinic, clinician_home, self_home, esketamine, compounded)",
        )
    ]


def test_a_misspelt_gate_is_refused_with_the_word_it_meant(tmp_path: Path) -> None:
    path, text = edited(tmp_path, with_status_body("{onyl: clinic} Words."), content.shared_path("en"))
    [(line, column, field, message)] = problems(lambda: read_shared(path, "en"))
    assert (line, column, field) == (line_of(text, r"      \{onyl"), 7, "sections.status.body")
    assert message == "{onyl: clinic} is not a gate: write {only: ...} or {not: ...}; did you mean 'only'?"


def test_a_gate_inside_a_paragraph_is_refused(tmp_path: Path) -> None:
    path, text = edited(tmp_path, with_status_body("Some words {only: iv} and more."), content.shared_path("en"))
    [(line, column, field, message)] = problems(lambda: read_shared(path, "en"))
    assert (line, column, field) == (line_of(text, "      Some words"), 18, "sections.status.body")
    assert message == "a gate must start a paragraph or a list item: move it there, or split the paragraph"


def test_a_heading_cannot_be_gated(tmp_path: Path) -> None:
    def edit(text: str) -> str:
        return re.sub(r"^(  status:\n    heading: ).*$", r'\1"{only: iv} Its status"', text, count=1, flags=re.M)

    path, text = edited(tmp_path, edit, content.shared_path("en"))
    [(line, _, field, message)] = problems(lambda: read_shared(path, "en"))
    assert (line, field) == (line_of(text, "  status:") + 1, "sections.status.heading")
    assert message == "a heading cannot be gated: gate each paragraph of its section instead"
