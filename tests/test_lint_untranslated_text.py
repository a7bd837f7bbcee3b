"""untranslated-text, and a clinic's own text read per language: each language's text is checked with that
language's words, and a leaflet shows text it lacks in the language it has, marked as such."""

from __future__ import annotations

from pathlib import Path

from lint_support import clinic_file_targets, found, places

from leaflet.lint.rules import overstated_claim, untranslated_text

TWO_LANGUAGES = """
languages: [en, es]
about: "Founded by two emergency physicians."
locations:
  - id: main
    name: Main
    hours: {en: "Mon-Fri 9:00-17:00", es: "lun. a vie., 9:00-17:00"}
  - id: north
    name: North
    hours: {en: "Tue-Sat 9:00-16:00"}
"""


def test_text_a_language_lacks_is_named_where_it_is_written(tmp_path: Path) -> None:
    first, spanish = clinic_file_targets(tmp_path, TWO_LANGUAGES)
    problems = found(untranslated_text, first)
    assert places(problems) == [(5, 8, "warning"), (12, 12, "warning")]
    assert [p.message for p in problems] == [
        "about is written in English only: the Spanish leaflets print it in English; write it per language: "
        "about: {en: ..., es: ...}",
        "hours is written in English only: the Spanish leaflets print it in English; write it per language: "
        "hours: {en: ..., es: ...}",
    ]
    assert found(untranslated_text, spanish) == []  # the clinic's file is checked once


def test_a_clinic_with_one_language_or_every_text_in_each_has_nothing_to_translate(tmp_path: Path) -> None:
    one = clinic_file_targets(tmp_path, 'about: "Founded by two emergency physicians."\n', "one.yaml")
    both = clinic_file_targets(tmp_path, 'languages: [en, es]\nabout: {en: "Founded.", es: "Fundada."}\n', "two.yaml")
    assert [found(untranslated_text, target) for target in one + both] == [[], [], []]


def test_text_in_a_language_the_clinic_does_not_list_is_named_as_shown_by_no_leaflet(tmp_path: Path) -> None:
    [target] = clinic_file_targets(tmp_path, 'about:\n  en: "Founded in 2019."\n  es: "Fundada en 2019."\n')
    assert [(p.line, p.column, p.message) for p in found(untranslated_text, target)] == [
        (
            6,
            3,
            "about has text in Spanish, which the clinic does not list in languages (en): no leaflet shows it; add "
            "es to languages or remove it",
        )
    ]
    assert [text.path for text in target.texts] == ["about.en"]


def test_text_only_in_a_language_the_clinic_does_not_list_is_what_its_leaflets_show(tmp_path: Path) -> None:
    [target] = clinic_file_targets(tmp_path, 'about: {es: "Fundada en 2019."}\n')
    assert [p.message for p in found(untranslated_text, target)] == [
        "about is written in Spanish only: the English leaflets print it in Spanish; write it per language: "
        "about: {en: ...}"
    ]
    assert target.clinic is not None and target.clinic.about is not None
    assert target.clinic.about.in_language("en").other_language == "es"


def test_each_languages_text_is_checked_with_that_languages_claim_words(tmp_path: Path) -> None:
    english, spanish = clinic_file_targets(
        tmp_path,
        """
        languages: [en, es]
        about:
          en: "We cure PTSD."
          es: "Resultados garantizados."
        """,
    )
    assert [text.path for text in english.texts] == ["about.en"]
    assert [text.path for text in spanish.texts] == ["about.es"]
    assert [(p.line, p.column) for p in found(overstated_claim, english)] == [(6, 11)]
    assert [(p.line, p.column) for p in found(overstated_claim, spanish)] == [(7, 19)]
