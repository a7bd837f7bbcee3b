"""Field kinds as composable objects: each walks a positioned node and returns its value, or records what is wrong.

A file's shape is declared once by nesting them, as cfgv's `Map(Required(...), Optional(...))` or mkdocs'
`ListOfItems(SubConfig(...))` do:

    Mapping(Key("name", Line(max_length=120), required=True, doc="..."), Key("locations", ListOf(...)))

The walk reports every problem of a file (not just the first), each with its line, column and field path, what
is wrong and how to fix it, and carries on with the value's default so that the rest is still checked. What one
value cannot know (a phone required unless every location has one) is checked after the walk, by the module that
declares the file (leaflet.spec.clinic, .content, .definitions). `leaflet schema` reads the same declarations.
"""

from __future__ import annotations

import difflib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from leaflet.errors import InvalidInput, Problem
from leaflet.load import Mapping as MappingNode
from leaflet.load import Node, Scalar, Sequence, SourceFile
from leaflet.load.strict_yaml import capped
from leaflet.plain_text import has_visible, quoted, unsafe_character, visible

_EMPTY = ("", "~", "null", "Null", "NULL")


class _Marker:
    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# What a kind returns for a value it refused: the enclosing mapping puts the key's default in its place and a
# list drops the item, so later checks see only values that passed.
INVALID: Any = _Marker("INVALID")
_NO_DEFAULT: Any = _Marker("NO_DEFAULT")  # a Key without a default of its own: its kind's `absent()`


class Bad(Exception):
    """A value is wrong; the message says what to do."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def is_empty(node: Node) -> bool:
    """Whether YAML leaves nothing here: `key:`, `key: ~`, `key: ""` (a quoted "null" is the word null), or text
    that prints nothing (`name: "\\u200b"`: a zero-width space, a soft hyphen, a lone accent). A refused control
    or text-direction character is not emptiness: the kind names it."""
    if not isinstance(node, Scalar):
        return False
    if not node.quoted and node.value.strip() in _EMPTY:
        return True
    return not has_visible(node.value) and unsafe_character(node.value) is None


class Walk:
    """One file's walk: the file (a phone number is read in its country, a logo found beside it) and the problems
    found so far."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, node: Node, path: str, message: str) -> None:
        self.problems.append(Problem(self.source.path, node.line, node.column, visible(path, 120), message))

    def finish(self) -> None:
        """Raise InvalidInput with every problem found, if any."""
        if self.problems:
            raise InvalidInput(capped(self.problems))


def key_name(path: str) -> str:
    """The key a field path ends in: "brand.primary_color" -> "primary_color", "routes[1]" -> "routes"."""
    return re.sub(r"(\[\d+\])+$", "", path).rpartition(".")[2]


class Kind(ABC):
    """What a value may be."""

    @abstractmethod
    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        """The value of `node`, or INVALID after recording why in `walk`."""

    def absent(self) -> Any:
        """The value when its key is absent and declares no default."""
        return None

    def limits(self) -> str:
        """What the value may be, in words, for `leaflet schema`."""
        return "-"

    def choices(self) -> tuple[str, ...]:
        """The words it may be, when it is one of a few (the reference lists them)."""
        return ()

    def examples(self) -> tuple[str, ...]:
        """Values to suggest when one is missing."""
        return self.choices()


class ScalarKind(Kind):
    """A single value, read by `read()`, which raises Bad to refuse it."""

    # An unquoted `#` starts a YAML comment, so `color: #ff0000` reads as empty: the mapping says so.
    comment_hint = False

    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, Scalar):
            walk.problem(node, path, "must be a single value, not a list or mapping")
            return INVALID
        try:
            return self.read(node, path, walk)
        except Bad as bad:
            walk.problem(node, path, str(bad))
            return INVALID

    @abstractmethod
    def read(self, node: Scalar, path: str, walk: Walk) -> Any:
        """The value of a scalar; raise Bad saying what is wrong and how to fix it."""


