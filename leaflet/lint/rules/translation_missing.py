"""translation-missing: a unit of the English file that its translation lacks; and, once per language (on its
first file): an English content file it has no translation of, and each message of the interface (headings,
labels, "Page 1 of 2") its catalogue data/locale/<lang>/LC_MESSAGES/leaflet.po does not translate, which would
print in English."""

from __future__ import annotations

from collections.abc import Iterator

from leaflet import i18n, translation
from leaflet.lint.original import english_original
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target

ID = "translation-missing"
LEVEL: Level = "error"
TARGETS: frozenset[Role] = frozenset({"content"})
DESCRIPTION = "a section, a content file or an interface message in English that a language lacks"


def check(target: Target) -> Iterator[LintProblem]:
    if translation.is_translation(target.path):
        yield from _missing_in_language(target)
    english = english_original(target)
    if english is None:
        return
    root = target.source.root
    found = translation.units(root)
    for path in english.units:
        if path not in found:
            # At the key of the mapping it belongs in (`sections:`), else the top of the file.
            where = next((key for key, _ in root.items if "." in path and key.value == path.split(".")[0]), root)
            message = f"{path} is in {english.path} but not translated here: translate it (and record its hash)"
            yield target.problem(ID, target.level(LEVEL), where.line, where.column, message)


def _missing_in_language(target: Target) -> Iterator[LintProblem]:
    """Once per language, on its first file: each English content file it has no translation of, and each
    message its catalogue lacks."""
    folder = target.path.parent
    if target.path.name != min(p.name for p in folder.glob("*.yaml")):
        return
    language = folder.name
    for english in sorted((folder.parent / translation.SOURCE_LANGUAGE).glob("*.yaml")):
        missing = folder / english.name
        if not missing.exists():
            message = f"is missing: {english} has no {language} translation; translate it (CONTRIBUTING.md)"
            yield LintProblem(missing, 0, 0, target.level(LEVEL), ID, message)  # the file as a whole: line 0
    catalogue = i18n.catalogue_path(language)
    if not catalogue.is_file():
        message = "is missing: the words around the content would print in English; see CONTRIBUTING.md"
        yield LintProblem(catalogue, 0, 0, target.level(LEVEL), ID, message)
        return
    for message_id in i18n.untranslated(language):
        message = f"has no translation of {message_id!r}, which would print in English; translate it (make catalog)"
        yield LintProblem(catalogue, 0, 0, target.level(LEVEL), ID, message)
