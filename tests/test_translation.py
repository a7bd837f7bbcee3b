"""The units of a content file, their hashes, and the `translated_from:` block `leaflet translation-hash` gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import leaflet_exit
from translation_support import ENGLISH, tree

from leaflet import resources, translation
from leaflet.load import read_yaml


def english_units(folder: Path) -> dict[str, translation.Unit]:
    path = tree(folder, stamp=False)
    found = translation.english_units(path)
    assert found is not None
    return found


def test_the_units_are_the_strings_and_sections_not_dates_review_or_references(tmp_path: Path) -> None:
    assert list(english_units(tmp_path)) == [
        "title",
        "summary",
        "sections.about",
        "sections.evidence",
        "sheet.summary",
        "sheet_routes.iv",
    ]


def test_a_section_hashes_its_heading_and_body_together(tmp_path: Path) -> None:
    units = english_units(tmp_path)
    assert units["sections.about"].text == {"heading": "What PTSD is", "body": "PTSD can follow a frightening event."}
    assert all(len(u.hash) == 16 and int(u.hash, 16) >= 0 for u in units.values())
    assert len({u.hash for u in units.values()}) == len(units)


def test_a_changed_word_changes_the_hash_and_refolding_does_not(tmp_path: Path) -> None:
    before = english_units(tmp_path / "a")
    edited = ENGLISH.replace("Results vary.", "Results differ.")
    refolded = ENGLISH.replace("  summary: A short message.", "  summary: >-\n    A short\n    message.")
    after = english_units_of(tmp_path / "b", edited)
    same = english_units_of(tmp_path / "c", refolded)
    assert before["sections.evidence"].hash != after["sections.evidence"].hash
    assert before["sections.about"].hash == after["sections.about"].hash
    assert before["sheet.summary"].hash == same["sheet.summary"].hash


def english_units_of(folder: Path, english: str) -> dict[str, translation.Unit]:
    path = tree(folder, english=english, stamp=False)
    found = translation.english_units(path)
    assert found is not None
    return found


def test_the_block_records_every_english_unit(tmp_path: Path) -> None:
    path = tree(tmp_path, stamp=False)
    units = english_units(tmp_path / "again")
    assert translation.block(path) == "translated_from:\n" + "".join(f"  {p}: {u.hash}\n" for p, u in units.items())


def test_writing_the_block_replaces_the_old_one_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tree(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert text.count("translated_from:") == 1 and text.endswith(translation.block(path))
    path.write_text(text.replace("translated_from:", "translated_from:\n  old.unit: 0000000000000000", 1) + "# end\n")
    translation.write_block(path, translation.block(path))
    again = path.read_text(encoding="utf-8")
    assert "old.unit" not in again and again.endswith("# end\n") and again.count("translated_from:") == 1
    assert set(translation.recorded(read_yaml(path).root)) == set(english_units(tmp_path / "e"))


def test_the_command_prints_the_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tree(tmp_path, stamp=False)
    assert leaflet_exit(monkeypatch, "translation-hash", str(path)) == 0
    assert capsys.readouterr().out == translation.block(path)
    assert "translated_from" not in path.read_text(encoding="utf-8")


def test_the_command_writes_the_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tree(tmp_path, stamp=False)
    assert leaflet_exit(monkeypatch, "translation-hash", "--write", str(path)) == 0
    assert path.read_text(encoding="utf-8").endswith(translation.block(path))


def test_a_file_without_an_english_original_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "content" / "es" / "ocd.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("title: TOC\n", encoding="utf-8")
    assert leaflet_exit(monkeypatch, "translation-hash", str(path)) == 2
    english = tmp_path / "content" / "en" / "ocd.yaml"
    assert f"has no English original: {english} does not exist" in capsys.readouterr().err


def test_a_build_warns_of_a_translation_behind_its_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree(tmp_path)
    monkeypatch.setattr(resources, "content_dir", lambda: tmp_path / "content")
    translation.warnings.cache_clear()
    try:
        assert translation.warnings("es") == () and translation.warnings("en") == ()
        english = tmp_path / "content" / "en" / "ptsd.yaml"
        english.write_text(ENGLISH.replace("Results vary.", "Results differ."), encoding="utf-8")
        translation.warnings.cache_clear()
        assert translation.warnings("es") == (
            "the es text of ptsd.yaml may be older than its English (sections.evidence): see `leaflet lint --content`",
        )
    finally:
        translation.warnings.cache_clear()
