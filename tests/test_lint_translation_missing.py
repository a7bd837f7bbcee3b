"""translation-missing: an English unit or file that a language lacks is an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_support import found, write
from translation_support import ENGLISH, SPANISH, target, tree

from leaflet import i18n, resources
from leaflet.lint.rules import translation_missing


def test_a_complete_translation_passes(tmp_path: Path) -> None:
    assert found(translation_missing, target(tree(tmp_path))) == []


def test_a_missing_section_is_reported_at_its_mapping(tmp_path: Path) -> None:
    lines = SPANISH.splitlines(keepends=True)
    without_about = "".join(lines[:5] + lines[8:])  # drop sections.about (heading and body)
    path = tree(tmp_path, spanish=without_about)
    [problem] = found(translation_missing, target(path))
    assert (problem.line, problem.column, problem.level) == (5, 1, "error")
    assert problem.message.startswith(f"sections.about is in {tmp_path / 'content' / 'en' / 'ptsd.yaml'} but not")


def test_a_missing_top_level_string_is_reported_at_the_root(tmp_path: Path) -> None:
    path = tree(tmp_path, spanish=SPANISH.replace("summary: La ketamina puede ayudar a algunas personas.\n", ""))
    [problem] = found(translation_missing, target(path))
    assert (problem.line, problem.column) == (1, 1) and problem.message.startswith("summary is in")


def test_a_missing_file_is_reported_once_on_the_language_s_first_file(tmp_path: Path) -> None:
    path = tree(tmp_path)
    write(tmp_path, ENGLISH, "content/en/anxiety.yaml")
    write(tmp_path, ENGLISH, "content/en/zzz.yaml")
    problems = found(translation_missing, target(path))
    assert [(p.file.name, p.line, p.column, p.level) for p in problems] == [
        ("anxiety.yaml", 0, 0, "error"),
        ("zzz.yaml", 0, 0, "error"),
    ]
    assert problems[0].file == tmp_path / "content" / "es" / "anxiety.yaml"
    assert "has no es translation" in problems[0].message
    later = write(tmp_path, SPANISH, "content/es/zzz.yaml")  # not the first file: reports no file twice
    assert [p.file.name for p in found(translation_missing, target(later))] == []


def test_english_is_never_missing_anything(tmp_path: Path) -> None:
    tree(tmp_path)
    assert found(translation_missing, target(tmp_path / "content" / "en" / "ptsd.yaml")) == []


def test_a_language_without_a_catalogue_is_told_so(tmp_path: Path) -> None:
    write(tmp_path, ENGLISH, "content/en/ptsd.yaml")
    path = write(tmp_path, SPANISH, "content/xx/ptsd.yaml")
    [problem] = [p for p in found(translation_missing, target(path)) if p.file.suffix == ".po"]
    assert problem.file == i18n.catalogue_path("xx") and (problem.line, problem.level) == (0, "error")
    assert problem.message.startswith("is missing: the words around the content would print in English")


def test_each_untranslated_message_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locale = tmp_path / "locale" / "es" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    original = i18n.catalogue_path("es").read_text(encoding="utf-8")
    (locale / "leaflet.po").write_text(original.replace('msgstr "Fuentes"', 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(resources, "locale_dir", lambda: tmp_path / "locale")
    problems = found(translation_missing, target(tree(tmp_path)))
    assert [(p.file, p.message) for p in problems] == [
        (
            locale / "leaflet.po",
            "has no translation of 'Sources', which would print in English; translate it (make catalog)",
        )
    ]
