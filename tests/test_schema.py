"""`leaflet schema` is the reference of the clinic file: every field of leaflet.spec.clinic, each with its meaning."""

from __future__ import annotations

import re
from functools import cache

import pytest
from click.testing import CliRunner
from conftest import WriteClinic

from leaflet import InvalidInput, load_clinic, logos
from leaflet.cli import cli
from leaflet.crisis import supported_countries
from leaflet.spec.clinic import CLINIC
from leaflet.spec.kinds import Key, flatten
from leaflet.spec.scalars import Email, Id, Line, PerLanguage, Text, Url

ROW = re.compile(r"^\| `(?P<path>[^`]+)` \| (?P<default>[^|]+) \| (?P<limits>[^|]+) \| (?P<doc>.*) \|$")


def schema_fields() -> dict[str, Key]:
    """Every field of the clinic file by its path in the reference: `brand.logo`, `locations[].id`."""
    return flatten(CLINIC)


def max_length(field: Key) -> int:
    kind = field.kind.text if isinstance(field.kind, PerLanguage) else field.kind
    assert isinstance(kind, (Text, Email, Url, Id)) and kind.max_length is not None
    return kind.max_length


@pytest.fixture(scope="module")
def printed_rows() -> dict[str, tuple[str, str]]:
    """The rows `leaflet schema` prints: path -> (default, description)."""
    return {path: (default, doc) for path, (default, _, doc) in printed_table().items()}


@cache
def printed_table() -> dict[str, tuple[str, str, str]]:
    """The rows `leaflet schema` prints: path -> (default, limits, description)."""
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    table, _, note = result.output.partition("\n\n")
    lines = table.splitlines()
    assert lines[:2] == ["| field | default | limits | what it is |", "| --- | --- | --- | --- |"]
    assert note.startswith("Text (names, addresses, hours, `about`) may use the characters the leaflet's fonts have: ")
    rows: dict[str, tuple[str, str, str]] = {}
    for line in lines[2:]:
        match = ROW.match(line)
        assert match, f"not a table row: {line!r}"
        assert match["path"] not in rows, f"{match['path']} is listed twice"
        rows[match["path"]] = (match["default"], match["limits"], match["doc"])
    return rows


def test_schema_lists_every_field_in_schema_order(printed_rows: dict[str, tuple[str, str]]) -> None:
    assert list(printed_rows) == list(schema_fields())


def test_schema_lists_nested_fields_with_their_paths(printed_rows: dict[str, tuple[str, str]]) -> None:
    assert {"brand.logo", "brand.primary_color", "locations[].id", "locations[].phone"} <= set(printed_rows)


@pytest.mark.parametrize("path", list(schema_fields()))
def test_every_field_has_a_one_line_description(path: str) -> None:
    doc = schema_fields()[path].doc
    assert doc.strip(), f"{path} has no description"
    assert "\n" not in doc
    assert doc.endswith("."), f"{path}: {doc!r} is not a sentence"


def test_printed_descriptions_are_the_schema_docs(printed_rows: dict[str, tuple[str, str]]) -> None:
    for path, field in schema_fields().items():
        default, doc = printed_rows[path]
        assert doc.strip(), f"{path} is printed without a description"
        assert doc.startswith(field.doc), path
        if field.kind.choices():
            assert doc.endswith(f" One of: {', '.join(field.kind.choices())}."), path
        assert default == field.describe_default(), path


def test_required_fields_say_so(printed_rows: dict[str, tuple[str, str]]) -> None:
    required = {path for path, (default, _) in printed_rows.items() if default == "required"}
    inside_optional = {"locations[].id", "locations[].name", "medical_review.by", "medical_review.on"}
    assert required == {"name", "routes", "medical_review.content"} | inside_optional


@pytest.mark.parametrize(
    ("path", "default"),
    [("conditions", "[ptsd]"), ("languages", "[en]"), ("paper", "letter"), ("in_home", "false"), ("country", "US")],
)
def test_defaults_are_printed_as_a_user_writes_them(
    printed_rows: dict[str, tuple[str, str]], path: str, default: str
) -> None:
    assert printed_rows[path][0] == default


# -- limits: printed from the declarations the checks read ----------------------------------------------------------


def test_limits_of_text_are_the_declared_lengths() -> None:
    for path, field in schema_fields().items():
        _, limits, _ = printed_table()[path]
        if isinstance(field.kind, Line):
            assert limits == f"one line, at most {max_length(field)} characters", path
        elif isinstance(field.kind, (Text, Id, Email, Url)):
            assert limits == f"at most {max_length(field)} characters", path
    assert printed_table()["name"][1] == "one line, at most 120 characters"
    assert printed_table()["about"][1] == "at most 600 characters; or one such per language: `{en: ..., es: ...}`"
    assert printed_table()["locations[].address"][1].startswith("one line")


def test_limits_of_a_logo_are_the_logo_checks_limits() -> None:
    assert printed_table()["brand.logo"][1] == "SVG at most 256 KiB; PNG or JPEG at most 2 MiB and 16 million pixels"
    assert (logos.MAX_SVG_BYTES, logos.MAX_RASTER_BYTES, logos.MAX_PIXELS) == (256 * 1024, 2 * 1024 * 1024, 16_000_000)


def test_the_country_limit_lists_the_countries_with_crisis_lines() -> None:
    assert printed_table()["country"][1] == f"one with crisis lines: {', '.join(supported_countries())}"


def too_long(field: Key) -> str:
    if isinstance(field.kind, Url):
        return "https://example.com/" + "a" * (max_length(field) - 19)
    return "a" * (max_length(field) + 1)


@pytest.mark.parametrize(
    "path", [path for path, field in schema_fields().items() if isinstance(field.kind, (Text, Url, PerLanguage))]
)
def test_each_printed_length_is_the_one_validation_enforces(write_clinic: WriteClinic, path: str) -> None:
    field = schema_fields()[path]
    values = {"name": "C", "phone": "505-639-4973", "routes": "[iv]"}
    location = {"id": "a", "name": "A"}
    signed = {"by": "Dr A", "on": "2026-01-01", "content": "0123456789abcdef"}
    nested = {"locations[].": location, "medical_review.": signed}
    place = next((fields for prefix, fields in nested.items() if path.startswith(prefix)), values)
    place[field.name] = f'"{too_long(field)}"'
    text = "".join(f"{key}: {value}\n" for key, value in values.items())
    text += "locations:\n  -" + "".join(f"    {key}: {value}\n" for key, value in location.items())[3:]
    text += "medical_review:\n" + "".join(f"  {key}: {value}\n" for key, value in signed.items())
    with pytest.raises(InvalidInput) as caught:
        load_clinic(write_clinic(text))
    [problem] = caught.value.problems
    assert problem.field == path.replace("[]", "[0]")
    assert f"is {max_length(field) + 1} characters long" in problem.message
