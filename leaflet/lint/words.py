"""The words and limits the rules read, per language, from data/lint/<lang>.yaml (shipped inside the wheel)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from leaflet import resources

_FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Claim:
    id: str  # what the message calls it: "cure", "FDA-approved"
    pattern: re.Pattern[str]
    instead: str  # what to say instead
    negative: bool = False  # worded with a negation of its own ("no side effects"): only words before negate it
    unless: re.Pattern[str] | None = None  # found in the clause, the words are true


@dataclass(frozen=True)
class Term:
    term: str
    pattern: re.Pattern[str]  # a use of it
    defined: re.Pattern[str]  # its definition


@dataclass(frozen=True)
class Element:
    id: str
    name: str  # as the message names it: "the off-label statement"
    pattern: re.Pattern[str] | None
    keys: tuple[str, ...]  # top-level keys one of the files must set


@dataclass(frozen=True)
class Words:
    language: str
    negation: re.Pattern[str]
    clause_breaks: re.Pattern[str]
    leading_clause: re.Pattern[str]
    claims: tuple[Claim, ...]
    terms: tuple[Term, ...]
    max_grade: float
    min_words: int
    max_sentence_words: int
    required: dict[str, tuple[Element, ...]]  # per document kind


def words_path(language: str) -> Path:
    return resources.data_dir() / "lint" / f"{language}.yaml"


@cache
def words(language: str) -> Words:
    """The words for `language`; English where a language has none of its own yet."""
    path = words_path(language)
    data: dict[str, Any] = yaml.load(  # our own file, read with the safe loader
        (path if path.is_file() else words_path("en")).read_text(encoding="utf-8"), Loader=_FAST_LOADER
    )
    reading = data["reading"]
    return Words(
        language=language,
        negation=_regex(data["negation"]),
        clause_breaks=re.compile(data["clause_breaks"], re.IGNORECASE),
        leading_clause=re.compile(data["leading_clause"], re.IGNORECASE),
        claims=tuple(
            Claim(
                id=str(c["id"]),
                pattern=_regex(c["pattern"]),
                instead=c["instead"],
                negative=bool(c.get("negative", False)),
                unless=_regex(c["unless"]) if "unless" in c else None,
            )
            for c in data["claims"]
        ),
        terms=tuple(
            Term(
                term=t["term"],
                pattern=_regex(t.get("pattern", rf"\b{re.escape(t['term'])}\b"), case=True),  # acronyms: capitals
                defined=_regex(t["defined"]),
            )
            for t in data["terms"]
        ),
        max_grade=float(reading["max_grade"]),
        min_words=int(reading["min_words"]),
        max_sentence_words=int(reading["max_sentence_words"]),
        required={
            kind: tuple(
                Element(
                    id=e["id"],
                    name=e["name"],
                    pattern=_regex(e["pattern"]) if "pattern" in e else None,
                    keys=tuple(e.get("keys", ())),
                )
                for e in elements
            )
            for kind, elements in data["required"].items()
        },
    )


def _regex(pattern: str, case: bool = False) -> re.Pattern[str]:
    """A pattern from the file, in which a space matches any white space: in a `|` block a line may break there."""
    return re.compile(pattern.replace(" ", r"\s+"), 0 if case else re.IGNORECASE)
