"""The crisis lines of each country leaflet serves, read from data/crisis/<COUNTRY>.yaml.

A leaflet tells a patient in crisis whom to call. The shipped content is written for US patients (988, 911, the
Veterans Crisis Line), so a clinic elsewhere must be refused rather than given numbers that reach no one: the
files in data/crisis/ are the one declaration of which countries are served, and of their lines, for templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from leaflet import resources
from leaflet.errors import InvalidInput, Problem
from leaflet.load import Mapping, Node, Scalar, Sequence, read_yaml

_LINE_FIELDS = ("id", "name", "call", "text", "how", "reference")
_REQUIRED = ("id", "name", "how")
_WORDED = ("name", "how")  # written in each language a clinic may choose: {en: ..., es: ...}


@dataclass(frozen=True)
class CrisisLine:
    id: str
    name: str
    how: str  # the steps, in plain words: "Dial 988 and then press 1, or text 838255."
    call: str | None = None  # what to dial
    text: str | None = None  # where to send a text message
    reference: str | None = None  # an id in data/content/references.yaml


@dataclass(frozen=True)
class CountryLines:
    country: str  # ISO 3166-1 alpha-2, as a clinic's `country:` is written
    name: str
    lines: tuple[CrisisLine, ...]


def crisis_paths() -> tuple[Path, ...]:
    """Every crisis-lines file: what a document printing its clinic's lines reads, for its job key (all of them,
    since a key's content part does not depend on the clinic; the country is in the clinic's part)."""
    return tuple(sorted((resources.data_dir() / "crisis").glob("*.yaml")))


@cache
def supported_countries() -> tuple[str, ...]:
    """The countries a clinic may be in: those with a crisis-lines file."""
    return tuple(sorted(p.stem for p in (resources.data_dir() / "crisis").glob("*.yaml")))


def crisis_lines(country: str, language: str = "en") -> CountryLines:
    """The crisis lines of `country`, worded in `language`. KeyError if the country has none yet; InvalidInput,
    naming the file and field, if a line has no wording in `language`."""
    name, lines = _read(country)
    problems = [
        Problem(_path(country), node.line, node.column, f"lines[{index}].{field}", f"has no `{language}` wording")
        for index, line in enumerate(lines)
        for field, (node, words) in line.words.items()
        if language not in words
    ]
    if problems:
        raise InvalidInput(problems)
    return CountryLines(
        country=country,
        name=name,
        lines=tuple(
            CrisisLine(**line.values, **{field: words[language] for field, (_, words) in line.words.items()})
            for line in lines
        ),
    )


def worded_languages(country: str) -> frozenset[str]:
    """The languages every crisis line of `country` is worded in."""
    _, lines = _read(country)
    return frozenset.intersection(*(frozenset(words) for line in lines for _, words in line.words.values()))


@dataclass(frozen=True)
class _Line:
    values: dict[str, str]  # id, call, text, reference: the same in every language
    words: dict[str, tuple[Node, dict[str, str]]]  # name, how: the node, and the text by language


def _path(country: str) -> Path:
    return resources.data_dir() / "crisis" / f"{country}.yaml"


@cache
def _read(country: str) -> tuple[str, tuple[_Line, ...]]:
    if country not in supported_countries():
        raise KeyError(country)
    path = _path(country)
    root = read_yaml(path).root
    problems: list[Problem] = []

    def text(node: Node | None, field: str, where: Node) -> str:
        if not isinstance(node, Scalar) or not node.value.strip():
            problems.append(Problem(path, where.line, where.column, field, "must be non-empty text"))
            return ""
        return node.value.strip()

    def words(node: Node | None, field: str, where: Node) -> tuple[Node, dict[str, str]]:
        if not isinstance(node, Mapping) or not node.items:
            message = "must be a mapping of language code to text, like `en: ...`"
            problems.append(Problem(path, where.line, where.column, field, message))
            return where, {}
        return node, {key.value: text(value, f"{field}.{key.value}", value) for key, value in node.items}

    if text(root.get("country"), "country", root) != country:
        problems.append(Problem(path, root.line, root.column, "country", f"must be {country}, as the file is named"))
    lines_node = root.get("lines")
    lines: list[_Line] = []
    if not isinstance(lines_node, Sequence) or not lines_node.items:
        problems.append(Problem(path, root.line, root.column, "lines", "must be a list of crisis lines"))
    else:
        for index, item in enumerate(lines_node.items):
            field = f"lines[{index}]"
            if not isinstance(item, Mapping):
                problems.append(Problem(path, item.line, item.column, field, "must be a mapping"))
                continue
            for key, _ in item.items:
                if key.value not in _LINE_FIELDS:
                    message = f"is not a field ({', '.join(_LINE_FIELDS)})"
                    problems.append(Problem(path, key.line, key.column, f"{field}.{key.value}", message))
            values = {
                name: text(item.get(name), f"{field}.{name}", item)
                for name in _LINE_FIELDS
                if name not in _WORDED and (name in _REQUIRED or item.get(name) is not None)
            }
            if "call" not in values and "text" not in values:
                problems.append(Problem(path, item.line, item.column, field, "needs a `call:` or a `text:` number"))
            worded = {name: words(item.get(name), f"{field}.{name}", item) for name in _WORDED}
            lines.append(_Line(values, worded))
    name = text(root.get("name"), "name", root)
    if problems:
        raise InvalidInput(problems)
    return name, tuple(lines)
