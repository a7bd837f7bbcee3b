"""`leaflet schema` is the reference of the clinic file: every field of leaflet.schema, each with its meaning."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from leaflet.cli import cli
from leaflet.schema import CLINIC_FIELDS, Field

ROW = re.compile(r"^\| `(?P<path>[^`]+)` \| (?P<default>[^|]+) \| (?P<doc>.*) \|$")


def schema_fields(fields: tuple[Field, ...] = CLINIC_FIELDS, prefix: str = "") -> dict[str, Field]:
    """Every field of the schema by its path in the reference: `brand.logo`, `locations[].id`."""
    found: dict[str, Field] = {}
    for field in fields:
        found[prefix + field.name] = field
        if field.fields:
            nested = f"{prefix}{field.name}{'[].' if field.kind == 'locations' else '.'}"
            found.update(schema_fields(field.fields, nested))
    return found


@pytest.fixture(scope="module")
def printed_rows() -> dict[str, tuple[str, str]]:
    """The rows `leaflet schema` prints: path -> (default, description)."""
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["| field | default | what it is |", "| --- | --- | --- |"]
    rows: dict[str, tuple[str, str]] = {}
    for line in lines[2:]:
        match = ROW.match(line)
        assert match, f"not a table row: {line!r}"
        assert match["path"] not in rows, f"{match['path']} is listed twice"
        rows[match["path"]] = (match["default"], match["doc"])
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
        if field.choices:
            assert doc.endswith(f" One of: {', '.join(field.choices)}."), path
        assert default == field.describe_default(), path


def test_required_fields_say_so(printed_rows: dict[str, tuple[str, str]]) -> None:
    required = {path for path, (default, _) in printed_rows.items() if default == "required"}
    assert required == {"name", "routes", "locations[].id", "locations[].name"}


@pytest.mark.parametrize(
    ("path", "default"),
    [("conditions", "[ptsd]"), ("languages", "[en]"), ("paper", "letter"), ("in_home", "false"), ("country", "US")],
)
def test_defaults_are_printed_as_a_user_writes_them(
    printed_rows: dict[str, tuple[str, str]], path: str, default: str
) -> None:
    assert printed_rows[path][0] == default
