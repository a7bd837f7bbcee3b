"""Document definitions are walked with positions: a typo in a section fails at its line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet.documents import KINDS, brochure, guide
from leaflet.errors import InvalidInput
from leaflet.spec.definitions import read_definition


def problems(path: Path, allowed: frozenset[str], panels: frozenset[str] = frozenset()) -> list[tuple[object, ...]]:
    with pytest.raises(InvalidInput) as caught:
        read_definition(path, allowed, panels)
    return [(p.line, p.column, p.field, p.message) for p in caught.value.problems]


def test_the_shipped_definitions_read() -> None:
    laid_out = read_definition(KINDS["brochure"].definition_path, brochure.SECTIONS, brochure.PANELS).panels
    assert sorted(panel.id for panel in laid_out) == sorted(brochure.PANELS)
    # The crisis lines first (a patient may read the guide alone), then what the condition is.
    assert read_definition(KINDS["guide"].definition_path, guide.SECTIONS).sections[:2] == ("crisis", "condition.about")


def test_a_misspelt_section_gets_a_suggestion_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "guide.yaml"
    path.write_text("id: guide\nsections:\n  - condition.about\n  - contakt\n", encoding="utf-8")
    [(line, column, field, message)] = problems(path, guide.SECTIONS)
    assert (line, column, field) == (4, 5, "sections[1]")
    assert message.startswith("'contakt' is not a section; did you mean 'contact'? (condition.about, ")


def test_panels_are_each_listed_once_with_an_id(tmp_path: Path) -> None:
    path = tmp_path / "brochure.yaml"
    path.write_text("id: brochure\npanels:\n  - sections: [cover]\n  - id: covr\n    sections: []\n", encoding="utf-8")
    each = ", ".join(sorted(brochure.PANELS))
    assert problems(path, brochure.SECTIONS, brochure.PANELS) == [
        (3, 3, "panels", f"must list each panel once: {each}"),
        (3, 5, "panels[0].id", "is missing; add `id:` (Which panel: where it sits is the kind's.)"),
        (4, 9, "panels[1].id", f"'covr' is not a panel; did you mean 'cover'? ({each})"),
    ]


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "guide.yaml"
    path.write_text("id: guide\nsection: [contact]\n", encoding="utf-8")
    assert problems(path, guide.SECTIONS) == [
        (1, 1, "sections", "is missing; add `sections:` (The document's sections, in order.)"),
        (2, 1, "section", "is not a field; did you mean 'sections'? (fields here: id, sections)"),
    ]
