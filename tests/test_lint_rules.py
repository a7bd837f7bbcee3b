"""The rules table: one module per rule, each declaring what RULES and the README read."""

from __future__ import annotations

import re
from pathlib import Path

from leaflet.lint.rules import RULES, rules_markdown

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_rule_declares_its_id_level_targets_and_description() -> None:
    assert list(RULES) == [
        "overstated-claim",
        "reading-grade",
        "sentence-length",
        "undefined-term",
        "required-element",
        "review-date",
        "placeholder-contact",
        "brand-contrast",
        "translation-stale",
        "translation-missing",
        "translation-review-date",
        "untranslated-text",
        "marker-after-number",
    ]
    for rule_id, rule in RULES.items():
        assert rule_id == rule.ID
        assert rule.LEVEL in ("error", "warning")
        assert rule.TARGETS and {"clinic", "content"} >= rule.TARGETS
        assert rule.DESCRIPTION


def test_the_readme_table_is_the_rules_table() -> None:
    match = re.search(r"<!-- lint-rules:start -->\n(.*?)\n<!-- lint-rules:end -->", README, re.S)
    assert match, "README lost its lint-rules markers"
    assert match.group(1) == rules_markdown()


def test_the_readme_explains_the_sample_mark() -> None:
    assert "SAMPLE — NOT FOR DISTRIBUTION" in README
