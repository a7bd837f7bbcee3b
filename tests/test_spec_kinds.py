"""The field kinds walk positioned nodes: every problem of a file with its line, column, field path and fix."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from leaflet.errors import InvalidInput
from leaflet.load.strict_yaml import MAX_PROBLEMS, parse_yaml
from leaflet.spec.kinds import DictOf, Key, ListOf, Mapping, Retired, Walk, flatten
from leaflet.spec.scalars import Bool, Choice, Color, Date, Hash, Id, Line, Pattern

FILE = Path("x.yaml")


@dataclass(frozen=True)
class Room:
    id: str
    name: str
    quiet: bool


ROOM = Mapping(
    Key("id", Id(), "The room's id.", required=True),
    Key("name", Line(max_length=10), "The room's name.", required=True),
    Key("quiet", Bool(), "Whether it is quiet.", default=False),
    build=Room,
)
SHAPE = Mapping(
    Key("title", Line(max_length=20), "The title.", required=True),
    Key("colour", Color(instead="#000000"), "A colour.", default="#000000"),
    Key("kinds", ListOf(Choice(("a", "b", "c"), "kind"), unique=True), "Kinds.", default=("a",)),
    Key("rooms", ListOf(ROOM, unique="id", allow_empty=True), "Rooms."),
    Key("hashes", DictOf(Pattern(r"[a-z.]+", "a path like 'a.b'"), Hash("copy it again")), "Hashes."),
    Key("old", Retired("is now `title`; write that instead")),
)


def walked(text: str, shape: Mapping = SHAPE) -> tuple[Any, list[tuple[int, int, str, str]]]:
    walk = Walk(parse_yaml(FILE, textwrap.dedent(text).encode()))
    value = shape.walk(walk.source.root, "", walk)
    return value, [(p.line, p.column, p.field, p.message) for p in sorted(walk.problems)]


def test_a_clean_file_gives_its_values_and_the_defaults() -> None:
    value, problems = walked("title: Hello\nrooms:\n  - {id: a1, name: One, quiet: true}\n  - {id: b2, name: Two}\n")
    assert problems == []
    assert value == {
        "title": "Hello",
        "colour": "#000000",
        "kinds": ("a",),
        "rooms": (Room("a1", "One", True), Room("b2", "Two", False)),
        "hashes": {},
        "old": None,
    }


def test_every_problem_is_reported_with_its_place_not_just_the_first() -> None:
    _, problems = walked(
        """\
        titel: Hello
        kinds: [a, d, a]
        colour: red
        hashes: {a.b: 0123456789abcdef, A B: 12}
        """
    )
    assert problems == [
        (1, 1, "titel", "is not a field; did you mean 'title'? (fields here: title, colour, kinds, rooms, hashes)"),
        (1, 1, "title", "is missing; add `title:` (The title.)"),
        (2, 12, "kinds[1]", "'d' is not a kind (a, b, c)"),
        (2, 15, "kinds[2]", "'a' is listed twice; remove one"),
        (3, 9, "colour", "'red' is not a colour like '#1a6b8c' or '#18c' (a # and 3 or 6 hex digits, in quotes)"),
        (4, 33, "hashes.A B", "'A B' is not a path like 'a.b'"),
        (4, 38, "hashes.A B", "'12' is not a content hash; copy it again"),
    ]


def test_a_missing_required_key_is_named_at_its_mapping() -> None:
    _, problems = walked("title: T\nrooms:\n  - id: a1\n")
    assert problems == [(3, 5, "rooms[0].name", "is missing; add `name:` (The room's name.)")]


def test_an_empty_required_value_says_what_it_should_be() -> None:
    _, problems = walked("title:\n")
    assert problems == [(1, 7, "title", "is empty; the title.")]


def test_an_unquoted_hash_colour_is_explained() -> None:
    _, problems = walked("title: T\ncolour: #ff0000\n")
    assert problems == [
        (
            2,
            8,
            "colour",
            'is empty because YAML reads an unquoted # as a comment; write it in quotes: colour: "#ff0000"',
        )
    ]


def test_lists_of_mappings_refuse_a_repeated_identity_and_drop_refused_items() -> None:
    value, problems = walked(
        "title: T\nrooms:\n  - {id: a1, name: One}\n  - {id: a1, name: Two}\n  - {id: B!, name: x}\n"
    )
    assert problems == [
        (4, 5, "rooms[1].id", "'a1' is also the id of rooms[0]; ids must differ"),
        (
            5,
            10,
            "rooms[2].id",
            "'B!' is not an id: use 1-64 of a-z, 0-9 and -, starting with a letter or digit; try 'b'",
        ),
    ]
    assert value["rooms"] == (Room("a1", "One", False),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("kinds: b\n", (2, 8, "kinds", "must be a list, like kinds: [b]")),
        ("kinds: {x: y}\n", (2, 8, "kinds", "must be a list, like kinds: [a, b]")),
        ("kinds: []\n", (2, 8, "kinds", "is empty; list at least one of: a, b, c")),
        ("kinds: [[a]]\n", (2, 9, "kinds[0]", "must be a single word")),
        ("rooms: one\n", (2, 8, "rooms", "must be a list of rooms, each starting with `- id: ...`")),
        ("colour: [T]\n", (2, 9, "colour", "must be a single value, not a list or mapping")),
        ("rooms: [x]\n", (2, 9, "rooms[0]", "must be a mapping of fields (`key: value` lines)")),
    ],
)
def test_the_shape_of_a_value_is_checked_before_its_words(text: str, problem: tuple[int, int, str, str]) -> None:
    _, problems = walked("title: T\n" + text)
    assert problems == [problem]


def test_a_retired_key_says_what_to_write_and_is_not_offered_as_a_field() -> None:
    _, problems = walked("title: T\nold: x\nnew: y\n")
    assert problems == [
        (2, 6, "old", "is now `title`; write that instead"),
        (3, 1, "new", "is not a field (fields here: title, colour, kinds, rooms, hashes)"),
    ]


def test_a_mapping_left_out_is_its_defaults_unless_it_requires_a_key() -> None:
    optional = Mapping(Key("quiet", Bool(), default=True), Key("on", Date()))
    assert optional.absent() == {"quiet": True, "on": None}
    assert ROOM.absent() is None


def test_finish_raises_every_problem_capped() -> None:
    walk = Walk(parse_yaml(FILE, b"kinds: [" + b", ".join([b"z"] * 30) + b"]\n"))
    SHAPE.walk(walk.source.root, "", walk)
    with pytest.raises(InvalidInput) as caught:
        walk.finish()
    assert len(caught.value.problems) == MAX_PROBLEMS + 1
    assert caught.value.problems[-1].message.startswith("and 11 more problems")


def test_flatten_names_nested_keys_as_the_reference_does() -> None:
    assert list(flatten(SHAPE)) == [
        "title",
        "colour",
        "kinds",
        "rooms",
        "rooms[].id",
        "rooms[].name",
        "rooms[].quiet",
        "hashes",
        "old",
    ]
