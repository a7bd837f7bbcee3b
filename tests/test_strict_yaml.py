"""The strict YAML reader: values stay the text the user typed, every node knows where it is, YAML's unsafe and
surprising parts are refused with a position."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from leaflet.errors import InvalidInput, Problem
from leaflet.load import Mapping, Scalar, Sequence, read_yaml
from leaflet.load.strict_yaml import parse_yaml

FILE = Path("clinic.yaml")


def parse(text: str | bytes) -> Mapping:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_yaml(FILE, raw).root


def problems(text: str | bytes) -> list[tuple[int, int, str, str]]:
    """(line, column, field, message) of every problem the reader finds in `text`."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(InvalidInput) as caught:
        parse_yaml(FILE, raw)
    return [(p.line, p.column, p.field, p.message) for p in caught.value.problems]


def scalar(root: Mapping, key: str) -> Scalar:
    node = root.get(key)
    assert isinstance(node, Scalar), node
    return node


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("NO", "NO"),  # YAML 1.1 would make this False: Norway's country code
        ("yes", "yes"),
        ("off", "off"),
        ("01234", "01234"),  # an octal 668 to YAML 1.1; a ZIP code to the user
        ("1.10", "1.10"),  # the float 1.1 to YAML
        ("1e3", "1e3"),
        ("2026-11-15", "2026-11-15"),  # a date object to YAML
        ("~", "~"),  # None to YAML; the validator decides what empty means
        ("12:30", "12:30"),  # sexagesimal 750 to YAML 1.1
    ],
)
def test_values_stay_the_text_typed(written: str, read: str) -> None:
    value = scalar(parse(f"value: {written}\n"), "value")
    assert value.value == read
    assert not value.quoted


def test_quoted_values_are_marked_quoted() -> None:
    root = parse("single: 'NO'\ndouble: \"01234\"\nplain: x\n")
    assert (scalar(root, "single").value, scalar(root, "single").quoted) == ("NO", True)
    assert (scalar(root, "double").value, scalar(root, "double").quoted) == ("01234", True)
    assert scalar(root, "plain").quoted is False


def test_positions_are_one_based_line_and_column() -> None:
    root = parse("name: Clinic\nroutes: [iv, oral]\nbrand:\n  primary_color: '#123456'\n")
    assert (root.line, root.column) == (1, 1)
    key, name = root.items[0]
    assert (key.value, key.line, key.column) == ("name", 1, 1)
    assert (name.line, name.column) == (1, 7)
    routes = root.get("routes")
    assert isinstance(routes, Sequence)
    assert (routes.line, routes.column) == (2, 9)
    assert [(i.line, i.column) for i in routes.items] == [(2, 10), (2, 14)]
    brand = root.get("brand")
    assert isinstance(brand, Mapping)
    color_key, color = brand.items[0]
    assert (color_key.line, color_key.column) == (4, 3)
    assert (color.line, color.column) == (4, 18)


def test_block_sequence_items_have_their_own_lines() -> None:
    root = parse("locations:\n  - id: a\n  - id: b\n")
    locations = root.get("locations")
    assert isinstance(locations, Sequence)
    assert [(item.line, item.column) for item in locations.items] == [(2, 5), (3, 5)]


def test_mapping_keeps_the_order_written() -> None:
    root = parse("c: 1\na: 2\nb: 3\n")
    assert [key.value for key, _ in root.items] == ["c", "a", "b"]


def test_a_byte_order_mark_is_ignored() -> None:
    root = parse(b"\xef\xbb\xbfname: Clinic\n")
    assert scalar(root, "name").value == "Clinic"


def test_duplicate_keys_name_both_lines() -> None:
    assert problems("name: First\nphone: '505-639-4973'\nname: Second\n") == [
        (3, 1, "name", "appears twice, on lines 1 and 3; keep one"),
    ]


def test_duplicate_keys_in_a_nested_mapping_are_found_too() -> None:
    assert problems("brand:\n  logo: a.svg\n  logo: b.svg\n") == [
        (3, 3, "brand.logo", "appears twice, on lines 2 and 3; keep one"),
    ]


