"""The JSON Schema of the clinic file (leaflet.spec.json_schema): the files leaflet accepts pass it, the fixtures it
refuses for a reason a schema can express fail it at the same field, and it is made from the declarations.

Each file is read as the YAML language server reads it (YAML 1.2: `87109` is a number, `false` a boolean, `NO` the
word), from the tree leaflet's own reader builds."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import FIXTURES, ROOT, SAMPLES, leaflet_exit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_support import editor_view

from leaflet import InvalidInput, load_clinic
from leaflet.cli import cli
from leaflet.load import read_yaml
from leaflet.spec.clinic import CLINIC
from leaflet.spec.json_schema import clinic_json_schema, clinic_json_schema_text
from leaflet.spec.kinds import Key, flatten

ATTACKS = Path(__file__).parent / "attacks"
SHIPPED = ROOT / "docs" / "clinic.schema.json"
# Fixtures leaflet refuses for a reason the schema expresses, with the fields (as leaflet names them) it must flag.
FAILS_THE_SCHEMA: dict[str, set[str]] = {
    "attacks/email-header-injection": {"email"},  # ? and & are not in the address's form
    "attacks/id-traversal": {"id"},  # an id's form
    "attacks/text-direction-mark": {"locations[0].hours"},  # a refused character (U+200F)
    "attacks/text-direction-override": {"name"},  # a refused character
    "attacks/text-per-language-key-space": {"about.en "},  # a language code's form
    "attacks/text-per-language-null": {"locations[0].hours.en"},  # a language's text left empty
    "attacks/text-terminal-escape": {"about"},  # a refused character
    "attacks/url-javascript": {"website"},  # not http(s)://
    "attacks/yaml-norway-no": {"country", "in_home"},  # no crisis lines for NO; 'yes' is not true or false
    "clinics/abroad": {"country"},  # no crisis lines for AU
    "clinics/readme-example": {"routes[1]", "booking-url", "in_home", "brand.primary_color"},
    "clinics/three-problems": {"routes[1]", "webiste", "brand.primary_color"},
}
# Fixtures leaflet refuses for a reason beyond a schema of the file's text: they pass it.
OUT_OF_REACH: dict[str, str] = {
    "attacks/logo-dev-zero": "the logo file (a link to /dev/zero, made by the attack test)",
    "attacks/logo-dotdot": "where the logo file is",
    "attacks/logo-fifo": "the logo file (a FIFO, made by the attack test)",
    "attacks/logo-url-loopback": "the logo's name is a URL: a file name has no form to refuse it by",
    "attacks/png-bomb": "the logo file's pixels",
    "attacks/png-is-jpeg": "the logo file's bytes",
    "attacks/png-is-text": "the logo file's bytes",
    "attacks/svg-entity-bomb": "the logo file's XML",
    "attacks/svg-external-entity": "the logo file's XML",
    "attacks/svg-external-use": "the logo file's XML",
    "attacks/svg-foreign-object": "the logo file's XML",
    "attacks/svg-image-file": "the logo file's XML",
    "attacks/svg-image-loopback": "the logo file's XML",
    "attacks/svg-script": "the logo file's XML",
    "attacks/svg-use-fanout": "the logo file's XML",
    "attacks/text-invisible-name": "a name of invisible characters only (Unicode's categories are validate's)",
    "attacks/url-bad-escape": "a % escape inside a URL (the URL's parts are validate's)",
    "attacks/url-port-zero": "a URL's port (the URL's parts are validate's)",
    "attacks/url-credentials": "a user:password@ inside an http(s) address (the URL's parts are validate's)",
    "attacks/yaml-octal-number": "a phone number's validity",
    "attacks/yaml-oversized": "the file's size (padded by the attack test)",
    "attacks/yaml-unquoted-colour": "the colour is a YAML comment: the schema sees an empty field",
    "clinics/overstated-claim": "the lint: 'cure' in the clinic's own words",
}
# Fixtures leaflet's YAML reader refuses before any field is read (an editor's YAML parser flags most itself).
NOT_READ = (
    "attacks/yaml-aliases-bomb",
    "attacks/yaml-duplicate-keys",
    "attacks/yaml-not-utf8",
    "attacks/yaml-python-tag",
    "attacks/yaml-raw-escape",
    "attacks/yaml-raw-line-separator",
)


def instance(path: Path) -> Any:
    return editor_view(read_yaml(path).root)


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(clinic_json_schema())


def flagged(path: Path) -> set[str]:
    """The fields the schema refuses in a file, as leaflet names them: `brand.primary_color`, `routes[1]`, and
    an unknown key by its own path."""
    fields = set()
    for error in _innermost(validator().iter_errors(instance(path))):
        parts = [f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path]
        if error.validator == "additionalProperties":
            unknown = re.findall(r"'([^']+)' was unexpected", error.message)
            parts += [f".{name}" for name in unknown]
        fields.add("".join(parts).lstrip("."))
    return fields


def _innermost(errors: Iterable[jsonschema.ValidationError]) -> Iterator[jsonschema.ValidationError]:
    """The errors inside an anyOf (an optional field, or text written once or per language) that say what is
    wrong, rather than that the value is not of the other branches' types."""
    for error in errors:
        if error.validator != "anyOf":
            yield error
            continue
        inside = [e for e in error.context or () if not (e.validator in ("type", "pattern") and not e.relative_path)]
        wrong_type = all(e.validator == "type" and not e.relative_path for e in error.context or ())
        yield from [error] if wrong_type or not inside else _innermost(inside)


