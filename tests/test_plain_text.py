"""What counts as plain text, and how a user's text and file names are shown back on the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from leaflet.plain_text import character_name, has_visible, shown_path, unsafe_problem


@pytest.mark.parametrize(
    "text",
    ["", " ", "\u200b", "\u00ad", "\u2060", "\u200e", "\ufeff", "\u0301", "\u20dd", "\u3000\u00a0", "\u3164", "\u2800"],
)
def test_text_that_prints_no_mark_has_nothing_visible(text: str) -> None:
    assert not has_visible(text)


@pytest.mark.parametrize("text", ["A", "\u200bA", "e\u0301", "·", "9", "ש", "😀", "\u00ad-"])
def test_text_with_a_letter_digit_or_symbol_has_something_visible(text: str) -> None:
    assert has_visible(text)


@pytest.mark.parametrize(
    ("character", "name"),
    [
        ("\x1b", "U+001B ESCAPE"),
        ("\x00", "U+0000 NULL"),
        ("\x7f", "U+007F DELETE"),
        ("\x85", "U+0085 NEXT LINE"),
        ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
        ("\u2028", "U+2028 LINE SEPARATOR"),
        ("\x9b", "U+009B"),  # a C1 control, with no name of its own in the database
    ],
)
def test_a_character_is_named_by_its_code_point_and_name(character: str, name: str) -> None:
    assert character_name(character) == name


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
def test_a_text_direction_mark_is_refused_and_says_where_it_comes_from(mark: str) -> None:
    problem = unsafe_problem(f"9:00{mark}-17:00")
    assert problem is not None
    assert f"contains {character_name(mark)}, an invisible text-direction mark that copying from a right-to-left " in (
        problem
    )
    assert problem.endswith("; delete it (leaflet sets the direction of right-to-left text itself)")


@pytest.mark.parametrize("character", [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
def test_every_other_text_direction_character_is_refused(character: str) -> None:
    assert (unsafe_problem(f"a{character}b") or "").startswith(
        f"contains the text-direction character {character_name(character)}, "
    )


def test_a_path_is_shown_with_its_controls_escaped() -> None:
    # A file name that would forge a problem line and retitle the terminal.
    path = Path("clinics/x.yaml\n  3:1  name  forged\x1b]0;pwned\x07\u202e.yaml")
    assert shown_path(path) == "clinics/x.yaml\\x0a  3:1  name  forged\\x1b]0;pwned\\x07\\u202e.yaml"


def test_a_long_path_is_shown_whole_and_a_name_that_is_not_utf8_by_its_bytes() -> None:
    long = "/" + "a" * 300 + "/clinic.yaml"
    assert shown_path(long) == long
    assert shown_path("/tmp/cl\udce9nica.yaml") == "/tmp/cl\\udce9nica.yaml"
