"""marker-after-number: a citation marker touching a number, where it prints as more digits of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_support import content_target, found, places

from leaflet.lint.rules import marker_after_number, sentence_length


@pytest.mark.parametrize(
    ("body", "column"),  # the column in the file: the body is indented by two spaces
    [
        ("Text the Veterans Crisis Line at 838255 [@veterans-crisis-line].", 43),  # "838255⁶"
        ("It is open 24/7[@lifeline988].", 18),  # "24/7⁵"
        ("Call or text [988](tel:988) [@lifeline988].", 31),  # a number as a link's text
        ("Call **988** [@lifeline988] now.", 16),  # in bold
        ("Text 83[@veterans-crisis-line]8255.", 10),  # inside the number
        ("20 of 100\n  [@feder2021] got better.", 3),  # on the next line: printed against the number all the same
    ],
)
def test_a_marker_touching_a_number_is_an_error_at_the_marker(tmp_path: Path, body: str, column: int) -> None:
    problems = found(marker_after_number, content_target(tmp_path, f"body: |\n  {body}\n"))
    line = 3 if "\n" in body else 2
    assert places(problems) == [(line, column, "error")]
    assert problems[0].message == (
        "this citation touches a number, where it reads as another digit of it: cite the sentence after a word, "
        "or cite the line once elsewhere"
    )


@pytest.mark.parametrize(
    "body",
    [
        "Call or text 988 at any time. The line is free [@lifeline988].",
        "Text 838255 to reach the Veterans Crisis Line [@veterans-crisis-line].",
        "Call [988](tel:988), the Lifeline [@lifeline988].",
        "Most people get better [@feder2021] [@vadod2023].",
    ],
)
def test_a_marker_after_a_word_passes(tmp_path: Path, body: str) -> None:
    assert found(marker_after_number, content_target(tmp_path, f"body: |\n  {body}\n")) == []


def test_a_gates_marker_is_not_read_as_words_of_the_sentence(tmp_path: Path) -> None:
    # 25 words, the limit: the gate's `{only: iv, oral}` would make 28.
    sentence = " ".join(["word"] * 24) + " end."
    assert found(sentence_length, content_target(tmp_path, f"body: |\n  {{only: iv, oral}} {sentence}\n")) == []
    too_long = f"body: |\n  {{only: iv, oral}} word {sentence}\n"
    assert [(p.line, p.rule) for p in found(sentence_length, content_target(tmp_path, too_long))] == [
        (2, "sentence-length")
    ]