def fixture(name: str) -> Path:
    [path] = sorted((ROOT / "tests" / name).glob("*.yaml"))
    return path


def valid_files() -> list[Path]:
    refused = {*FAILS_THE_SCHEMA, *OUT_OF_REACH, *NOT_READ}
    fixtures = [*sorted(FIXTURES.rglob("*.yaml")), *sorted(ATTACKS.rglob("*.yaml"))]
    return [*sorted(SAMPLES.glob("*.yaml")), *(path for path in fixtures if _name(path) not in refused)]


def _name(path: Path) -> str:
    folder = path.parent.relative_to(ROOT / "tests")
    return folder.as_posix()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(clinic_json_schema())
    assert clinic_json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_reads_the_same_to_a_draft_07_validator() -> None:
    """The YAML language server validates documents by draft-07 whatever a schema declares (2020-12 support is
    being added as this is written), so the schema uses no keyword draft-07 lacks but annotations."""
    schema = clinic_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    draft_07 = jsonschema.Draft7Validator(schema)
    for path in [*valid_files(), *map(fixture, FAILS_THE_SCHEMA)]:
        found = sorted(error.message for error in draft_07.iter_errors(instance(path)))
        assert found == sorted(error.message for error in validator().iter_errors(instance(path))), path


@pytest.mark.parametrize("path", valid_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_every_file_leaflet_accepts_passes_the_schema(path: Path) -> None:
    errors = [error.message for error in validator().iter_errors(instance(path))]
    assert errors == [], path


@pytest.mark.parametrize("name", sorted(FAILS_THE_SCHEMA))
def test_a_fixture_refused_for_a_reason_the_schema_expresses_fails_it_at_that_field(name: str) -> None:
    path = fixture(name)
    with pytest.raises(InvalidInput) as refused:
        load_clinic(path)
    reported = {problem.field for problem in refused.value.problems}
    assert FAILS_THE_SCHEMA[name] <= reported, "the table names a field leaflet does not report"
    assert flagged(path) == FAILS_THE_SCHEMA[name]


@pytest.mark.parametrize("name", sorted(OUT_OF_REACH))
def test_a_fixture_refused_for_a_reason_beyond_the_schema_passes_it(name: str) -> None:
    assert flagged(fixture(name)) == set(), OUT_OF_REACH[name]


def test_every_fixture_is_classified() -> None:
    """A new fixture folder must be put in this file's tables: valid (found by leaflet validate), failing the
    schema at the fields it names, beyond its reach (and why), or refused by the YAML reader."""
    classified = {*FAILS_THE_SCHEMA, *OUT_OF_REACH, *NOT_READ}
    names = {_name(path) for path in [*FIXTURES.rglob("*.yaml"), *ATTACKS.rglob("*.yaml")]}
    assert classified <= names, f"no such fixture: {sorted(classified - names)}"
    for path in valid_files()[len(list(SAMPLES.glob("*.yaml"))) :]:
        if path.parent.name == "duplicate-ids":  # each file is valid; only the two together are refused
            continue
        load_clinic(path)  # raises for a refused fixture missing from the tables


@pytest.mark.parametrize("name", NOT_READ)
def test_the_fixtures_the_reader_refuses_are_refused_before_any_field(name: str) -> None:
    with pytest.raises(InvalidInput):
        read_yaml(fixture(name))


# -- made from the declarations ---------------------------------------------------------------------------------


def schema_at(path: str) -> dict[str, Any]:
    """The property schema of a field by its path in the reference: `brand.logo`, `locations[].id`."""
    node: dict[str, Any] = clinic_json_schema()
    for part in path.split("."):
        node = _object(node)["properties"][part.removesuffix("[]")]
        if part.endswith("[]"):
            node = {"anyOf": [_branch(node, "array")["items"]]}
    return node


def _branch(node: dict[str, Any], json_type: str) -> dict[str, Any]:
    """The part of a schema that takes values of a JSON type: an optional field is anyOf its kind or blank."""
    if "anyOf" not in node:
        return node
    types = (_branch(branch, json_type) for branch in node["anyOf"])
    return next(branch for branch in types if json_type in branch.get("type", ()))


def _object(node: dict[str, Any]) -> dict[str, Any]:
    return _branch(node, "object")


@pytest.mark.parametrize("path", list(flatten(CLINIC)))
def test_every_field_is_in_the_schema_with_its_description(path: str) -> None:
    key: Key = flatten(CLINIC)[path]
    found = schema_at(path)
    assert found["description"] == key.doc
    assert found["markdownDescription"].startswith(key.doc)


def test_required_fields_and_unknown_keys_follow_the_declarations() -> None:
    schema = clinic_json_schema()
    assert schema["required"] == ["name", "routes"]
    assert schema["additionalProperties"] is False
    location = _branch(schema_at("locations"), "array")["items"]
    assert location["required"] == ["id", "name"] and location["additionalProperties"] is False
    assert _object(schema_at("medical_review"))["required"] == ["by", "on", "content"]


def test_choices_limits_and_defaults_are_the_declared_ones() -> None:
    routes = schema_at("routes")  # required: no blank branch
    assert routes["items"]["enum"] == ["iv", "intranasal", "intramuscular", "oral"]
    assert routes["uniqueItems"] is True and routes["minItems"] == 1
    assert _branch(schema_at("paper"), "string")["enum"] == ["letter", "a4"]
    assert schema_at("name")["maxLength"] == 120
    assert _branch(schema_at("about"), "string")["maxLength"] == 600
    assert schema_at("languages")["default"] == ["en"]
    assert schema_at("brand.primary_color")["default"] == "#2a6f97"


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("name: C\nroutes: [iv]\nbrand: {primary_color: '#12345G'}\n", {"brand.primary_color"}),
        ("name: C\nroutes: [iv]\nbrand: {accent_color: '#18c'}\n", set()),
        ("name: C\nroutes: [iv, iv]\n", {"routes"}),
        ("name: C\nroutes: []\n", {"routes"}),
        ("name: C\nroutes: [iv]\npaper: A5\n", {"paper"}),
        ("name: C\nroutes: [iv]\nlanguages: [fr]\n", {"languages[0]"}),
        ("name: C\nroutes: [iv]\nabout: {en: Hi, fr: Salut}\n", {"about.fr"}),
        ("name: C\nroutes: [iv]\nabout: {en: Hi, es: Hola}\n", set()),
        ("name: C\nroutes: [iv]\nid: My Clinic\n", {"id"}),
        ("name: C\nroutes: [iv]\nid: 2024\nemail:\nwebsite: ''\n", set()),
        ('name: "Two\\nlines"\nroutes: [iv]\n', {"name"}),
        ("name: ''\nroutes: [iv]\n", {"name"}),
        ("routes: [iv]\n", {""}),
        ("name: C\nroutes: [iv]\nin_home: TRUE\ninterpreter: 'false'\nlocations: []\n", set()),
        (
            "name: C\nroutes: [iv]\nmedical_review: {by: Dr A, on: 26-1-1, content: 0123456789abcdef}\n",
            {"medical_review.on"},
        ),
    ],
)
def test_what_the_schema_refuses_in_a_file(tmp_path: Path, text: str, refused: set[str]) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(text, encoding="utf-8")
    assert flagged(path) == refused


