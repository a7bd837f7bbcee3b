"""The shipped educational content: it loads, its citations resolve, it has what the handout needs, it is in
plain words, makes no marketing claims, is in date, and every handout carries the crisis lines and the
off-label statement."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyphen
import pytest
import textstat
from conftest import parse_html

from leaflet import content, resources
from leaflet.content import ConditionContent, Section, SharedContent
from leaflet.documents import KINDS
from leaflet.documents.handout import SECTIONS, SPECIAL_SECTIONS
from leaflet.documents.parts import definition
from leaflet.errors import InvalidInput
from leaflet.model import Clinic
from leaflet.render.html import render_html
from leaflet.schema import ROUTES

LANGUAGES = content.available_languages()
CONDITIONS = [(lang, condition) for lang in LANGUAGES for condition in sorted(content.conditions_with_content(lang))]
CONTENT_FILES = sorted(resources.content_dir().rglob("*.yaml")) + sorted(resources.documents_dir().glob("*.yaml"))
MAX_GRADE = 8.0
# The claims FACTS.md says a leaflet must never make. Whole words only, any case: "cure" flags "a cure",
# not "secure"; "resets" flags "resets the brain", not "preset".
FORBIDDEN = (
    "cure",
    "guaranteed",
    "safe and effective",
    "breakthrough",
    "miracle",
    "revolutionary",
    "no side effects",
    "non-addictive",
    "clinically proven",
    "permanent relief",
    "lasting relief",
    "rewires",
    "resets",
)
FORBIDDEN_PATTERN = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in FORBIDDEN) + r")\b", re.IGNORECASE)


def test_there_is_content_to_test() -> None:
    assert LANGUAGES == ("en",)
    assert {"ptsd", "depression", "anxiety"} <= content.conditions_with_content("en")


# -- loading ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_shared_content_loads(language: str) -> None:
    shared = content.shared_content(language)
    assert set(shared.sections) == set(content.SHARED_SECTIONS)
    assert set(shared.routes) >= {"iv", "intranasal", "intramuscular", "oral"}
    assert shared.in_home.heading and shared.in_home.body


@pytest.mark.parametrize(("language", "condition"), CONDITIONS)
def test_condition_content_loads(language: str, condition: str) -> None:
    about = content.condition_content(language, condition)
    assert about.title and about.summary
    assert set(about.sections) == set(content.CONDITION_SECTIONS)


def test_references_load_with_author_title_and_source() -> None:
    references = content.references()
    assert references
    for ref_id, reference in references.items():
        assert reference.id == ref_id
        assert reference.authors and reference.title and reference.source, ref_id
        if reference.doi:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", reference.doi), f"{ref_id}: {reference.doi!r} is not a DOI"
        if reference.url:
            assert reference.url.startswith("https://"), f"{ref_id}: {reference.url}"


# -- citations ---------------------------------------------------------------------------------------------------


def files_with_sections() -> list[tuple[str, SharedContent | ConditionContent, list[Section]]]:
    found: list[tuple[str, SharedContent | ConditionContent, list[Section]]] = []
    for language in LANGUAGES:
        shared = content.shared_content(language)
        sections = [*shared.sections.values(), *shared.routes.values(), shared.in_home]
        found.append((f"{language}/ketamine.yaml", shared, sections))
    for language, condition in CONDITIONS:
        about = content.condition_content(language, condition)
        found.append((f"{language}/{condition}.yaml", about, list(about.sections.values())))
    return found


@pytest.mark.parametrize(
    ("name", "loaded", "sections"), files_with_sections(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_citation_is_a_known_reference(name: str, loaded: object, sections: list[Section]) -> None:
    known = content.references()
    cited = {ref_id for section in sections for ref_id in content.CITATION.findall(section.body)}
    assert cited, f"{name} cites nothing"
    assert sorted(cited - set(known)) == []


@pytest.mark.parametrize(
    ("name", "loaded", "sections"), files_with_sections(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_cited_source_is_in_the_files_reference_list(
    name: str, loaded: SharedContent | ConditionContent, sections: list[Section]
) -> None:
    cited = {ref_id for section in sections for ref_id in content.CITATION.findall(section.body)}
    assert sorted(cited - set(loaded.references)) == []
    assert sorted(set(loaded.references) - set(content.references())) == []


def test_citation_syntax_is_never_half_written() -> None:
    """A `[@id]` with a typo in its brackets would be printed as text rather than numbered."""
    for path in CONTENT_FILES:
        text = path.read_text(encoding="utf-8")
        broken = [m for m in re.findall(r"\[@[^\]]*\]|@\w+\]|\[@\w+(?!\])", text) if not content.CITATION.fullmatch(m)]
        assert broken == [], path


# -- what the handout needs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "condition"), CONDITIONS)
def test_every_condition_has_the_sections_the_handout_lists(language: str, condition: str) -> None:
    about = content.condition_content(language, condition)
    shared = content.shared_content(language)
    for entry in definition(KINDS["handout"].definition_path, SECTIONS).sections:
        kind, _, section = entry.partition(".")
        if kind == "condition":
            assert about.sections[section].body.strip(), entry
        elif kind == "shared":
            assert shared.sections[section].body.strip(), entry
        else:
            assert entry in SPECIAL_SECTIONS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_route_a_clinic_may_offer_has_a_section(language: str) -> None:
    assert set(content.shared_content(language).routes) == set(ROUTES)


# -- no marketing claims ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: str(p.relative_to(resources.data_dir())))
def test_no_forbidden_marketing_words(path: Path) -> None:
    found = [
        f"line {text[: m.start()].count(chr(10)) + 1}: {m.group(0)!r}"
        for text in [path.read_text(encoding="utf-8")]
        for m in FORBIDDEN_PATTERN.finditer(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("There is no cure.", True),
        ("It RESETS the brain.", True),
        ("A Breakthrough!", True),
        ("It is non-addictive.", True),
        ("It is safe and effective.", True),
        ("Keep your records secure.", False),
        ("Your curfew is at nine.", False),
        ("Choose a preset.", False),
    ],
)
def test_the_forbidden_word_check_matches_whole_words_in_any_case(text: str, flagged: bool) -> None:
    assert bool(FORBIDDEN_PATTERN.search(text)) is flagged


# -- plain language -------------------------------------------------------------------------------------------------


@cache
def _hyphenator() -> pyphen.Pyphen:
    # left=1, right=1: count every syllable, even at the ends of a word ("a-bout", "ver-y").
    return pyphen.Pyphen(lang="en_US", left=1, right=1)


def syllables(word: str) -> int:
    return len(_hyphenator().positions(word.lower())) + 1


def flesch_kincaid_grade(text: str) -> float:
    """Flesch-Kincaid grade with textstat's word and sentence counts.

    textstat 0.7 counts English syllables with NLTK's CMUdict, which it downloads on first use; tests must not
    touch the network, so syllables come from Pyphen's en_US hyphenation dictionary (textstat's own fallback for
    words missing from CMUdict), with no minimum syllable length at either end of a word."""
    words = re.findall(r"[A-Za-z]+(?:['’][A-Za-z]+)?", text)
    count_words = textstat.lexicon_count(text)
    count_sentences = textstat.sentence_count(text)
    assert words and count_words and count_sentences
    syllable_count = sum(syllables(word) for word in words)
    return 0.39 * count_words / count_sentences + 11.8 * syllable_count / len(words) - 15.59


def plain_text(markdown: str) -> str:
    """What a reader reads of a body: Markdown rendered, citations and markup removed."""
    return parse_html(content.markdown_to_html(content.CITATION.sub("", markdown))).text()


def test_grade_tells_simple_from_hard_text() -> None:
    simple = "Ketamine is a medicine. It can help some people. Talk with your doctor. Ask about the risks."
    hard = (
        "Notwithstanding considerable methodological heterogeneity, randomized investigations demonstrated "
        "statistically significant amelioration of posttraumatic symptomatology following administration."
    )
    assert flesch_kincaid_grade(simple) < 4
    assert flesch_kincaid_grade(hard) > 15


@pytest.mark.parametrize(
    ("name", "loaded", "sections"), files_with_sections(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_reading_grade_is_at_most_eight(
    name: str, loaded: SharedContent | ConditionContent, sections: list[Section]
) -> None:
    bodies = [section.body for section in sections]
    if isinstance(loaded, ConditionContent):
        bodies.insert(0, loaded.summary)
    grade = flesch_kincaid_grade("\n\n".join(plain_text(body) for body in bodies))
    assert grade <= MAX_GRADE, f"{name}: Flesch-Kincaid grade {grade:.1f}"


# -- review dates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "loaded", "sections"), files_with_sections(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_review_dates_are_present_and_in_order(
    name: str, loaded: SharedContent | ConditionContent, sections: list[Section]
) -> None:
    assert loaded.review.reviewed.year >= 2025, name  # a real date, not the loader's date.min for a bad one
    assert loaded.review.next_review > loaded.review.reviewed, name


def test_a_next_review_before_the_last_review_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language = tmp_path / "content" / "en"
    language.mkdir(parents=True)
    original = (resources.content_dir() / "en" / "ptsd.yaml").read_text(encoding="utf-8")
    edited = re.sub(r"^next_review: .*$", "next_review: 2020-01-01", original, flags=re.M)
    (language / "ptsd.yaml").write_text(edited, encoding="utf-8")
    monkeypatch.setattr(resources, "content_dir", lambda: tmp_path / "content")
    content.condition_content.cache_clear()
    try:
        with pytest.raises(InvalidInput) as caught:
            content.condition_content("en", "ptsd")
    finally:
        content.condition_content.cache_clear()
    assert [(p.field, p.message) for p in caught.value.problems] == [("next_review", "must come after `reviewed`")]


# -- what every handout carries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("language", "condition"), CONDITIONS)
def test_every_handout_carries_crisis_lines_and_the_off_label_statement(
    minimal_clinic: Clinic, language: str, condition: str
) -> None:
    html = render_html(KINDS["handout"].make(minimal_clinic, condition, language), minimal_clinic)
    text = parse_html(html).find("main").text()
    assert re.search(r"\b988\b", text)
    assert re.search(r"\b911\b", text)
    assert re.search(r"\boff-label\b", text, re.IGNORECASE)
    assert "not a substitute for medical advice" in text
