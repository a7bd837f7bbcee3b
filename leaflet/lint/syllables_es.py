"""Spanish syllables counted by rule, not by hyphenation points: Spanish hyphenation dictionaries (Pyphen's, and
textstat's through them) keep a diphthong whole but also join vowels in hiatus, and never break at a word's
first or last letter, so "agua", "oído" and "aorta" come out at 1, 2 and 2 syllables instead of 2, 3 and 3.

A syllable has one nucleus: a strong vowel (a, e, o, or a weak one with a written accent, í or ú) or, between
strong ones, a run of weak vowels (i, u, ü, and a word-final y as in "hoy", "buey"). Two strong vowels side by
side are two syllables (hiatus: "a-or-ta", "o-í-do"); a weak vowel next to a strong one, or two weak vowels,
share one (diphthong or triphthong: "a-gua", "ciu-dad", "U-ru-guay"). An h between vowels is written as a
break, as the spelling rules divide it ("a-hí", "a-ho-ra"). The u of "que", "qui", "gue", "gui" is not said;
the ü of "güe", "güi" is.
"""

from __future__ import annotations

import re
import unicodedata

_STRONG = frozenset("aeoáéóíúàèò")  # an accented weak vowel is a nucleus of its own: "rí-o", "ba-úl"
_WEAK = frozenset("iuüy")  # y only where _vowels keeps it, at a word's end after a vowel
_VOWELS = _STRONG | _WEAK
# In an abbreviation's shape (v vowel, r for l or r, c another consonant): two consonants at its start (but "pl",
# "tr"), at its end, or three together.
_UNSAYABLE = re.compile(r"^[cr]c|[cr]{3}|[cr]{2}$")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")  # "que", "guerra", "guion": the u is a letter, not a sound
# The syllables of the names of the letters ("efe", "de", "a"), for an abbreviation read letter by letter.
_LETTER_NAMES = dict.fromkeys("abcdegikopqtuy", 1) | dict.fromkeys("fhjlmnñrsvxz", 2) | {"w": 3}
_DIGIT_NAMES = dict(zip("0123456789", (2, 2, 1, 1, 2, 2, 1, 2, 2, 2), strict=True))  # cero, uno, dos, tres ...


def syllables(word: str) -> int:
    """The syllables of one Spanish word as it is said: at least 1 for any word with a letter or digit in it."""
    if word.isdigit():
        # A number in a leaflet is a phone number or short: read digit by digit, "nueve ocho ocho".
        return sum(_DIGIT_NAMES[d] for d in word if d in _DIGIT_NAMES) or 1
    letters = "".join(ch for ch in word if ch.isalpha())
    if not letters:
        return 1 if word.strip() else 0
    if _spelled(letters):
        return sum(_LETTER_NAMES.get(_plain(ch), 1) for ch in letters.lower())
    return max(1, _nuclei(_vowels(letters.lower())))


def _spelled(letters: str) -> bool:
    """An abbreviation said letter by letter: in capitals, and short ("FDA", "TCC") or not sayable as a Spanish
    word ("PTSD", "EMDR", "TEPT": no vowel, or more consonants together than a Spanish syllable allows). One
    that is sayable, like "SIDA" or "UNICEF", is said as a word."""
    if len(letters) < 2 or not letters.isupper():
        return False
    shape = "".join("v" if _plain(ch) in "aeiou" else "r" if ch in "lr" else "c" for ch in letters.lower())
    return len(letters) <= 3 or "v" not in shape or _UNSAYABLE.search(shape) is not None


def _plain(ch: str) -> str:
    return unicodedata.normalize("NFD", ch)[0] if ch != "ñ" else ch


def _vowels(word: str) -> str:
    """The word with each letter that is not a vowel sound replaced by a break ("-")."""
    word = _SILENT_U.sub("-", word)
    out = []
    for index, ch in enumerate(word):
        if ch == "y":
            # A vowel only where it ends a word after a vowel ("hoy", "muy") or is the word "y" alone.
            alone = len(word) == 1
            final = index == len(word) - 1 and index > 0 and word[index - 1] in _VOWELS
            out.append("y" if alone or final else "-")
        else:
            out.append(ch if ch in _VOWELS else "-")
    return "".join(out)


def _nuclei(sounds: str) -> int:
    """The syllable nuclei in a string of vowels and breaks."""
    count = 0
    for run in sounds.split("-"):
        if not run:
            continue
        strong = sum(1 for ch in run if ch in _STRONG)
        # Weak vowels lean on a strong neighbour; a run of weak vowels alone ("ui", "iu", "y") is one syllable.
        count += strong if strong else 1
    return count