# -- the command, and the shipped copy -------------------------------------------------------------------------


def test_leaflet_schema_writes_the_json_schema_when_asked() -> None:
    result = CliRunner().invoke(cli, ["schema", "--format", "json-schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == clinic_json_schema()
    assert result.output == clinic_json_schema_text()


def test_leaflet_schema_still_prints_the_markdown_reference_by_default() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.output.startswith("| field | default | limits | what it is |")
    markdown = CliRunner().invoke(cli, ["schema", "--format", "markdown"])
    assert markdown.output == result.output


def test_an_unknown_format_is_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert leaflet_exit(monkeypatch, "schema", "--format", "xml") == 2
    assert "'xml' is not one of" in capsys.readouterr().err


def test_the_schema_is_the_same_text_every_time() -> None:
    assert clinic_json_schema_text() == clinic_json_schema_text()
    assert clinic_json_schema_text().endswith("}\n") and clinic_json_schema_text().isascii()


def test_the_shipped_copy_is_the_generated_schema() -> None:
    written = SHIPPED.read_text(encoding="utf-8") if SHIPPED.exists() else ""
    assert written == clinic_json_schema_text(), (
        "docs/clinic.schema.json is out of date; write it again: "
        ".venv/bin/leaflet schema --format json-schema > docs/clinic.schema.json"
    )


# -- never refuses what leaflet accepts -------------------------------------------------------------------------

FUZZ = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARK = "@@value@@"
BASE = {
    "name": "Fuzz Clinic",
    "phone": "505-555-0100",
    "routes": ["iv"],
    "locations": [{"id": "main", "name": "Main", "postal_code": "87000"}],
    "brand": {"primary_color": "#2a6f97"},
}
# A field of each kind of scalar, as a path into the file.
FIELDS = (
    ("name",),
    ("id",),
    ("email",),
    ("website",),
    ("about",),
    ("in_home",),
    ("country",),
    ("paper",),
    ("brand", "primary_color"),
    ("locations", 0, "postal_code"),
    ("locations", 0, "hours"),
)
CHARACTERS = "aZ09 #-.:@/_+'%é\u00a0\t\n\x85\u2028\u202e\x1b"
WORDS = ("true", "False", "NO", "us", "1e3", "0x1f", "087", "a4", "#fff", "#2A6F97", "info@example.com", "~")


def file_with(path: tuple[str | int, ...], written: str) -> str:
    clinic: Any = json.loads(json.dumps(BASE))
    place = clinic
    for part in path[:-1]:
        place = place[part]
    place[path[-1]] = MARK
    return yaml.safe_dump(clinic, sort_keys=False, allow_unicode=True).replace(f"'{MARK}'", written)


@FUZZ
@given(
    field=st.sampled_from(FIELDS),
    value=st.one_of(st.text(st.sampled_from(CHARACTERS), max_size=30), st.sampled_from(WORDS)),
    plain=st.booleans(),
)
def test_the_schema_never_refuses_a_value_leaflet_accepts(
    tmp_path_factory: pytest.TempPathFactory, field: tuple[str | int, ...], value: str, plain: bool
) -> None:
    simple = re.fullmatch(r"[A-Za-z0-9~][A-Za-z0-9 .@_+-]*[A-Za-z0-9]|[A-Za-z0-9~]", value) is not None
    written = value if plain and simple else json.dumps(value, ensure_ascii=False)
    path = tmp_path_factory.mktemp("fuzz") / "clinic.yaml"
    path.write_text(file_with(field, written), encoding="utf-8")
    try:
        load_clinic(path)
    except InvalidInput:
        return
    assert [error.message for error in validator().iter_errors(instance(path))] == []