@dataclass(frozen=True)
class Key:
    """One key of a mapping: its kind, whether it must be there, its default and a one-line description."""

    name: str
    kind: Kind
    doc: str = ""
    required: bool = False
    default: Any = _NO_DEFAULT

    def absent(self) -> Any:
        return self.kind.absent() if self.default is _NO_DEFAULT else self.default

    def describe_default(self) -> str:
        """The default as a user would write it, for `leaflet schema`."""
        if self.required:
            return "required"
        if self.default is _NO_DEFAULT or self.default is None or self.default == ():
            return "optional"
        if isinstance(self.default, tuple):
            return "[" + ", ".join(self.default) + "]"
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        return str(self.default)

    def what_it_is(self) -> str:
        """The description as the end of a sentence ("is empty; the clinic's name as ...")."""
        return self.doc[:1].lower() + self.doc[1:] if self.doc else "give it a value"


class Mapping(Kind):
    """A mapping of declared keys: unknown keys are refused with a near match, required ones must be there.

    Walked, it returns the keys' values by name (a default for each one absent or refused), or what `build`
    makes of them (a model) when nothing inside was refused. `entry` names its keys in messages ("field",
    "section")."""

    def __init__(self, *keys: Key, build: Callable[..., Any] | None = None, entry: str = "field") -> None:
        self.keys = keys
        self.build = build
        self.entry = entry
        self._by_name = {key.name: key for key in keys}
        self._listed = ", ".join(key.name for key in keys if not isinstance(key.kind, Retired))

    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        values: dict[str, Any] = {key.name: key.absent() for key in self.keys}
        if not isinstance(node, MappingNode):
            walk.problem(node, path, f"must be a mapping of {self.entry}s (`key: value` lines)")
            return INVALID
        before = len(walk.problems)
        prefix = f"{path}." if path else ""
        present: set[str] = set()
        for key_node, value in node.items:
            present.add(key_node.value)
            where = prefix + key_node.value
            key = self._by_name.get(key_node.value)
            if key is None:
                hint = did_you_mean(key_node.value, self._by_name)
                walk.problem(key_node, where, f"is not a {self.entry}{hint} ({self.entry}s here: {self._listed})")
                continue
            if is_empty(value):
                if key.required:
                    walk.problem(value, where, f"is empty; {key.what_it_is()}")
                self._hint_comment(key, key_node, value, where, walk)
                continue
            found = key.kind.walk(value, where, walk)
            if found is not INVALID:
                values[key.name] = found
        for key in self.keys:
            if key.required and key.name not in present:
                add = f"add `{key.name}:`" + (f" ({key.doc})" if key.doc else "")
                walk.problem(node, prefix + key.name, f"is missing; {add}")
        if self.build is None:
            return values
        return self.build(**values) if len(walk.problems) == before else INVALID

    def absent(self) -> Any:
        """A mapping left out is its defaults when none of its keys is required (`brand:`), else None."""
        if any(key.required for key in self.keys):
            return None
        values = {key.name: key.absent() for key in self.keys}
        return self.build(**values) if self.build is not None else values

    @staticmethod
    def _hint_comment(key: Key, key_node: Scalar, value: Node, where: str, walk: Walk) -> None:
        if not (isinstance(key.kind, ScalarKind) and key.kind.comment_hint):
            return
        lines = walk.source.lines
        line = lines[key_node.line - 1] if key_node.line <= len(lines) else ""
        after = line[key_node.column - 1 + len(key_node.value) :]
        if "#" in after:
            written = visible(after[after.index("#") :].split()[0], 20)
            walk.problem(
                value,
                where,
                f'is empty because YAML reads an unquoted # as a comment; write it in quotes: {key.name}: "{written}"',
            )


