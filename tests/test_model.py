"""leaflet.model: a clinic's own text in the leaflet's language, else in the language it has."""

from __future__ import annotations

from leaflet.model import Said, Wording

HOURS = Wording((("en", "Mon-Fri 9:00-17:00"), ("es", "lun. a vie., 9:00-17:00")))


def test_a_wording_gives_its_text_in_the_leaflets_language() -> None:
    assert HOURS.in_language("es") == Said("lun. a vie., 9:00-17:00", "es", "es")
    assert HOURS.in_language("es").other_language is None


def test_a_language_without_text_gets_the_first_written_marked_as_such() -> None:
    shown = Wording((("es", "Fundada en 2019."),)).in_language("en")
    assert (shown.text, shown.other_language) == ("Fundada en 2019.", "es")
    assert HOURS.in_language("ar").other_language == "en"


def test_text_written_once_takes_the_first_language_and_texts_take_the_clinics_order() -> None:
    assert Wording((("", "Founded in 2019."),)).named(("en", "es")) == Wording((("en", "Founded in 2019."),))
    assert Wording(tuple(reversed(HOURS.texts))).named(("en", "es")) == HOURS


def test_paragraphs_split_at_blank_lines() -> None:
    assert Said("One.\n\n  \nTwo\nlines.", "en", "en").paragraphs == ("One.", "Two\nlines.")
