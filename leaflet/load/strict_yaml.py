"""A strict YAML reader for files written by people and received from strangers.

PyYAML's own loaders are wrong for clinic files: they keep the last of two duplicate keys, turn `NO` into False
and `01234` into 668, and expand aliases without bound. This reader walks PyYAML's event stream itself and
builds a tree in which every scalar is the text the user typed, every node knows its line and column, and
anchors, aliases, explicit tags and duplicate keys are errors. Types are the validator's job, not YAML's.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from leaflet.errors import InvalidInput, Problem
from leaflet.plain_text import character_name, visible

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 32
MAX_NODES = 20_000
_NULLS = ("", "~", "null", "Null", "NULL")
# What YAML refuses in a file (the C0 controls but tab and line breaks, DEL, the C1 controls, two noncharacters)
# and the line breaks of YAML 1.1 that editors do not show (NEXT LINE, LINE SEPARATOR, PARAGRAPH SEPARATOR): each
# is named at its line and column before the parser sees the file.
_INVISIBLE_LINE_BREAKS = "\x85\u2028\u2029"
_RAW_REFUSED = re.compile(f"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_INVISIBLE_LINE_BREAKS}\ufffe\uffff]")
MAX_PROBLEMS = 20  # per file: one mistake repeated (an alias used 80 times) should not bury the others
# libyaml's parser when PyYAML was built with it (the wheels are): it reads a clinic file ~10x faster than the
# pure-Python one, which is most of what a no-op rebuild of a hundred clinics costs. Same events, same marks; on a
# syntax error the file is read again by the pure-Python parser, whose messages say more ("not allowed here").
_FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Scalar:
    value: str
    line: int
    column: int
    quoted: bool = False


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


Node = Scalar | Sequence | Mapping


@dataclass(frozen=True)
class SourceFile:
    """A YAML file read into nodes, with its lines kept for hints that quote the user's own text."""

    path: Path
    root: Mapping
    lines: tuple[str, ...] = field(repr=False)
    raw: bytes = field(repr=False)


