"""untranslated-text: a clinic's own text that a leaflet in one of the clinic's languages prints in another,
because the clinic wrote it once (it is then in the first language) or left that language out of its
`{en: ..., es: ...}`. A warning: the leaflet is built, showing the text in the language it has, marked with that
language (`lang`) so that a screen reader reads it right. Also text in a language the clinic does not list (a
language taken out of `languages`, say), which no leaflet shows.

The fields are those the clinic file declares PerLanguage (leaflet.spec.clinic): `about`, a location's hours.
"""

from __future__ import annotations

from collections.abc import Iterator

from leaflet.i18n import language_name
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.targets import Role, Target
from leaflet.lint.text import fields
from leaflet.load import Mapping

ID = "untranslated-text"
LEVEL: Level = "warning"
TARGETS: frozenset[Role] = frozenset({"clinic"})
DESCRIPTION = "a clinic's own text (about, hours) not written in one of its languages: those leaflets print another"


def per_language_fields() -> tuple[str, ...]:
    """The clinic file's fields written once or per language, as paths: "about", "locations[].hours"."""
    from leaflet.spec.clinic import CLINIC
    from leaflet.spec.kinds import flatten
    from leaflet.spec.scalars import PerLanguage

    return tuple(path for path, key in flatten(CLINIC).items() if isinstance(key.kind, PerLanguage))


def check(target: Target) -> Iterator[LintProblem]:
    clinic = target.clinic
    if clinic is None:
        return
    for path in per_language_fields():
        name = path.rpartition(".")[2]
        for node in fields(target.source.root, path):
            keys = [key for key, _ in node.items] if isinstance(node, Mapping) else []
            written = [key.value for key in keys] if keys else [clinic.languages[0]]
            listed = [language for language in clinic.languages if language in written]
            for key in keys if listed else ():  # with none listed, a leaflet shows the first: said below
                if key.value not in clinic.languages:
                    yield target.problem(
                        ID,
                        target.level(LEVEL),
                        key.line,
                        key.column,
                        f"{name} has text in {language_name(key.value)}, which the clinic does not list in "
                        f"languages ({', '.join(clinic.languages)}): no leaflet shows it; add {key.value} to "
                        "languages or remove it",
                    )
            missing = [language for language in clinic.languages if language not in written]
            if missing:
                shown = (listed or written)[0]  # as Wording.in_language falls back
                example = ", ".join(f"{language}: ..." for language in clinic.languages)
                yield target.problem(
                    ID,
                    target.level(LEVEL),
                    node.line,
                    node.column,
                    f"{name} is written in {_names(written)} only: the {_names(missing)} leaflets print it in "
                    f"{language_name(shown)}; write it per language: {name}: {{{example}}}",
                )


def _names(languages: list[str]) -> str:
    names = [language_name(language) for language in languages]
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
