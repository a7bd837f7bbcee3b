"""Reading level without the network: sentences, words and syllables counted here, English syllables by Pyphen's
hyphenation dictionary (textstat after 0.7.8 downloads a pronunciation dictionary on first use, and fails
offline), Spanish ones by rule (leaflet.lint.syllables_es). Markdown marks, citations and link targets are not
words a reader reads.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from leaflet.lint import syllables_es

if TYPE_CHECKING:
    import pyphen

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Citations ([@id]) and link targets ((tel:988)) are not read; the rest of a Markdown link is.
_NOT_READ = re.compile(r"\[@[^\]]*\]|\]\([^)]*\)")
# A sentence ends at . ! ? (then a space or the end), at a blank line, before a list item, and at the end of a
# line that has no full stop (a heading, a list item written without one).
_SENTENCE_END = re.compile(r"[.!?]+(?=[\s*_)\]\"'’”]|$)|\n\s*\n|\n(?=\s*(?:[-*+]|\d+[.)])\s)|:\s*\n|$")


@dataclass(frozen=True)
class Sentence:
    start: int  # offset in the text
    end: int
    words: int


def readable(text: str) -> str:
    """`text` with what a reader does not read blanked out, offsets kept."""
    return _NOT_READ.sub(lambda m: " " * len(m.group(0)), text)


def sentences(text: str) -> Iterator[Sentence]:
    """The sentences of a string (Markdown allowed), each with its offsets and number of words."""
    text = readable(text)
    start = 0
    for end in _SENTENCE_END.finditer(text):
        chunk = text[start : end.end()]
        count = len(WORD.findall(chunk))
        if count:
            lead = len(chunk) - len(chunk.lstrip(" \n-*+#>0123456789.)"))
            yield Sentence(start + lead, end.start(), count)
        start = end.end()
        if start >= len(text):
            break


@cache
def _hyphenator() -> pyphen.Pyphen:
    import pyphen  # loaded on the first grade computed: a build with nothing to lint never pays for it

    # left=1, right=1: count every syllable, even at the ends of a word ("a-bout", "ver-y").
    return pyphen.Pyphen(lang="en_US", left=1, right=1)


def syllables(word: str) -> int:
    return len(_hyphenator().positions(word.lower())) + 1


@dataclass(frozen=True)
class Grade:
    flesch_kincaid: float
    smog: float
    words: int
    sentences: int


def word_count(texts: list[str]) -> int:
    """Words a reader reads, counted without loading the hyphenation dictionary."""
    return sum(len(WORD.findall(readable(text))) for text in texts)


def grade(texts: list[str]) -> Grade:
    """Flesch-Kincaid grade and SMOG index of `texts` read as one document."""
    sentence_count = sum(1 for text in texts for _ in sentences(text))
    words = [w for text in texts for w in WORD.findall(readable(text))]
    if not words or not sentence_count:
        return Grade(0.0, 0.0, 0, 0)
    counts = [syllables(w) for w in words]
    fk = 0.39 * len(words) / sentence_count + 11.8 * sum(counts) / len(words) - 15.59
    polysyllables = sum(1 for c in counts if c >= 3)
    smog = 1.043 * math.sqrt(polysyllables * 30 / sentence_count) + 3.1291
    return Grade(fk, smog, len(words), sentence_count)


# Fernández-Huerta 70 is the foot of "bastante fácil" (fairly easy) on its scale, where 60-70 is "normal": the
# Spanish counterpart of the English grade limit. The one place the Spanish limit is declared.
SPANISH_MIN_EASE = 70.0


@dataclass(frozen=True)
class Ease:
    fernandez_huerta: float  # 90+ very easy, 80-90 easy, 70-80 fairly easy, 60-70 normal, below 50 hard
    szigriszt_pazos: float  # read on the INFLESZ scale: 65-80 fairly easy, 55-65 normal, below 40 very hard
    words: int
    sentences: int


def spanish_ease(texts: list[str]) -> Ease:
    """Fernández-Huerta and Szigriszt-Pazos reading ease of Spanish `texts` read as one document (higher reads
    more easily). Fernández-Huerta is taken in the form every implementation uses (Law's correction): 206.84 -
    60 x syllables per word - 1.02 x words per sentence; printed as "0.60 P - 1.02 F" with F "sentences per 100
    words", it would grade shorter sentences as harder."""
    sentence_count = sum(1 for text in texts for _ in sentences(text))
    words = [w for text in texts for w in WORD.findall(readable(text))]
    if not words or not sentence_count:
        return Ease(0.0, 0.0, 0, 0)
    per_word = sum(syllables_es.syllables(w) for w in words) / len(words)
    per_sentence = len(words) / sentence_count
    return Ease(
        206.84 - 60 * per_word - 1.02 * per_sentence,
        206.835 - 62.3 * per_word - per_sentence,
        len(words),
        sentence_count,
    )