def test_anchors_and_aliases_are_refused_with_positions() -> None:
    assert problems("phone: &main '505-639-4973'\nfax: *main\n") == [
        (1, 8, "phone", "defines the anchor &main; anchors are not allowed, remove it"),
        (2, 6, "fax", "uses the alias *main; write the value out in full instead"),
    ]


def test_merge_keys_are_not_expanded() -> None:
    # `<<` is only a key here: with no anchors or aliases there is nothing to merge.
    root = parse("brand:\n  <<: {logo: a.svg}\n")
    brand = root.get("brand")
    assert isinstance(brand, Mapping)
    assert [key.value for key, _ in brand.items] == ["<<"]


def test_anchors_and_aliases_inside_lists_name_the_item() -> None:
    assert problems("routes: [&r iv, *r]\n") == [
        (1, 10, "routes[0]", "defines the anchor &r; anchors are not allowed, remove it"),
        (1, 17, "routes[1]", "uses the alias *r; write the value out in full instead"),
    ]


@pytest.mark.parametrize(
    ("text", "field", "tag"),
    [
        ("in_home: !!bool yes\n", "in_home", "!!bool"),
        ("name: !!python/object:os.system x\n", "name", "!!python/object:os.system"),
        ("name: !custom x\n", "name", "!custom"),
        ("routes: !!seq [iv]\n", "routes", "!!seq"),
        ("locations:\n- id: a\n  name: !!str x\n", "locations[0].name", "!!str"),
    ],
)
def test_explicit_tags_are_refused(text: str, field: str, tag: str) -> None:
    last_line = text.rstrip("\n").rsplit("\n", 1)[-1]
    position = (text.count("\n"), last_line.index("!") + 1)
    assert problems(text) == [
        (*position, field, f"uses the explicit tag {tag}; remove it, every value is read as text")
    ]


def test_every_problem_in_the_file_is_reported() -> None:
    found = problems("a: &x 1\nb: *x\na: 2\nc: !!str 3\n")
    assert [(line, column) for line, column, _, _ in found] == [(1, 4), (2, 4), (3, 1), (4, 4)]


def test_not_utf8_names_the_line_and_column_of_the_first_bad_byte() -> None:
    assert problems(b"name: Clinic\ncity: Bogot\xe1\n") == [
        (2, 12, "", "is not UTF-8 text; save it as UTF-8 in your editor"),
    ]


def test_a_nul_byte_means_not_a_text_file() -> None:
    assert problems(b"name: a\x00b\n") == [(0, 0, "", "contains a NUL byte; it is not a text file")]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert problems(text) == [(0, 0, "", "is empty")]


@pytest.mark.parametrize("text", ["---\n", "~\n", "--- ~\n"])
def test_an_empty_document_is_an_empty_file(text: str) -> None:
    assert problems(text) == [(0, 0, "", "is empty")]


def test_empty_file_report_has_no_position() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_yaml(FILE, b"")
    assert str(caught.value) == "clinic.yaml: 1 problem\n  -    is empty"


@pytest.mark.parametrize(
    ("text", "position"),
    [("- name: a\n- name: b\n", (1, 1)), ("just a sentence\n", (1, 1)), ("\n\n[iv, oral]\n", (3, 1))],
)
def test_top_level_must_be_a_mapping(text: str, position: tuple[int, int]) -> None:
    assert problems(text) == [(*position, "", "must be a mapping of fields (`name: ...`) at the top level")]


def test_more_than_one_document_is_refused_at_the_second() -> None:
    assert problems("name: First\n---\nname: Second\n") == [
        (2, 1, "", "holds more than one YAML document (a `---` line); keep one clinic per file"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: a\n  phone: b\n", (2, 8, "", "YAML syntax: mapping values are not allowed here")),
        ("name: a\nroutes: [iv\n", (3, 1, "", "YAML syntax: expected ',' or ']', but got '<stream end>'")),
        (
            'name: a\nabout: "open\n',
            (3, 1, "", "YAML syntax: found unexpected end of stream"),
        ),
        ("name: a\n\tphone: b\n", (2, 1, "", "YAML syntax: tabs are not allowed for indentation; use spaces")),
        (
            "name: a\nlocations:\n  - id: a\n  \tname: b\n",
            (4, 3, "", "YAML syntax: tabs are not allowed for indentation; use spaces"),
        ),
        (
            "name: a\nroutes:\n  -\tiv\n",
            (3, 4, "", "YAML syntax: tabs are not allowed for indentation; use spaces"),
        ),
    ],
)
def test_syntax_error_has_the_position_of_the_problem(text: str, expected: tuple[int, int, str, str]) -> None:
    assert problems(text) == [expected]


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 40 + "]" * 40 + "\n"
    assert problems(text) == [(1, 36, "a" + "[0]" * 32, "is nested more than 32 levels deep")]


