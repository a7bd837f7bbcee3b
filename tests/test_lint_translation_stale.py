"""translation-stale: a translated unit whose English changed since, or that records no hash, is an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import leaflet_exit
from lint_support import found, places
from translation_support import ENGLISH, SPANISH, target, tree

from leaflet import content, resources, translation
from leaflet.lint.rules import translation_stale


def test_a_translation_in_step_passes(tmp_path: Path) -> None:
    assert found(translation_stale, target(tree(tmp_path))) == []


def test_an_english_edit_makes_its_unit_stale_at_the_unit(tmp_path: Path) -> None:
    path = tree(tmp_path)
    english = tmp_path / "content" / "en" / "ptsd.yaml"
    english.write_text(ENGLISH.replace("Results vary.", "Results differ from person to person."), encoding="utf-8")
    [problem] = found(translation_stale, target(path))
    assert (problem.file, problem.line, problem.column, problem.level) == (path, 9, 3, "error")
    assert problem.message.startswith(f"sections.evidence is stale: its English in {english} has changed")
    assert f"`leaflet translation-hash {path}`" in problem.message


def test_an_english_edit_is_stale_until_the_new_hash_is_recorded(tmp_path: Path) -> None:
    path = tree(tmp_path)
    english = tmp_path / "content" / "en" / "ptsd.yaml"
    english.write_text(ENGLISH.replace("Ketamine for PTSD", "Ketamine and PTSD"), encoding="utf-8")
    assert places(found(translation_stale, target(path))) == [(1, 1, "error")]
    translation.write_block(path, translation.block(path))
    assert found(translation_stale, target(path)) == []


def test_a_unit_without_a_recorded_hash_is_an_error(tmp_path: Path) -> None:
    path = tree(tmp_path, stamp=False)
    problems = found(translation_stale, target(path))
    assert [p.message.split(" ")[0] for p in problems] == [
        "title",
        "summary",
        "sections.about",
        "sections.evidence",
        "sheet.summary",
        "sheet_routes.iv",
    ]
    assert "records no hash of the English it was translated from" in problems[0].message


def test_a_hash_for_a_unit_the_english_no_longer_has_is_an_error(tmp_path: Path) -> None:
    path = tree(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "  sections.gone: 0123456789abcdef\n", encoding="utf-8")
    [problem] = found(translation_stale, target(path))
    assert problem.message.startswith("translated_from.sections.gone is no unit of")


def test_english_itself_is_never_stale(tmp_path: Path) -> None:
    tree(tmp_path)
    assert found(translation_stale, target(tmp_path / "content" / "en" / "ptsd.yaml")) == []


def test_the_shipped_spanish_sample_wording_is_not_what_is_checked(tmp_path: Path) -> None:
    """The rule compares hashes, not words: a translation may say anything, as long as it records its English."""
    path = tree(tmp_path, spanish=SPANISH.replace("Un goteo en una vena.", "Por la vena."))
    assert found(translation_stale, target(path)) == []


def test_lint_content_fails_when_a_translated_section_goes_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """End to end, on the shipped content with a stand-in `es` (a copy of the English, its hashes recorded)."""
    data = tmp_path / "data"
    shutil.copytree(resources.data_dir(), data)
    shutil.copytree(data / "content" / "en", data / "content" / "es", dirs_exist_ok=True)
    for path in sorted((data / "content" / "es").glob("*.yaml")):
        translation.write_block(path, translation.block(path))
    monkeypatch.setattr(resources, "data_dir", lambda: data)
    monkeypatch.chdir(tmp_path)
    for cached in (content.available_languages, content.conditions_with_content):
        cached.cache_clear()
    try:
        leaflet_exit(monkeypatch, "lint", "--content")  # other rules may read the stand-in's English as bad Spanish
        assert " translation-" not in capsys.readouterr().out
        english = data / "content" / "en" / "ptsd.yaml"
        english.write_text(english.read_text(encoding="utf-8").replace("PTSD", "post-traumatic stress"), "utf-8")
        assert leaflet_exit(monkeypatch, "lint", "--content") == 1
        out = capsys.readouterr().out
        assert "data/content/es/ptsd.yaml:1:1: [error] translation-stale title is stale" in out
    finally:
        for cached in (content.available_languages, content.conditions_with_content):
            cached.cache_clear()