def read_yaml(path: Path) -> SourceFile:
    """Read `path` as a strict YAML mapping; raise InvalidInput listing every problem found."""
    if problem := _name_problem(path):
        raise InvalidInput([problem])
    # Opened without blocking and checked through the open file: a FIFO or a device named like a clinic file
    # would otherwise hang the build or stream forever.
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InvalidInput([Problem(path, 0, 0, "", f"cannot be read: {exc.strerror}")]) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            what = (
                "is a folder, not a clinic file" if stat.S_ISDIR(mode) else "is not a regular file; give a .yaml file"
            )
            raise InvalidInput([Problem(path, 0, 0, "", what)])
        with os.fdopen(fd, "rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InvalidInput([Problem(path, 0, 0, "", f"cannot be read: {exc.strerror}")]) from None
    return parse_yaml(path, raw)


def _name_problem(path: Path) -> Problem | None:
    """A file whose name (or folder's name) is not UTF-8 is refused before anything is built: its path goes into
    the output folder's manifest and report, which are UTF-8 files."""
    for name in (str(path), os.path.realpath(path)):
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:  # os.fsdecode() keeps each undecodable byte as a lone surrogate
            return Problem(
                path,
                0,
                0,
                "",
                "has a name that is not UTF-8 text (each byte that is not shown as \\udcXX); rename it, or the "
                "folder it is in, with a file manager or `mv`, so that its name is UTF-8",
            )
    return None


def parse_yaml(path: Path, raw: bytes) -> SourceFile:
    """Parse YAML bytes that claim to come from `path`."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(
            [Problem(path, 0, 0, "", f"is larger than {MAX_FILE_BYTES // 1024} KiB; a clinic file is a few KiB")]
        )
    text = _decode(path, raw)
    builder = _TreeBuilder(path)
    try:
        try:
            root = builder.build(text, _FAST_LOADER)
        except yaml.YAMLError as exc:
            if isinstance(exc, _Stop) or _FAST_LOADER is yaml.SafeLoader:
                raise
            builder = _TreeBuilder(path)
            root = builder.build(text, yaml.SafeLoader)
    except _Stop as stop:  # the file is valid YAML but not a clinic file: no "YAML syntax" in front
        builder.problems.append(Problem(path, stop.line, stop.column, visible(stop.field, 120), stop.message))
        raise InvalidInput(capped(builder.problems)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "is not valid YAML"
        if "found character '\\t'" in what:  # PyYAML reads tabs only between tokens, never as indentation
            what = "tabs are not allowed for indentation; use spaces"
        builder.problems.append(Problem(path, line, column, "", f"YAML syntax: {what}"))
        raise InvalidInput(capped(builder.problems)) from None
    except yaml.YAMLError as exc:
        builder.problems.append(Problem(path, 0, 0, "", f"YAML syntax: {exc}"))
        raise InvalidInput(capped(builder.problems)) from None
    if builder.problems:
        raise InvalidInput(capped(builder.problems))
    if root is None or (isinstance(root, Scalar) and not root.quoted and root.value.strip() in _NULLS):
        raise InvalidInput([Problem(path, 0, 0, "", "is empty")])  # nothing, a lone `---`, or `~`
    if not isinstance(root, Mapping):
        message = "must be a mapping of fields (`name: ...`) at the top level"
        raise InvalidInput([Problem(path, root.line, root.column, "", message)])
    return SourceFile(path=path, root=root, lines=tuple(text.splitlines()), raw=raw)


def capped(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems in file order, then one line that says how many more there are."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    ordered = sorted(problems, key=lambda p: (p.line, p.column))
    rest = ordered[MAX_PROBLEMS]
    more = len(ordered) - MAX_PROBLEMS
    summary = Problem(rest.file, rest.line, rest.column, "", f"and {more} more problems from here on; fix those above")
    return [*ordered[:MAX_PROBLEMS], summary]


def _decode(path: Path, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InvalidInput(
            [Problem(path, line, column, "", "is not UTF-8 text; save it as UTF-8 in your editor")]
        ) from None
    if "\x00" in text:
        raise InvalidInput([Problem(path, 0, 0, "", "contains a NUL byte; it is not a text file")])
    text = text.removeprefix("\ufeff")
    if found := [_raw_character_problem(path, text, match.start()) for match in _RAW_REFUSED.finditer(text)]:
        raise InvalidInput(capped(found))
    return text


def _raw_character_problem(path: Path, text: str, index: int) -> Problem:
    """A character YAML refuses in a file, or reads as a line break no editor shows, at its line and column
    (libyaml names only its offset, "position 164")."""
    before = text[:index]
    line, column = before.count("\n") + 1, index - before.rfind("\n")
    character = text[index]
    if character in _INVISIBLE_LINE_BREAKS:
        why = "YAML reads it as a line break that an editor does not show; delete it (press Enter for a new line)"
    elif character in "\ufffe\uffff":
        why = "a noncharacter, which YAML does not allow in a file; delete it"
    else:
        why = "a control character, which YAML does not allow in a file; delete it"
    return Problem(path, line, column, "", f"has {character_name(character)} here: {why}")


class _TreeBuilder:
    """Turns PyYAML events into nodes; collects the problems that do not stop the parse."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._events: Iterator[yaml.Event] = iter(())
        self._ahead: yaml.Event | None = None
        self._count = 0

    def build(self, text: str, loader: type) -> Node | None:
        # Events are read as the tree is built, never all at once, so a file of countless entries stops at the
        # one past MAX_NODES, with its field path.
        self._events = iter(yaml.parse(text, Loader=loader))
        self._ahead = None
        self._expect(yaml.StreamStartEvent)
        if isinstance(self._peek(), yaml.StreamEndEvent):
            return None
        self._expect(yaml.DocumentStartEvent)
        root = self._node(depth=0, path="")
        self._expect(yaml.DocumentEndEvent)
        extra = self._peek()
        if isinstance(extra, yaml.DocumentStartEvent):
            self._fail(extra, "holds more than one YAML document (a `---` line); keep one clinic per file")
        return root

    def _fail(self, event: yaml.Event, message: str, path: str = "") -> None:
        line, column = _position(event)
        raise _Stop(self.path, line, column, message, path)

    def _peek(self) -> yaml.Event:
        if self._ahead is None:
            self._ahead = next(self._events)
        return self._ahead

    def _next(self) -> yaml.Event:
        event = self._peek()
        self._ahead = None
        return event

    def _expect(self, kind: type[yaml.Event]) -> yaml.Event:
        event = self._next()
        if not isinstance(event, kind):  # pragma: no cover - PyYAML guarantees the event grammar
            raise AssertionError(f"expected {kind.__name__}, got {event}")
        return event

    def _problem(self, event: yaml.Event, path: str, message: str) -> None:
        line, column = _position(event)
        self.problems.append(Problem(self.path, line, column, visible(path, 120), message))

    def _node(self, depth: int, path: str) -> Node:
        """The node that starts at the next event; `path` is its field path, like "locations[1].phone"."""
        event = self._next()
        self._count += 1
        if self._count > MAX_NODES:
            limit = f"{MAX_NODES:,} keys, values and list items"
            self._fail(event, f"is past the {limit} a file may hold; a clinic file has a few hundred", path)
        if depth > MAX_DEPTH:
            self._fail(event, f"is nested more than {MAX_DEPTH} levels deep", path)
        if isinstance(event, yaml.AliasEvent):
            self._problem(event, path, f"uses the alias *{event.anchor}; write the value out in full instead")
            return Scalar("", *_position(event))
        assert isinstance(event, yaml.NodeEvent)
        if event.anchor is not None:
            self._problem(event, path, f"defines the anchor &{event.anchor}; anchors are not allowed, remove it")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            shown = visible(tag.replace("tag:yaml.org,2002:", "!!", 1))
            self._problem(event, path, f"uses the explicit tag {shown}; remove it, every value is read as text")
        line, column = _position(event)
        if isinstance(event, yaml.ScalarEvent):
            return Scalar(event.value, line, column, quoted=event.style in ("'", '"'))
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Node] = []
            while not isinstance(self._peek(), yaml.SequenceEndEvent):
                items.append(self._node(depth + 1, f"{path}[{len(items)}]"))
            self._next()
            return Sequence(tuple(items), line, column)
        assert isinstance(event, yaml.MappingStartEvent)
        pairs: list[tuple[Scalar, Node]] = []
        seen: dict[str, Scalar] = {}
        while not isinstance(self._peek(), yaml.MappingEndEvent):
            key_event = self._peek()
            key = self._node(depth + 1, path)
            value = self._node(depth + 1, _join(path, key.value if isinstance(key, Scalar) else "?"))
            if not isinstance(key, Scalar):
                self._problem(key_event, path, "has a key that is a list or mapping; keys must be plain names")
                continue
            if key.value in seen:
                first = seen[key.value]
                self.problems.append(
                    Problem(
                        self.path,
                        key.line,
                        key.column,
                        visible(_join(path, key.value), 120),
                        f"appears twice, on lines {first.line} and {key.line}; keep one",
                    )
                )
                continue
            seen[key.value] = key
            pairs.append((key, value))
        self._next()
        return Mapping(tuple(pairs), line, column)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _position(event: yaml.Event) -> tuple[int, int]:
    """The 1-based line and column where `event` starts."""
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


class _Stop(yaml.MarkedYAMLError):
    """Stops the walk at a problem that makes the rest of the file not worth reading."""

    def __init__(self, path: Path, line: int, column: int, message: str, field: str = "") -> None:
        mark = yaml.Mark(str(path), 0, line - 1, column - 1, "", 0)
        super().__init__(problem=message, problem_mark=mark)
        self.line, self.column, self.message, self.field = line, column, message, field