def test_read_yaml_reads_a_file_and_keeps_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_bytes(b"name: Clinic  # a comment\nroutes: [iv]\n")
    source = read_yaml(path)
    assert source.path == path
    assert source.lines == ("name: Clinic  # a comment", "routes: [iv]")
    assert scalar(source.root, "name").value == "Clinic"


def test_read_yaml_on_a_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        read_yaml(tmp_path)
    assert caught.value.problems == [Problem(tmp_path, 0, 0, "", "is a folder, not a clinic file")]


def test_read_yaml_on_a_missing_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(InvalidInput) as caught:
        read_yaml(missing)
    assert caught.value.problems == [Problem(missing, 0, 0, "", "cannot be read: No such file or directory")]


def test_a_file_too_large_for_a_clinic_is_refused_before_parsing() -> None:
    found = problems(b"about: '" + b"x" * (256 * 1024) + b"'\n")
    assert found == [(0, 0, "", "is larger than 256 KiB; a clinic file is a few KiB")]


@pytest.mark.parametrize(
    ("character", "name", "why"),
    [
        ("\x1b", "U+001B ESCAPE", "a control character, which YAML does not allow in a file; delete it"),
        ("\x7f", "U+007F DELETE", "a control character, which YAML does not allow in a file; delete it"),
        ("\x07", "U+0007 BELL", "a control character, which YAML does not allow in a file; delete it"),
        ("\x9b", "U+009B", "a control character, which YAML does not allow in a file; delete it"),
        ("\ufffe", "U+FFFE", "a noncharacter, which YAML does not allow in a file; delete it"),
        *(
            (c, n, "YAML reads it as a line break that an editor does not show; delete it (press Enter for a new line)")
            for c, n in [("\u2028", "U+2028 LINE SEPARATOR"), ("\u2029", "U+2029 PARAGRAPH SEPARATOR")]
        ),
        (
            "\x85",
            "U+0085 NEXT LINE",
            "YAML reads it as a line break that an editor does not show; delete it (press Enter for a new line)",
        ),
    ],
)
def test_a_raw_control_character_is_named_at_its_line_and_column(character: str, name: str, why: str) -> None:
    # libyaml says only "unacceptable character #x001b ... position 164", or nothing at all of a U+2028.
    text = f'name: Clinic\nabout: "It is {character}here"\n'
    assert problems(text) == [(2, 15, "", f"has {name} here: {why}")]


def test_every_raw_control_character_is_named() -> None:
    assert [p[:2] for p in problems("a: \x1b\nb: ok\nc: x\x7fy\x1b\n")] == [(1, 4), (3, 5), (3, 7)]


def test_too_many_entries_names_the_field_and_the_limit() -> None:
    text = "name: x\nlol:\n" + "  - a\n" * 25_000
    assert problems(text) == [
        (
            19_998,
            5,
            "lol[19995]",  # entry 20,001: the mapping, name, x, lol, the list, then 19,996 items
            "is past the 20,000 keys, values and list items a file may hold; a clinic file has a few hundred",
        ),
    ]


def test_a_file_whose_name_is_not_utf8_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/cl\xe9nica.yaml"))  # Latin-1, as an old Windows share names it
    path.write_text("name: Clinic\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        read_yaml(path)
    assert [(p.line, p.field, p.message) for p in caught.value.problems] == [
        (
            0,
            "",
            "has a name that is not UTF-8 text (each byte that is not shown as \\udcXX); rename it, or the folder "
            "it is in, with a file manager or `mv`, so that its name is UTF-8",
        )
    ]
    assert str(caught.value).startswith(f"{tmp_path}/cl\\udce9nica.yaml: 1 problem\n")
