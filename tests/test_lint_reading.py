"""reading-grade and sentence-length, and the offline readability they read (leaflet.lint.readability)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from lint_support import clinic_file_target, content_target, found, places

from leaflet.lint.readability import SPANISH_MIN_EASE, grade, sentences, spanish_ease, syllables
from leaflet.lint.rules import reading_grade, sentence_length

SIMPLE = "Ketamine is a medicine. It can help some people. Talk with your doctor. Ask about the risks. " * 4
HARD = (
    "Notwithstanding considerable methodological heterogeneity, randomized investigations demonstrated "
    "statistically significant amelioration of posttraumatic symptomatology following administration. "
) * 3


def test_syllables_come_from_the_hyphenation_dictionary() -> None:
    # Hyphenation points, so a little under the spoken count; the grade limit was set with the same count.
    assert [syllables(w) for w in ("cat", "ketamine", "depression", "administration")] == [1, 2, 3, 5]


def test_grade_tells_simple_from_hard_text() -> None:
    assert grade([SIMPLE]).flesch_kincaid < 4
    assert grade([HARD]).flesch_kincaid > 15
    assert grade([HARD]).smog > grade([SIMPLE]).smog


def test_citations_link_targets_and_list_marks_are_not_read() -> None:
    text = "- Call [988](tel:988) now [@lifeline988].\n- Go to the nearest emergency room.\n"
    assert [(s.words, text[s.start : s.start + 4]) for s in sentences(text)] == [(2, "Call"), (6, "Go t")]


def test_the_grade_needs_no_network_and_no_textstat() -> None:
    code = (
        "import sys; from leaflet.lint.readability import grade; "
        "g = grade(['Ketamine is a medicine. It can help some people.']); "
        "assert g.words == 9, g; print(sorted(m for m in ('textstat', 'nltk') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"


def test_hard_content_is_an_error_with_its_smog(tmp_path: Path) -> None:
    problems = found(reading_grade, content_target(tmp_path, f"summary: {HARD}\n"))
    assert places(problems) == [(1, 10, "error")]
    assert "Flesch-Kincaid grade" in problems[0].message and "(SMOG " in problems[0].message


def test_plain_content_passes(tmp_path: Path) -> None:
    assert found(reading_grade, content_target(tmp_path, f"summary: {SIMPLE}\n")) == []


def test_a_hard_about_is_a_warning_and_a_short_one_is_not_graded(tmp_path: Path) -> None:
    assert places(found(reading_grade, clinic_file_target(tmp_path, f"about: {HARD}\n"))) == [(4, 8, "warning")]
    short = "about: Founded by two emergency physicians.\n"
    assert found(reading_grade, clinic_file_target(tmp_path, short, "short.yaml")) == []


LONG = "We will " + "check on you " * 8 + "today."  # 2 + 24 + 1 = 27 words
LIMIT = "We will " + "check on you " * 7 + "rest now."  # 2 + 21 + 2 = 25 words


def test_a_sentence_over_25_words_is_an_error_in_the_content_where_it_starts(tmp_path: Path) -> None:
    problems = found(sentence_length, content_target(tmp_path, f"body: |\n  Rest first. {LONG}\n"))
    assert places(problems) == [(2, 15, "error")]
    assert problems[0].message == "this sentence has 27 words, more than 25: split it"


def test_a_sentence_of_25_words_passes(tmp_path: Path) -> None:
    assert found(sentence_length, content_target(tmp_path, f"body: {LIMIT}\n")) == []


def test_a_long_sentence_in_a_clinics_about_is_a_warning(tmp_path: Path) -> None:
    assert places(found(sentence_length, clinic_file_target(tmp_path, f"about: {LONG}\n"))) == [(4, 8, "warning")]


SIMPLE_ES = "Es un remedio. Puede ayudar a unos. Hable con su médico. Pregunte por los riesgos. " * 4
HARD_ES = (
    "No obstante la considerable heterogeneidad metodológica, las investigaciones aleatorizadas demostraron "
    "una mejoría estadísticamente significativa de la sintomatología postraumática tras la administración. "
) * 3


def test_spanish_ease_tells_simple_from_hard_text() -> None:
    assert spanish_ease([SIMPLE_ES]).fernandez_huerta > 80
    assert spanish_ease([HARD_ES]).fernandez_huerta < 30
    assert spanish_ease([HARD_ES]).szigriszt_pazos < spanish_ease([SIMPLE_ES]).szigriszt_pazos


def test_spanish_ease_is_fernandez_huerta_with_spoken_syllables() -> None:
    # 4 words, 1 sentence, 2 + 3 + 3 + 2 syllables (a-gua, o-í-do, a-or-ta, pa-ís): the counts textstat gets wrong.
    ease = spanish_ease(["Agua, oído, aorta, país."])
    assert (ease.words, ease.sentences) == (4, 1)
    assert round(ease.fernandez_huerta, 2) == round(206.84 - 60 * 10 / 4 - 1.02 * 4, 2)
    assert round(ease.szigriszt_pazos, 2) == round(206.835 - 62.3 * 10 / 4 - 4, 2)


def test_hard_spanish_content_is_an_error_graded_by_fernandez_huerta(tmp_path: Path) -> None:
    problems = found(reading_grade, content_target(tmp_path, f"summary: {HARD_ES}\n", "es/topic.yaml"))
    assert places(problems) == [(1, 10, "error")]
    assert "Fernández-Huerta ease" in problems[0].message and "INFLESZ" in problems[0].message
    assert f"below {SPANISH_MIN_EASE:g}" in problems[0].message


def test_plain_spanish_content_passes(tmp_path: Path) -> None:
    target = content_target(tmp_path, f"summary: {SIMPLE_ES}\n", "es/topic.yaml")
    assert target.language == "es"
    assert found(reading_grade, target) == []


def test_a_hard_spanish_about_is_a_warning(tmp_path: Path) -> None:
    hard = HARD_ES[: len(HARD_ES) * 2 // 3]  # two sentences: an `about` is at most 600 characters
    target = dataclasses.replace(clinic_file_target(tmp_path, f"about: {hard}\n"), language="es")
    problems = found(reading_grade, target)
    assert places(problems) == [(4, 8, "warning")] and "Fernández-Huerta" in problems[0].message


def test_a_long_spanish_sentence_is_an_error_too(tmp_path: Path) -> None:
    long = "Vamos a " + "hablar con usted " * 8 + "hoy."  # 2 + 24 + 1 = 27 words
    problems = found(sentence_length, content_target(tmp_path, f"body: {long}\n", "es/topic.yaml"))
    assert places(problems) == [(1, 7, "error")]
