"""overstated-claim: a marketing claim FACTS.md says a leaflet must never make ("cure", "guaranteed",
"FDA-approved for PTSD", "no side effects", ...), unless a negation comes before it in its clause: "it is not a
cure", "ketamine is not FDA-approved for PTSD", "it does not show that ketamine is better than ECT".

An error everywhere: in the shipped content and in a clinic's own text (`about`, location names, hours).
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.lint.words import Claim, Words

ID = "overstated-claim"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"clinic", "content"})
DESCRIPTION = 'a claim a leaflet must not make ("cure", "FDA-approved for PTSD", "no side effects"), unless negated'


def check(target: Target) -> Iterator[LintProblem]:
    words = target.words
    for text in target.texts:
        for claim in words.claims:
            for match in claim.pattern.finditer(text.value):
                if not _negated_or_true(text.value, match.start(), match.end(), claim, words):
                    said = " ".join(match.group(0).split())
                    yield target.at(text, match.start(), ID, target.level(LEVEL), f'"{said}": {claim.instead}')


def clause_start(value: str, offset: int, words: Words) -> int:
    """Where the clause holding `offset` begins: after the last clause break before it, and after a leading
    "if/when/because ..., " clause."""
    start = 0
    for found in words.clause_breaks.finditer(value, 0, offset):
        start = found.end()
    lead = words.leading_clause.match(value, start)
    if lead is not None and lead.end() <= offset:
        start = lead.end()
    return start


def _negated_or_true(value: str, start: int, end: int, claim: Claim, words: Words) -> bool:
    begin = clause_start(value, start, words)
    # A claim worded with its own negation ("no side effects") is negated only by words before it.
    negation_zone = value[begin:start] if claim.negative else value[begin:end]
    if words.negation.search(negation_zone):
        return True
    if claim.unless is not None:
        clause_end = next(iter(words.clause_breaks.finditer(value, end)), None)
        return bool(claim.unless.search(value, begin, clause_end.start() if clause_end else len(value)))
    return False