class ListOf(Kind):
    """A list of one kind of item. `unique`: True refuses a value listed twice; a key name ("id") refuses two
    mappings with the same value there. A refused item is left out of the value."""

    def __init__(self, item: Kind, unique: bool | str = False, allow_empty: bool = False) -> None:
        self.item = item
        self.unique = unique
        self.allow_empty = allow_empty

    def absent(self) -> Any:
        return ()

    def choices(self) -> tuple[str, ...]:
        return self.item.choices()

    def examples(self) -> tuple[str, ...]:
        return self.item.examples()

    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        name = key_name(path)
        if not isinstance(node, Sequence):
            if isinstance(self.item, Mapping):
                first = self.item.keys[0].name
                walk.problem(node, path, f"must be a list of {name}, each starting with `- {first}: ...`")
            else:
                example = visible(node.value) if isinstance(node, Scalar) else ", ".join(self.examples()[:2])
                walk.problem(node, path, f"must be a list, like {name}: [{example}]")
            return ()
        items: list[Any] = []
        seen: dict[object, int] = {}  # each identity, and the index of the item that had it first
        for index, item in enumerate(node.items):
            where = f"{path}[{index}]"
            if isinstance(self.item, ScalarKind) and (not isinstance(item, Scalar) or is_empty(item)):
                walk.problem(item, where, "must be a single word")
                continue
            value = self.item.walk(item, where, walk)
            if value is INVALID:
                continue
            if self.unique is not False:
                identity = self._identity(value)
                if identity in seen:
                    walk.problem(item, *self._twice(identity, where, f"{path}[{seen[identity]}]"))
                    continue
                seen[identity] = index
            items.append(value)
        if not node.items and not self.allow_empty:  # an empty list would build nothing, and say nothing about it
            walk.problem(node, path, f"is empty; list at least one of: {', '.join(self.examples())}")
        return tuple(items)

    def _identity(self, value: Any) -> Any:
        if self.unique is True:
            return value
        return value[self.unique] if isinstance(value, dict) else getattr(value, str(self.unique))

    def _twice(self, identity: Any, where: str, first: str) -> tuple[str, str]:
        """The field path and message for an item whose identity the item at `first` has too."""
        if self.unique is True:
            return where, f"{quoted(str(identity))} is listed twice; remove one"
        return (
            f"{where}.{self.unique}",
            f"'{identity}' is also the {self.unique} of {first}; {self.unique}s must differ",
        )


class DictOf(Kind):
    """A mapping whose keys are the user's (reference ids, unit paths), each read by `key` and its value by
    `value`; returns a dict of the values that passed."""

    def __init__(self, key: ScalarKind, value: Kind, entry: str = "entry") -> None:
        self.key = key
        self.value = value
        self.entry = entry

    def absent(self) -> Any:
        return {}

    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        if not isinstance(node, MappingNode):
            walk.problem(node, path, f"must be a mapping of {self.entry}s (`key: value` lines)")
            return INVALID
        found: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.items:
            where = prefix + key_node.value
            key = self.key.walk(key_node, where, walk)
            value = self.value.walk(value_node, where, walk)
            if key is not INVALID and value is not INVALID:
                found[key] = value
        return found


class Retired(Kind):
    """A key that once meant something: refused with what to write instead."""

    def __init__(self, message: str) -> None:
        self.message = message

    def walk(self, node: Node, path: str, walk: Walk) -> Any:
        walk.problem(node, path, self.message)
        return INVALID


def flatten(mapping: Mapping, prefix: str = "") -> dict[str, Key]:
    """Every key of a declaration by its path in the reference: `brand.logo`, `locations[].id`."""
    found: dict[str, Key] = {}
    for key in mapping.keys:
        found[prefix + key.name] = key
        if isinstance(key.kind, Mapping):
            found.update(flatten(key.kind, f"{prefix}{key.name}."))
        elif isinstance(key.kind, ListOf) and isinstance(key.kind.item, Mapping):
            found.update(flatten(key.kind.item, f"{prefix}{key.name}[]."))
    return found
