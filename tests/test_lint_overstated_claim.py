"""overstated-claim: each claim FACTS.md forbids is flagged, and the same words negated are not."""

from __future__ import annotations

from pathlib import Path

import pytest
from lint_support import clinic_file_target, content_target, found, places

from leaflet.lint.rules import overstated_claim

FLAGGED = [
    ("Our infusions cure PTSD.", "cure"),
    ("Results are guaranteed.", "guaranteed"),
    ("100% of our patients improve.", "100%"),
    ("Ketamine always works.", "always works"),
    ("Ketamine is FDA-approved for PTSD.", "Ketamine is FDA-approved for PTSD"),
    ("Ketamine is approved by the FDA to treat anxiety.", "Ketamine is approved by the FDA to treat anxiety"),
    ("Ketamine is FDA-approved for depression.", "Ketamine is FDA-approved for depression"),
    ("It is safe and effective.", "safe and effective"),
    ("There are no side effects.", "no side effects"),
    ("Ketamine is non-addictive.", "non-addictive"),
    ("A miracle for depression.", "miracle"),
    ("A breakthrough in care.", "breakthrough"),
    ("A revolutionary treatment.", "revolutionary"),
    ("One treatment fixes depression.", "One treatment fixes"),
    ("Ketamine resets the brain.", "resets the brain"),
    ("It rewires your brain.", "rewires your brain"),
    ("It regrows neurons.", "regrows neurons"),
    ("Enjoy lasting relief.", "lasting relief"),
    ("Permanent relief from PTSD.", "Permanent relief"),
    ("Clinically proven for PTSD.", "Clinically proven"),
    ("It works better than antidepressants.", "better than antidepressants"),
    ("It is better than ECT.", "better than ECT"),
    ("Ketamine prevents suicide.", "prevents suicide"),
    ("It replaces therapy.", "replaces therapy"),
    ("Ketamine is safe at home.", "safe at home"),
    ("If other treatments have not helped, ketamine is guaranteed to work.", "guaranteed"),
    ("It is not a cure, but results are guaranteed.", "guaranteed"),
]
NOT_FLAGGED = [
    "Ketamine is not a cure.",
    "Ketamine is not FDA-approved for PTSD.",
    "The FDA has not approved ketamine for PTSD, depression or anxiety.",
    "Neither esketamine nor any other ketamine product is approved for PTSD or anxiety.",
    "Esketamine (Spravato), a form of ketamine, is FDA-approved for some kinds of depression.",
    "It does not show that ketamine is better than ECT.",
    "No treatment is guaranteed to work.",
    "It does not replace therapy.",
    "Ketamine is not safe at home without someone to watch you.",
    "It does not always work.",
    "Keep your records secure.",
    "The FDA has approved only two of them for PTSD: sertraline and paroxetine.",
]


@pytest.mark.parametrize(("sentence", "said"), FLAGGED)
def test_a_claim_is_an_error_in_the_content(tmp_path: Path, sentence: str, said: str) -> None:
    target = content_target(tmp_path, f"summary: |\n  {sentence}\n")
    problems = found(overstated_claim, target)
    assert [p.message.split('"')[1] for p in problems] == [said]
    assert problems[0].level == "error"


@pytest.mark.parametrize("sentence", NOT_FLAGGED)
def test_the_same_words_negated_or_true_are_not_a_claim(tmp_path: Path, sentence: str) -> None:
    assert found(overstated_claim, content_target(tmp_path, f"summary: |\n  {sentence}\n")) == []


ABOUT = """\
about: |
  Our infusions cure PTSD in a single session, guaranteed. Ketamine is
  FDA-approved for PTSD, completely safe and effective, with no side effects.
"""


def test_each_claim_in_a_clinics_about_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    problems = found(overstated_claim, clinic_file_target(tmp_path, ABOUT))
    # The file's line 4 is `about: |`; the text starts on line 5, column 3.
    assert places(problems) == [
        (5, 17, "error"),  # cure
        (5, 27, "error"),  # in a single session
        (5, 48, "error"),  # guaranteed
        (5, 60, "error"),  # Ketamine is FDA-approved for PTSD
        (6, 26, "error"),  # completely safe and effective
        (6, 62, "error"),  # no side effects
    ]
    assert all(p.rule == "overstated-claim" for p in problems)


@pytest.mark.parametrize(
    ("about", "column"),
    [
        ("about: Truly a miracle.", 16),  # plain: start + offset
        ('about: "Truly a miracle."', 17),  # quoted: start + offset + the quote
        ("about: 'It''s a miracle.'", 17),  # '' is one quote in the value, two in the file
        ("about: >-\n  Truly\n  a miracle.", 5),  # folded: on the third line of the file's value
    ],
)
def test_the_column_follows_the_scalars_style(tmp_path: Path, about: str, column: int) -> None:
    problems = found(overstated_claim, clinic_file_target(tmp_path, about + "\n"))
    line = 4 + about.count("\n")
    assert places(problems) == [(line, column, "error")]


def test_location_names_and_hours_are_the_clinics_text_too(tmp_path: Path) -> None:
    text = """\
    locations:
      - id: north
        name: The Miracle Room
        hours: "Mon-Fri, guaranteed"
    """
    problems = found(overstated_claim, clinic_file_target(tmp_path, text))
    assert [(p.line, p.column) for p in problems] == [(6, 15), (7, 22)]
