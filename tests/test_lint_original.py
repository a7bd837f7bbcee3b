"""leaflet.lint.original: the English original the translation rules read, or None when there is none."""

from __future__ import annotations

from pathlib import Path

from translation_support import target, tree

from leaflet.lint.original import english_original


def test_a_translation_has_its_english_file_and_units(tmp_path: Path) -> None:
    original = english_original(target(tree(tmp_path)))
    assert original is not None
    assert original.path == tmp_path / "content" / "en" / "ptsd.yaml"
    assert "sections.evidence" in original.units
    assert "title" in original.units


def test_an_english_file_and_a_translation_without_one_have_none(tmp_path: Path) -> None:
    spanish = tree(tmp_path)
    english = tmp_path / "content" / "en" / "ptsd.yaml"
    assert english_original(target(english)) is None  # the English is no translation of itself
    english.unlink()
    assert english_original(target(spanish)) is None
