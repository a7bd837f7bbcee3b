"""`leaflet new` (leaflet.starter): a commented clinic file to start from, which validates and builds as it is."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import leaflet_exit
from pdf_measure import page_texts
from schema_support import editor_view

from leaflet import load_clinic
from leaflet.spec.clinic import CLINIC
from leaflet.spec.json_schema import clinic_json_schema, clinic_json_schema_text
from leaflet.spec.kinds import flatten
from leaflet.starter import MAX_LOCATIONS, SCHEMA_FILE

SAMPLE_MARK = "SAMPLE — NOT FOR DISTRIBUTION"


@pytest.fixture
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    return leaflet_exit(monkeypatch, "new", *args)


def comments(text: str) -> str:
    """The file's comment text, wrapped lines joined: `# a\\n#   b` -> "a b"."""
    found = (line.strip().removeprefix("#").strip() for line in text.splitlines() if line.strip().startswith("#"))
    return " ".join(found)


@pytest.mark.slow
def test_new_then_build_works_from_an_empty_folder_and_the_leaflet_says_sample(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert new(monkeypatch, "x.yaml") == 0
    assert leaflet_exit(monkeypatch, "build", "x.yaml", "--out", "out", "-j1", "--kind", "handout") == 0
    pdf = empty_folder / "out" / "x" / "ptsd.en.pdf"
    assert pdf.is_file()
    assert SAMPLE_MARK in page_texts(pdf)[0]


def test_the_file_validates_with_only_placeholder_warnings(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(monkeypatch, "x.yaml") == 0
    capsys.readouterr()
    assert leaflet_exit(monkeypatch, "validate", "x.yaml") == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if "warning:" in line]
    assert warnings and all("placeholder-contact" in warning for warning in warnings)
    assert load_clinic(empty_folder / "x.yaml").placeholder_contact


def test_name_and_locations_fill_the_file_and_it_validates(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new(monkeypatch, "clinic.yaml", "--name", "Clínica Río Grande", "--locations", "3") == 0
    text = (empty_folder / "clinic.yaml").read_text(encoding="utf-8")
    assert 'name: "Clínica Río Grande"' in text.splitlines()
    assert "id: clinica-rio-grande" in text.splitlines()
    assert re.findall(r"^  - id: (\S+)$", text, re.MULTILINE) == ["location-1", "location-2", "location-3"]
    assert leaflet_exit(monkeypatch, "validate", "clinic.yaml") == 0
    clinic = load_clinic(empty_folder / "clinic.yaml")
    assert (clinic.name, clinic.id, len(clinic.locations)) == ("Clínica Río Grande", "clinica-rio-grande", 3)
    assert len({location.phone for location in clinic.locations}) == 3


@pytest.mark.parametrize("count", ["0", "-1", str(MAX_LOCATIONS + 1), "many"])
def test_a_number_of_locations_out_of_range_is_refused(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], count: str
) -> None:
    assert new(monkeypatch, "x.yaml", "--locations", count) == 2
    assert "--locations" in capsys.readouterr().err
    assert list(empty_folder.iterdir()) == []


def test_the_most_locations_there_are_numbers_for_validate(empty_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert new(monkeypatch, "x.yaml", "--locations", str(MAX_LOCATIONS)) == 0
    assert len(load_clinic(empty_folder / "x.yaml").locations) == MAX_LOCATIONS


def test_an_existing_file_is_refused_and_kept_unless_forced(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    existing = empty_folder / "x.yaml"
    existing.write_text("name: Mine\n", encoding="utf-8")
    assert new(monkeypatch, "x.yaml") == 2
    assert "x.yaml already exists; choose another name, or --force to replace it" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "name: Mine\n"
    assert sorted(path.name for path in empty_folder.iterdir()) == ["x.yaml"]  # no schema, no temporary file
    assert new(monkeypatch, "x.yaml", "--force") == 0
    assert existing.read_text(encoding="utf-8").startswith("# yaml-language-server:")


def test_a_link_in_the_way_is_refused_and_left(empty_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (empty_folder / "x.yaml").symlink_to(empty_folder / "nowhere.yaml")
    assert new(monkeypatch, "x.yaml") == 2
    assert (empty_folder / "x.yaml").is_symlink() and not (empty_folder / "nowhere.yaml").exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a\x1bb", "--name contains the control or text-direction character U+001B"),
        ("x" * 121, "--name is 121 characters long; keep it to 120"),
        ("", "--name is empty"),
    ],
)
def test_a_name_the_clinic_file_refuses_is_refused_and_nothing_is_written(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    assert new(monkeypatch, "x.yaml", "--name", name) == 2
    assert message in capsys.readouterr().err
    assert list(empty_folder.iterdir()) == []


def test_a_file_that_is_not_yaml_is_refused(empty_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert new(monkeypatch, "clinic.txt") == 2
    assert list(empty_folder.iterdir()) == []


def test_every_declared_field_is_in_the_file_under_its_description(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert new(monkeypatch, "x.yaml") == 0
    text = (empty_folder / "x.yaml").read_text(encoding="utf-8")
    described = comments(text)
    for path, key in flatten(CLINIC).items():
        # A field added to leaflet.spec.clinic is written by leaflet.starter from its declaration; an example for a
        # field without a default goes into leaflet.starter.EXAMPLES.
        assert re.search(rf"^\s*(# )?(- )?{key.name}:", text, re.MULTILINE), f"{path} is not in the file"
        assert key.doc in described, f"{path}'s description is not in the file"


def test_the_first_line_points_editors_at_the_schema_written_beside_it(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert new(monkeypatch, "clinics/x.yaml") == 0
    text = (empty_folder / "clinics" / "x.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert (empty_folder / "clinics" / SCHEMA_FILE).read_text(encoding="utf-8") == clinic_json_schema_text()
    from leaflet.load import read_yaml

    as_an_editor_reads_it = editor_view(read_yaml(empty_folder / "clinics" / "x.yaml").root)
    jsonschema.Draft202012Validator(clinic_json_schema()).validate(as_an_editor_reads_it)


def test_a_schema_beside_is_kept_when_it_is_this_one_and_replaced_only_with_force(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = empty_folder / SCHEMA_FILE
    assert new(monkeypatch, "a.yaml") == 0
    assert new(monkeypatch, "b.yaml") == 0  # the same schema: kept
    schema.write_text(json.dumps({"older": True}), encoding="utf-8")
    capsys.readouterr()
    assert new(monkeypatch, "c.yaml") == 2
    refused = f"{SCHEMA_FILE} already exists and is not this leaflet's schema; --force replaces it"
    assert refused in capsys.readouterr().err
    assert not (empty_folder / "c.yaml").exists()
    assert new(monkeypatch, "c.yaml", "--force") == 0
    assert schema.read_text(encoding="utf-8") == clinic_json_schema_text()


def test_a_schema_beside_that_is_no_regular_file_is_never_opened(
    empty_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(empty_folder / SCHEMA_FILE)  # opening it to compare would wait for a writer forever
    assert new(monkeypatch, "x.yaml") == 2
    assert "--force replaces it" in capsys.readouterr().err
    assert sorted(path.name for path in empty_folder.iterdir()) == [SCHEMA_FILE]
