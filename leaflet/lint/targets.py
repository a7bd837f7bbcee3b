"""What the rules read: one file each — a clinic file (its own text, its contact details and colours) or a
shipped content file (every string in it, and the documents it leads) — and how they report on it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from leaflet import resources
from leaflet.lint.problem import Level, LintProblem
from leaflet.lint.text import Text, fields, prose, strings
from leaflet.lint.words import Words, words
from leaflet.load import Mapping, SourceFile, read_yaml
from leaflet.model import Clinic

Role = Literal["clinic", "content"]
# A clinic's own words a leaflet prints as sentences, written once or (about, hours) once per language; its
# addresses, ids and URLs are checked by the validator.
CLINIC_TEXT = ("about", "locations[].name", "locations[].hours")


@dataclass(frozen=True)
class Document:
    """A document of a kind (the handout about PTSD, the brochure) as the content files it reads."""

    kind: str
    topic: str | None
    files: tuple[SourceFile, ...]

    def describe(self) -> str:
        names = " + ".join(f.path.name for f in self.files)
        return f"the {self.kind}{f' about {self.topic}' if self.topic else ''} ({names})"


@dataclass(frozen=True)
class Target:
    source: SourceFile
    role: Role
    language: str
    texts: tuple[Text, ...]  # the prose a reader reads, in file order
    clinic: Clinic | None = None  # for a clinic file's first target (its first language)
    documents: tuple[Document, ...] = ()  # for a content file: the documents it is the first file of

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def words(self) -> Words:
        return words(self.language)

    def level(self, default: Level) -> Level:
        """In the shipped content every rule is an error; in a clinic's own text a rule keeps its default."""
        return "error" if self.role == "content" else default

    def problem(self, rule: str, level: Level, line: int, column: int, message: str) -> LintProblem:
        return LintProblem(self.path, line, column, level, rule, message)

    def at(self, text: Text, offset: int, rule: str, level: Level, message: str) -> LintProblem:
        """A problem at the character `offset` of `text`'s value."""
        line, column = text.position(offset)
        return self.problem(rule, level, line, column, message)


def clinic_targets(clinic: Clinic) -> list[Target]:
    """A validated clinic's file, read again for the positions of its words: a target for each of the clinic's
    languages, with the clinic's text in that language (text written once is in the first). Only the first holds
    the clinic, so that its contact details and colours are checked once."""
    source = read_yaml(clinic.source)
    languages = clinic.languages or ("en",)
    texts: dict[str, list[Text]] = {language: [] for language in languages}
    for name in CLINIC_TEXT:
        for node in fields(source.root, name):
            if isinstance(node, Mapping):  # one text per language; one the clinic does not list is never shown
                for key, value in node.items:
                    if key.value in texts:
                        texts[key.value].extend(strings(value, source, f"{name}.{key.value}"))
            else:
                texts[languages[0]].extend(strings(node, source, name))
    return [
        Target(
            source,
            "clinic",
            language,
            tuple(sorted(texts[language], key=lambda text: (text.node.line, text.node.column))),
            clinic=clinic if language == languages[0] else None,
        )
        for language in languages
    ]


def content_files() -> list[Path]:
    """The shipped content: data/content/<lang>/*.yaml (relative to the current folder when inside it)."""
    return sorted(_shown(path) for path in resources.content_dir().glob("*/*.yaml"))


def _shown(path: Path) -> Path:
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def content_targets(paths: list[Path] | None = None) -> list[Target]:
    """Each content file, with the documents it leads: those whose first content file (in their kind's
    `inputs()`) it is, so each document's required elements are checked once."""
    sources = {path.resolve(): read_yaml(path) for path in (content_files() if paths is None else paths)}
    led: dict[Path, list[Document]] = {}
    for language in sorted({path.parent.name for path in sources}):
        for document in _documents(language, sources):
            led.setdefault(document.files[0].path, []).append(document)
    return [
        Target(
            source,
            "content",
            path.parent.name,
            tuple(_ungated(text) for text in prose(source.root, source)),
            documents=tuple(led.get(source.path, [])),
        )
        for path, source in sources.items()
    ]


def _ungated(text: Text) -> Text:
    """A content text with its gates' markers blanked (leaflet.content.without_gates): the rules read the words a
    reader may get, every route's together; each other character keeps its place in the file."""
    from leaflet import content

    blanked = content.without_gates(text.value)
    return text if blanked == text.value else replace(text, node=replace(text.node, value=blanked))


def _documents(language: str, sources: dict[Path, SourceFile]) -> list[Document]:
    from leaflet import content
    from leaflet.documents import KINDS

    folder = (resources.content_dir() / language).resolve()
    found = []
    for kind in KINDS.values():
        conditions = sorted(content.conditions_with_content(language))
        topics = [c for c in conditions if kind.has_content(c, language)] if kind.scope == "condition" else [None]
        for topic in topics:
            files = [p.resolve() for p in kind.inputs(topic, language) if p.resolve().parent == folder]
            if files and all(p in sources for p in files):
                found.append(Document(kind.name, topic, tuple(sources[p] for p in files)))
    return found
