"""undefined-term: a glossary word used in a file before it is defined there."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_support import content_target, found, places

from leaflet.lint.rules import undefined_term


def test_a_word_used_without_its_definition_is_an_error_at_its_first_use(tmp_path: Path) -> None:
    text = "summary: Ketamine is off-label. The FDA has not approved it.\nbody: The FDA warned about it.\n"
    problems = found(undefined_term, content_target(tmp_path, text))
    assert places(problems) == [(1, 37, "error")]
    assert problems[0].message == '"FDA" is used before it is defined; say what it means where it first appears'


def test_a_definition_after_the_next_sentence_is_too_late(tmp_path: Path) -> None:
    text = "body: |\n  You had 6 IV doses. Rest well. IV means a drip into a vein.\n"
    assert places(found(undefined_term, content_target(tmp_path, text))) == [(2, 13, "error")]


@pytest.mark.parametrize(
    "text",
    [
        "summary: The FDA, the US agency that approves medicines, has not approved it.\n",
        "body: |\n  You had 6 IV doses. IV means a drip into a vein.\n",
        "heading: What PTSD is\nbody: PTSD stands for post-traumatic stress disorder.\n",
        "heading: Ketamine through a drip into a vein (IV)\nbody: An IV takes 40 minutes.\n",
        "body: Ask about SSRIs and SNRIs. These are kinds of antidepressants.\n",
        "body: Ask your iv team; fda rules apply.\n",  # acronyms count in capitals only
    ],
)
def test_a_word_defined_where_it_first_appears_passes(tmp_path: Path, text: str) -> None:
    assert found(undefined_term, content_target(tmp_path, text)) == []
