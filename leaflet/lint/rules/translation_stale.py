"""translation-stale: a translated unit whose English has changed since it was translated, or that records no
hash of the English it came from (so nobody can tell). A translation is never silently older than its source.

Each translation records, in `translated_from:`, the hash of every English unit it was translated from
(leaflet.translation); `leaflet translation-hash <file>` prints the hashes of the current English.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet import translation
from leaflet.lint.original import english_original
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.load import Scalar

ID = "translation-stale"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "a translated section whose English changed since it was translated (its `translated_from:` hash)"


def check(target: Target) -> Iterator[LintProblem]:
    original = english_original(target)
    if original is None:
        return  # an English file, or one without an English original, has nothing to be in step with
    english, source = original.units, original.path
    stamp = f"`leaflet translation-hash {target.path}`"
    hashes = translation.recorded(target.source.root)
    for path, unit in translation.units(target.source.root).items():
        if path not in english:
            continue
        key = unit.key
        entry = hashes.get(path)
        if entry is None:
            message = (
                f"{path} records no hash of the English it was translated from: check it against {source}, then "
                f"record its line from {stamp} under translated_from"
            )
            yield target.problem(ID, target.level(LEVEL), key.line, key.column, message)
            continue
        value = entry[1]
        now = english[path].hash
        if not isinstance(value, Scalar) or value.value.strip() != now:
            message = (
                f"{path} is stale: its English in {source} has changed since it was translated (hash now {now}); "
                f"bring the translation in step, then record the new hash from {stamp}"
            )
            yield target.problem(ID, target.level(LEVEL), key.line, key.column, message)
    for path, (key, _) in hashes.items():
        if path not in english:
            message = f"translated_from.{path} is no unit of {source}: remove it"
            yield target.problem(ID, target.level(LEVEL), key.line, key.column, message)
